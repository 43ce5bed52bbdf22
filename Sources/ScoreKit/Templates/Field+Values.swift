/// What a field's text depends on besides the record.
public struct RenderContext: Sendable {
    public var dateFormat: DateFormat
    /// The date of this run, for Download Date.
    public var downloadDate: CalendarDate

    public init(dateFormat: DateFormat, downloadDate: CalendarDate) {
        self.dateFormat = dateFormat
        self.downloadDate = downloadDate
    }
}

extension Field {
    /// The field's text for `score`: empty when absent; a value that could not be parsed is kept as it came.
    public func text(of score: TestScore, _ context: RenderContext) -> String {
        let decimals = score.test.scale.decimals
        func date(_ value: Checked<CalendarDate>?) -> String {
            switch value {
            case .valid(let date): context.dateFormat.format(date)
            case .invalid(let text): text
            case nil: ""
            }
        }
        func number(_ value: Checked<ExactDecimal>?, decimals: Int = decimals) -> String {
            switch value {
            case .valid(let value): value.formatted(decimals: decimals)
            case .invalid(let text): text
            case nil: ""
            }
        }
        if let storage { return score[storage] }
        switch self {
        case .centreNumber: return score.session.centre
        case .candidateNumber: return score.session.candidateNumber
        case .candidateId: return ""
        case .testDate: return date(score.session.testDate)
        case .module: return score.test.module ?? ""
        case .dateOfBirth: return date(score.candidate.dateOfBirth)
        case .gender: return score.candidate.gender?.rawValue ?? ""
        case .listeningScore: return number(score.scores.listening)
        case .readingScore: return number(score.scores.reading)
        case .writingScore: return number(score.scores.writing)
        case .speakingScore: return number(score.scores.speaking)
        case .overallBandScore: return number(score.scores.overall)
        case .trfNumber: return score.test.isIELTS ? score.id : ""
        case .postalAddress: return score.candidate.composedPostalAddress
        case .downloadDate: return context.dateFormat.format(context.downloadDate)
        case .testType: return score.test.displayName
        case .scoreScale: return score.test.scale.rawValue
        case .status: return score.status.rawValue
        case .cefrLevel:
            switch score.cefr {
            case .valid(let level): return level.rawValue
            case .invalid(let text): return text
            case nil: return ""
            }
        case .reportDate: return date(score.session.reportDate)
        case .lastModified:
            switch score.session.lastModified {
            case .valid(let time): return time.description
            case .invalid(let text): return text
            case nil: return ""
            }
        case .appointmentNumber: return score.test.isIELTS ? "" : score.id
        case .comparableIbtScore: return number(score.comparableIBT, decimals: 0)
        case .listeningAccommodation: return score.listeningAccommodation ? "Y" : ""
        case .speakingAccommodation: return score.speakingAccommodation ? "Y" : ""
        case .myBestListening: return number(score.myBest?.scores.listening)
        case .myBestListeningDate: return date(score.myBest?.listeningDate)
        case .myBestReading: return number(score.myBest?.scores.reading)
        case .myBestReadingDate: return date(score.myBest?.readingDate)
        case .myBestWriting: return number(score.myBest?.scores.writing)
        case .myBestWritingDate: return date(score.myBest?.writingDate)
        case .myBestSpeaking: return number(score.myBest?.scores.speaking)
        case .myBestSpeakingDate: return date(score.myBest?.speakingDate)
        case .myBestTotal: return number(score.myBest?.scores.overall)
        case .myBestComparableIbt: return number(score.myBest?.comparableIBT, decimals: 0)
        case .myBestCefr: return score.myBest?.cefr ?? ""
        case .myBestAsOfDate: return date(score.myBest?.asOfDate)
        case .testMode: return score.session.testMode
        case .testCentreCountry: return score.session.centreCountry
        case .listeningCefr: return score.sectionCEFR.listening
        case .readingCefr: return score.sectionCEFR.reading
        case .writingCefr: return score.sectionCEFR.writing
        case .speakingCefr: return score.sectionCEFR.speaking
        case .ieltsEquivalent:
            // 0-120 totals directly; 1-6 scores through the feed's comparable 0-120 score.
            let total =
                score.test == .toeflIBT ? score.scores.overall : score.test == .toeflIBT26 ? score.comparableIBT : nil
            return total?.value.flatMap { ScoreRules.ieltsEquivalent(toefl120Total: $0) } ?? ""
        default:
            // A stored field, read above (see `storage`).
            return ""
        }
    }

    /// The typed score behind a score field (for spreadsheet cells), and the decimals it shows with.
    public func score(of score: TestScore) -> (value: Checked<ExactDecimal>?, decimals: Int) {
        let decimals = score.test.scale.decimals
        switch self {
        case .listeningScore: return (score.scores.listening, decimals)
        case .readingScore: return (score.scores.reading, decimals)
        case .writingScore: return (score.scores.writing, decimals)
        case .speakingScore: return (score.scores.speaking, decimals)
        case .overallBandScore: return (score.scores.overall, decimals)
        case .comparableIbtScore: return (score.comparableIBT, 0)
        case .myBestListening: return (score.myBest?.scores.listening, decimals)
        case .myBestReading: return (score.myBest?.scores.reading, decimals)
        case .myBestWriting: return (score.myBest?.scores.writing, decimals)
        case .myBestSpeaking: return (score.myBest?.scores.speaking, decimals)
        case .myBestTotal: return (score.myBest?.scores.overall, decimals)
        case .myBestComparableIbt: return (score.myBest?.comparableIBT, 0)
        default: return (nil, decimals)
        }
    }

    /// The typed date behind a date field (for spreadsheet cells).
    public func date(of score: TestScore, _ context: RenderContext) -> Checked<CalendarDate>? {
        switch self {
        case .testDate: score.session.testDate
        case .dateOfBirth: score.candidate.dateOfBirth
        case .reportDate: score.session.reportDate
        case .downloadDate: .valid(context.downloadDate)
        case .myBestListeningDate: score.myBest?.listeningDate
        case .myBestReadingDate: score.myBest?.readingDate
        case .myBestWritingDate: score.myBest?.writingDate
        case .myBestSpeakingDate: score.myBest?.speakingDate
        case .myBestAsOfDate: score.myBest?.asOfDate
        default: nil
        }
    }

    /// Reads the field's text back into `score` (the inverse of `text(of:_:)`), dates in `dateFormat`.
    /// `testType` and `Module` are applied by the caller first, since the test decides the scale.
    public func apply(_ text: String, to score: inout TestScore, dateFormat: DateFormat) {
        guard !text.isEmpty else { return }
        if let storage {
            score[storage] = text
            return
        }
        func date() -> Checked<CalendarDate> {
            dateFormat.parse(text).map { .valid($0) } ?? parseAnyUnambiguous(text) ?? .invalid(text)
        }
        func number() -> Checked<ExactDecimal> { ExactDecimal(text).map { .valid($0) } ?? .invalid(text) }
        func best(_ change: (inout MyBestScores) -> Void) {
            var value = score.myBest ?? MyBestScores()
            change(&value)
            score.myBest = value
        }
        switch self {
        case .centreNumber: score.session.centre = text
        case .candidateNumber: score.session.candidateNumber = text
        case .candidateId: score.candidate.candidateId = text
        case .testDate: score.session.testDate = date()
        case .module, .testType, .scoreScale, .downloadDate, .appointmentNumber, .trfNumber, .ieltsEquivalent: break
        case .dateOfBirth: score.candidate.dateOfBirth = date()
        case .gender: score.candidate.gender = Gender(rawValue: text.uppercased()) ?? .unspecified
        case .listeningScore: score.scores.listening = number()
        case .readingScore: score.scores.reading = number()
        case .writingScore: score.scores.writing = number()
        case .speakingScore: score.scores.speaking = number()
        case .overallBandScore: score.scores.overall = number()
        case .postalAddress: score.candidate.postalAddress = text
        case .status: score.status = text.trimmingASCIISpaces().uppercased().hasPrefix("C") ? .cancelled : .reported
        case .cefrLevel:
            score.cefr = CEFRLevel(text: text).map { .valid($0) } ?? .invalid(text)
            score.cefrDerived = false
        case .reportDate: score.session.reportDate = date()
        case .lastModified: score.session.lastModified = Timestamp(iso: text).map { .valid($0) } ?? .invalid(text)
        case .comparableIbtScore: score.comparableIBT = number()
        case .listeningAccommodation: score.listeningAccommodation = text.trimmingASCIISpaces().uppercased() == "Y"
        case .speakingAccommodation: score.speakingAccommodation = text.trimmingASCIISpaces().uppercased() == "Y"
        case .myBestListening: best { $0.scores.listening = number() }
        case .myBestListeningDate: best { $0.listeningDate = date() }
        case .myBestReading: best { $0.scores.reading = number() }
        case .myBestReadingDate: best { $0.readingDate = date() }
        case .myBestWriting: best { $0.scores.writing = number() }
        case .myBestWritingDate: best { $0.writingDate = date() }
        case .myBestSpeaking: best { $0.scores.speaking = number() }
        case .myBestSpeakingDate: best { $0.speakingDate = date() }
        case .myBestTotal: best { $0.scores.overall = number() }
        case .myBestComparableIbt: best { $0.comparableIBT = number() }
        case .myBestCefr: best { $0.cefr = text }
        case .myBestAsOfDate: best { $0.asOfDate = date() }
        case .testMode: score.session.testMode = text
        case .testCentreCountry: score.session.centreCountry = text
        case .listeningCefr: score.sectionCEFR.listening = text
        case .readingCefr: score.sectionCEFR.reading = text
        case .writingCefr: score.sectionCEFR.writing = text
        case .speakingCefr: score.sectionCEFR.speaking = text
        default:
            // A stored field, set above (see `storage`).
            break
        }
    }
}

/// A date in one of the formats that cannot be mistaken for another (yyyy-mm-dd, or yyyymmdd with a plausible year).
func parseAnyUnambiguous(_ text: String) -> Checked<CalendarDate>? {
    if let date = DateFormat.isoDate.parse(text) { return .valid(date) }
    return nil
}

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
        withText(of: score, context) { $0.isEmpty ? "" : String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the field's text (see ``text(of:_:)``) as UTF-8 bytes, valid only inside it. Stored
    /// fields, scores, dates and codes make no String on the way: writers call this per cell.
    func withText<Result>(
        of score: TestScore, _ context: RenderContext, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        if let storage { return score.withBytes(storage, body) }
        let decimals = score.test.scale.decimals
        func text(_ text: String) -> Result {
            var text = text
            return text.withUTF8(body)
        }
        func none() -> Result { body(UnsafeBufferPointer(start: nil, count: 0)) }
        func date(_ value: Checked<CalendarDate>?) -> Result {
            switch value {
            case .valid(let date): context.dateFormat.withText(date, body)
            case .invalid(let invalid): text(invalid)
            case nil: none()
            }
        }
        func number(_ value: Checked<ExactDecimal>?, decimals: Int = decimals) -> Result {
            switch value {
            case .valid(let value): value.withText(decimals: decimals, body)
            case .invalid(let invalid): text(invalid)
            case nil: none()
            }
        }
        switch self {
        case .candidateId: return none()
        case .testDate: return date(score.session.testDate)
        case .module:
            // A value that named no module is written back as it came; a guess is not written as a module.
            if !score.text.isEmpty(.sourceModule) { return score.text.withBytes(.sourceModule, body) }
            if score.moduleIsGuessed { return none() }
            return score.test.module.map(text) ?? none()
        case .dateOfBirth: return date(score.candidate.dateOfBirth)
        case .gender: return score.candidate.gender.map { text($0.rawValue) } ?? none()
        case .listeningScore: return number(score.scores.listening)
        case .readingScore: return number(score.scores.reading)
        case .writingScore: return number(score.scores.writing)
        case .speakingScore: return number(score.scores.speaking)
        case .overallBandScore: return number(score.scores.overall)
        case .trfNumber: return score.test.isIELTS ? score.text.withBytes(.id, body) : none()
        case .postalAddress: return text(score.candidate.composedPostalAddress)
        case .downloadDate: return context.dateFormat.withText(context.downloadDate, body)
        // A guessed module is not written as known: "IELTS", which reads back as a guess again.
        case .testType: return text(score.moduleIsGuessed ? TestFamily.ielts.rawValue : score.test.displayName)
        case .scoreScale: return text(score.test.scale.rawValue)
        case .status: return text(score.status.rawValue)
        case .cefrLevel:
            switch score.cefr {
            case .valid(let level): return text(level.rawValue)
            case .invalid(let invalid): return text(invalid)
            case nil: return none()
            }
        case .reportDate: return date(score.session.reportDate)
        case .lastModified:
            switch score.session.lastModified {
            case .valid(let time): return text(time.description)
            case .invalid(let invalid): return text(invalid)
            case nil: return none()
            }
        case .appointmentNumber: return score.test.isIELTS ? none() : score.text.withBytes(.id, body)
        case .comparableIbtScore: return number(score.comparableIBT, decimals: 0)
        case .listeningAccommodation: return score.listeningAccommodation ? text("Y") : none()
        case .speakingAccommodation: return score.speakingAccommodation ? text("Y") : none()
        case .myBestListening, .myBestReading, .myBestWriting, .myBestSpeaking, .myBestTotal, .myBestComparableIbt:
            let (value, places) = self.score(of: score)
            return number(value, decimals: places)
        case .myBestListeningDate, .myBestReadingDate, .myBestWritingDate, .myBestSpeakingDate, .myBestAsOfDate:
            return date(self.date(of: score, context))
        case .myBestCefr: return score.hasMyBest ? text(score.best.cefr) : none()
        case .ieltsEquivalent:
            // 0-120 totals directly; 1-6 scores through the feed's comparable 0-120 score.
            let total =
                score.test == .toeflIBT ? score.scores.overall : score.test == .toeflIBT26 ? score.comparableIBT : nil
            return total?.value.flatMap { ScoreRules.ieltsEquivalent(toefl120Total: $0) }.map(text) ?? none()
        default:
            // A stored field, read above (see `storage`).
            return none()
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
        case .myBestListening: return (score.hasMyBest ? score.best.scores.listening : nil, decimals)
        case .myBestReading: return (score.hasMyBest ? score.best.scores.reading : nil, decimals)
        case .myBestWriting: return (score.hasMyBest ? score.best.scores.writing : nil, decimals)
        case .myBestSpeaking: return (score.hasMyBest ? score.best.scores.speaking : nil, decimals)
        case .myBestTotal: return (score.hasMyBest ? score.best.scores.overall : nil, decimals)
        case .myBestComparableIbt: return (score.hasMyBest ? score.best.comparableIBT : nil, 0)
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
        case .myBestListeningDate: score.hasMyBest ? score.best.listeningDate : nil
        case .myBestReadingDate: score.hasMyBest ? score.best.readingDate : nil
        case .myBestWritingDate: score.hasMyBest ? score.best.writingDate : nil
        case .myBestSpeakingDate: score.hasMyBest ? score.best.speakingDate : nil
        case .myBestAsOfDate: score.hasMyBest ? score.best.asOfDate : nil
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

/// The TOEFL checks: the codes the layout lists, the score object, accommodations, the comparable 0-120 score and
/// MyBest.
extension Validator {
    func checkTOEFL(_ score: TestScore, _ problems: inout [RecordProblem]) {
        checkTOEFLCodes(score, &problems)
        if let problem = score.candidate.text.withBytes(.securityIdLast4, Self.lastFourProblem) {
            problems.append(problem)
        }
        let scale = score.test.scale
        if score.listeningAccommodation, let value = score.scores.listening {
            problems.append(
                .scoreDespiteAccommodation(field: .listeningScore, value: Self.text(value, scale), indicator: "L"))
        }
        if score.speakingAccommodation, let value = score.scores.speaking {
            problems.append(
                .scoreDespiteAccommodation(field: .speakingScore, value: Self.text(value, scale), indicator: "S"))
        }
        if scale == .toefl6,
            let problem = Self.comparableProblem(
                band: score.scores.overall, comparable: score.comparableIBT, field: .comparableIbtScore)
        {
            problems.append(problem)
        }
        if score.hasMyBest { checkMyBestRules(score.best, scale: scale, &problems) }
    }

    /// Codes outside the layout's lists are read as something (U, reported, no accommodation, the score object's
    /// scale) and warned about with the code as it came.
    private func checkTOEFLCodes(_ score: TestScore, _ problems: inout [RecordProblem]) {
        let lower = { (byte: UInt8) in byte | 0x20 }
        if let code = Self.unknownCode(score.text, .sourceStatus, known: { lower($0) == 0x63 || lower($0) == 0x72 }) {
            problems.append(.unknownCode(field: .sourceStatus, code: code, expected: "C or R (read as reported)"))
        }
        if let code = Self.unknownCode(score.candidate.text, .genderCode, known: { (0x30...0x35).contains($0) }) {
            problems.append(
                .unknownCode(field: .genderCode, code: code, expected: "a TOEFL gender code 0-5 (read as U)"))
        }
        if let code = Self.unknownCode(score.text, .listeningAccommodationCode, known: { lower($0) == 0x6C }) {
            problems.append(
                .unknownCode(
                    field: .listeningAccommodation, code: code, expected: "blank or L (read as no accommodation)"))
        }
        if let code = Self.unknownCode(score.text, .speakingAccommodationCode, known: { lower($0) == 0x73 }) {
            problems.append(
                .unknownCode(
                    field: .speakingAccommodation, code: code, expected: "blank or S (read as no accommodation)"))
        }
        let named = score.text.withBytes(.sourceTestType) { $0.count == 1 ? TOEFLRecordReader.kind(code: $0[0]) : nil }
        // The common case, a one-letter code naming the record's own test, makes no String.
        if named == score.test { return }
        let testType = score.sourceTestType.trimmingASCIISpaces()
        guard !testType.isEmpty else { return }
        if let kind = TOEFLRecordReader.kind(testType: testType) {
            if kind != score.test {
                problems.append(
                    .scoreObjectMismatch(
                        testType: testType, object: TOEFLRecordReader.scoreObject(of: score.test),
                        readAs: score.test.displayName))
            }
        } else {
            problems.append(
                .unknownCode(
                    field: .testType, code: testType, expected: "I, C, E or K (read as \(score.test.displayName))"))
        }
    }

    /// The code in `slot`, trimmed as the readers trim it, when it is neither empty nor one byte that `known`
    /// accepts. Checked on the bytes: only an unknown code makes a String.
    static func unknownCode<Slot: TextSlot>(_ fields: TextFields<Slot>, _ slot: Slot, known: (UInt8) -> Bool)
        -> String?
    {
        fields.withBytes(slot) { bytes in
            if bytes.count == 1 && known(bytes[0]) { return nil }
            let code = bytes.trimmingASCIISpaces()
            if code.isEmpty || (code.count == 1 && known(code[0])) { return nil }
            return String(decoding: code, as: UTF8.self)
        }
    }

    /// A `securityIdLast4` that is not 4 digits (blanks around it ignored, as for codes; none at all is fine).
    /// Checked on the bytes: the common record makes no String.
    static func lastFourProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> RecordProblem? {
        let value = bytes.trimmingASCIISpaces()
        let digitsOnly = value.allSatisfy { (0x30...0x39).contains($0) }
        if value.isEmpty || (value.count == 4 && digitsOnly) { return nil }
        let characters = value.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return .notLastFourDigits(characters: characters, digitsOnly: digitsOnly)
    }

    /// MyBest values on their scales and readable dates: warnings.
    func checkMyBestScores(_ best: MyBestScores, scale: ScoreScale, _ problems: inout [RecordProblem]) {
        for section in Section.allCases {
            check(best.scores[section], field: section.myBestField, range: scale.section, scale: scale, &problems)
        }
        check(best.scores.overall, field: .myBestTotal, range: scale.overall, scale: scale, &problems)
        if let comparable = best.comparableIBT {
            check(
                comparable, field: .myBestComparableIbt, range: ScoreScale.toefl120.overall, scale: .toefl120,
                &problems)
        }
        for section in Section.allCases { checkDate(best.date(of: section), field: section.myBestDateField, &problems) }
        checkDate(best.asOfDate, field: .myBestAsOfDate, &problems)
    }

    /// MyBest section test dates that cannot be right: after today, after the MyBest as-of date, or before the
    /// date of birth.
    func checkMyBestDates(_ best: MyBestScores, birth: CalendarDate?, _ problems: inout [RecordProblem]) {
        let asOf = best.asOfDate?.value
        for section in Section.allCases {
            guard let date = best.date(of: section)?.value else { continue }
            let reason: String
            if date > today {
                reason = "after today (\(today))"
            } else if let asOf, date > asOf {
                reason = "after the MyBest as-of date (\(asOf))"
            } else if let birth, date < birth {
                reason = "before the date of birth"
            } else {
                continue
            }
            problems.append(.myBestDateImpossible(field: section.myBestDateField, date: date, reason: reason))
        }
    }

    /// How the MyBest total, comparable and level follow from the MyBest scores is stated only in secondary sources
    /// (API.md, "MyBest ... treat it as a note-level check"): notes. A level that is no CEFR level is a warning.
    private func checkMyBestRules(_ best: MyBestScores, scale: ScoreScale, _ problems: inout [RecordProblem]) {
        if let problem = Self.overallProblem(best.scores, field: .myBestTotal, scale: scale) {
            problems.append(.myBestUnconfirmed(problem))
        } else if best.scores.overall == nil && Self.hasSection(best.scores) {
            problems.append(.myBestUnconfirmed(.missingOverall(field: .myBestTotal)))
        }
        if scale == .toefl6,
            let problem = Self.comparableProblem(
                band: best.scores.overall, comparable: best.comparableIBT, field: .myBestComparableIbt)
        {
            problems.append(.myBestUnconfirmed(problem))
        }
        guard !best.cefr.isEmpty else { return }
        // A level as written needs no trimming or case folding (which make Strings).
        guard let level = CEFRLevel(exactly: best.cefr) ?? CEFRLevel(text: best.cefr) else {
            let text = best.cefr.trimmingASCIISpaces()
            if !text.isEmpty { problems.append(.unrecognizedCEFR(field: .myBestCefr, text: text)) }
            return
        }
        let total = LevelDerivation.onScale(best.scores.overall, scale.overall)
        if let problem = Self.levelProblem(level, field: .myBestCefr, score: total, scale: scale) {
            problems.append(.myBestUnconfirmed(problem))
        }
    }

    /// A comparable 0-120 score outside the ETS range of its 1-6 band (both must be readable and on their scales).
    static func comparableProblem(band: Checked<ExactDecimal>?, comparable: Checked<ExactDecimal>?, field: Field)
        -> RecordProblem?
    {
        guard let band = LevelDerivation.onScale(band, ScoreScale.toefl6.overall),
            let comparable = LevelDerivation.onScale(comparable, ScoreScale.toefl120.overall),
            let range = ScoreRules.comparableRange(band: band), !range.contains(comparable.hundredths / 100)
        else { return nil }
        return .comparableOutOfRange(
            field: field, comparable: comparable.formatted(decimals: 0), band: band.formatted(decimals: 1),
            range: "\(range.lowerBound)-\(range.upperBound)")
    }

    /// A score as the output shows it.
    static func text(_ value: Checked<ExactDecimal>, _ scale: ScoreScale) -> String {
        switch value {
        case .valid(let score): score.formatted(decimals: scale.decimals)
        case .invalid(let text): text
        }
    }
}

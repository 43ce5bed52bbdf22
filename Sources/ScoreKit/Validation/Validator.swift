/// Checks one record against the rules (``ScoreRules``) and lists every problem, warnings and notes.
public struct Validator: Sendable {
    /// The day the run counts as today, for the 2-year validity.
    public var today: CalendarDate

    public init(today: CalendarDate) {
        self.today = today
    }

    /// Every problem of `score`, warnings and notes, in the order of its fields.
    public func problems(in score: TestScore) -> [RecordProblem] {
        var problems = score.sourceProblems.map(RecordProblem.source)
        if score.text.isEmpty(.id) { problems.append(.missingID) }
        if score.candidate.text.isEmpty(.familyName) {
            problems.append(score.candidate.text.isEmpty(.firstName) ? .missingName : .missingFamilyName)
        }
        let scale = score.test.scale
        let s = score.scores
        for section in Section.allCases {
            check(s[section], field: section.scoreField, range: scale.section, scale: scale, &problems)
        }
        check(s.overall, field: .overallBandScore, range: scale.overall, scale: scale, &problems)
        if score.hasMyBest {
            checkMyBestScores(score.best, scale: scale, &problems)
            checkMyBestDates(score.best, birth: score.candidate.dateOfBirth?.value, &problems)
        }
        if let comparable = score.comparableIBT {
            check(
                comparable, field: .comparableIbtScore, range: ScoreScale.toefl120.overall, scale: .toefl120, &problems)
        }
        if let problem = Self.overallProblem(s, field: .overallBandScore, scale: scale) { problems.append(problem) }
        if score.status == .reported {
            checkMissingSections(score, &problems)
            if s.overall == nil && Self.hasSection(s) { problems.append(.missingOverall(field: .overallBandScore)) }
        }
        checkLevels(score, &problems)
        if score.test.isIELTS {
            checkIELTSCodes(score, &problems)
        } else {
            checkTOEFL(score, &problems)
        }

        checkDate(score.session.testDate, field: .testDate, &problems)
        checkDate(score.candidate.dateOfBirth, field: .dateOfBirth, &problems)
        checkDate(score.session.reportDate, field: .reportDate, &problems)
        if case .invalid(let text) = score.session.lastModified {
            problems.append(.unparseableDate(field: .lastModified, text: text))
        }
        checkDateOrder(score, &problems)
        if score.status == .reported && score.session.testDate == nil { problems.append(.missingTestDate) }
        // With a date of birth not before it, the test date may be a date of birth (columns that moved): its
        // validity means nothing, and a message about it would show that date.
        if score.status == .reported, let testDate = score.session.testDate?.value,
            !problems.contains(where: { if case .birthNotBeforeTest = $0 { true } else { false } })
        {
            let validUntil = ScoreRules.validUntil(testDate: testDate)
            if validUntil < today {
                problems.append(.expired(family: score.test.family, testDate: testDate, validUntil: validUntil))
            }
        }
        if score.sourceProblems.contains(where: { $0.kind == "date-off-format" }) {
            // The reader said which format the date misses: "not a date in any format read" would be wrong.
            let named = Set(score.sourceProblems.compactMap { $0.kind == "date-off-format" ? $0.field : nil })
            problems.removeAll { $0.kind == "unparseable-date" && named.contains($0.field) }
        }
        return problems
    }

    /// An overall score that does not follow from its four sections (`scores` of the record or of MyBest).
    static func overallProblem(_ scores: SectionScores, field: Field, scale: ScoreScale) -> RecordProblem? {
        guard let overall = scores.overall?.value, let l = scores.listening?.value, let r = scores.reading?.value,
            let w = scores.writing?.value, let sp = scores.speaking?.value,
            let expected = ScoreRules.expectedOverall(scale: scale, l, r, w, sp), expected != overall
        else { return nil }
        return .overallInconsistent(
            field: field, reported: overall.formatted(decimals: scale.decimals),
            expected: expected.formatted(decimals: scale.decimals))
    }

    /// Whether any of the four section scores is there (readable or not).
    static func hasSection(_ s: SectionScores) -> Bool {
        s.listening != nil || s.reading != nil || s.writing != nil || s.speaking != nil
    }

    /// A section missing beside other scores, unless its accommodation indicator explains it: without it the overall
    /// cannot be checked (``overallProblem(_:field:scale:)`` needs all four). A result with no score at all has
    /// nothing to check. The common record, with four sections, costs four comparisons.
    private func checkMissingSections(_ score: TestScore, _ problems: inout [RecordProblem]) {
        let s = score.scores
        guard s.listening == nil || s.reading == nil || s.writing == nil || s.speaking == nil,
            s.overall != nil || s.listening != nil || s.reading != nil || s.writing != nil || s.speaking != nil
        else { return }
        for section in Section.allCases where s[section] == nil && !score.isAccommodated(section) {
            problems.append(.missingSection(field: section.scoreField))
        }
    }

    /// The CEFR levels the feed sent, against the tables: the total's and each section's. Derived levels agree by
    /// construction and are not checked.
    private func checkLevels(_ score: TestScore, _ problems: inout [RecordProblem]) {
        let scale = score.test.scale
        switch score.cefr {
        case .invalid(let text):
            problems.append(.unrecognizedCEFR(field: .cefrLevel, text: text))
        case .valid(let level) where !score.cefrDerived:
            let overall = LevelDerivation.onScale(score.scores.overall, scale.overall)
            if let problem = Self.levelProblem(level, field: .cefrLevel, score: overall, scale: scale) {
                problems.append(problem)
            }
        default:
            break
        }
        // Derived levels agree by construction: a record whose every section level was derived has none to check.
        guard score.sectionCEFR.derived != SectionSet.all else { return }
        let levels = score.sectionCEFR
        for section in Section.allCases where !levels.derived.contains(section) && !levels.text.isEmpty(section) {
            // A level as written is read from its bytes; anything else becomes a String to read or to report.
            guard
                let level = levels.text.withBytes(section, { CEFRLevel(exactly: $0) })
                    ?? CEFRLevel(text: levels[section])
            else {
                problems.append(.unrecognizedCEFR(field: section.cefrField, text: levels[section]))
                continue
            }
            let value = LevelDerivation.onScale(score.scores[section], scale.section)
            if let problem = Self.levelProblem(
                level, field: section.cefrField, score: value, scale: scale, section: section)
            {
                problems.append(problem)
            }
        }
    }

    /// A level that disagrees with what the table gives `score` (nil: no score on the scale to check against).
    /// TOEFL Essentials is checked only where ETS confirms the level (12 C2, 10-11 C1).
    static func levelProblem(
        _ level: CEFRLevel, field: Field, score: ExactDecimal?, scale: ScoreScale, section: Section? = nil
    ) -> RecordProblem? {
        guard let score else { return nil }
        let expected: CEFRLevel?
        switch (scale, section) {
        case (.essentials12, _):
            guard let confirmed = ScoreRules.confirmedEssentialsLevel(score) else { return nil }
            expected = confirmed
        case (.ieltsBand, .some):
            return nil
        case (_, .some(let section)):
            expected = ScoreRules.sectionCEFR(scale: scale, section: section, score: score)
        case (_, nil):
            expected = ScoreRules.cefr(scale: scale, overall: score)
        }
        guard expected != level else { return nil }
        let shown = score.formatted(decimals: scale.decimals)
        return .cefrDisagrees(
            field: field, reported: level.rawValue,
            expected: expected.map { "\(shown) gives \($0.rawValue)" } ?? "\(shown) is below every level")
    }

    private func checkIELTSCodes(_ score: TestScore, _ problems: inout [RecordProblem]) {
        // A heading-based reader has said it already (``SourceProblem/unknownGender``): one problem, one warning.
        if score.sourceProblems.contains(where: { $0.kind == "unknown-gender" }) { return }
        let known = { (byte: UInt8) in [UInt8(ascii: "m"), UInt8(ascii: "f"), UInt8(ascii: "u")].contains(byte | 0x20) }
        if let code = Self.unknownCode(score.candidate.text, .genderCode, known: known) {
            problems.append(.unknownCode(field: .genderCode, code: code, expected: "M, F or U (read as U)"))
        }
    }

    func check(
        _ value: Checked<ExactDecimal>?, field: Field, range: (min: Int64, max: Int64, step: Int64),
        scale: ScoreScale, _ problems: inout [RecordProblem]
    ) {
        switch value {
        case .none:
            return
        case .invalid(let text):
            problems.append(.unparseableScore(field: field, text: text))
        case .valid(let score):
            // A section range that differs from the total's is named as such ("0-30 section", "1-12 section").
            func name() -> String {
                range == scale.overall ? scale.rawValue : "\(scale == .toefl120 ? "0-30" : scale.rawValue) section"
            }
            if score.hundredths < range.min || score.hundredths > range.max {
                problems.append(
                    .scoreOutOfScale(field: field, value: score.formatted(decimals: scale.decimals), scale: name()))
            } else if score.hundredths % range.step != 0 {
                problems.append(
                    .scoreOffStep(field: field, value: score.formatted(decimals: scale.decimals), scale: name()))
            }
        }
    }

    /// Dates that cannot be right: a test date after today, a date of birth after today or not before the test date.
    private func checkDateOrder(_ score: TestScore, _ problems: inout [RecordProblem]) {
        let testDate = score.session.testDate?.value
        if let testDate, testDate > today {
            problems.append(.dateAfterToday(field: .testDate, value: testDate.description, today: today))
        }
        guard let birth = score.candidate.dateOfBirth?.value else { return }
        if birth > today {
            problems.append(.dateAfterToday(field: .dateOfBirth, value: birth.description, today: today))
        }
        // A birth after today is after the test too: both are said, and the second puts the scores in doubt.
        if let testDate, birth >= testDate {
            problems.append(.birthNotBeforeTest(birth: birth.description, testDate: testDate))
        }
    }

    func checkDate(_ date: Checked<CalendarDate>?, field: Field, _ problems: inout [RecordProblem]) {
        if case .invalid(let text) = date { problems.append(.unparseableDate(field: field, text: text)) }
    }
}

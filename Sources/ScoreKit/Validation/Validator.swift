/// Checks one record against the rules and lists every problem.
public struct Validator: Sendable {
    /// The day the run counts as today, for the 2-year IELTS validity.
    public var today: CalendarDate

    public init(today: CalendarDate) {
        self.today = today
    }

    public func problems(in score: TestScore) -> [RecordProblem] {
        var problems: [RecordProblem] = []
        if score.id.isEmpty { problems.append(.missingID) }
        if score.candidate.familyName.isEmpty && score.candidate.firstName.isEmpty { problems.append(.missingName) }
        let scale = score.test.scale
        let s = score.scores
        let sections = [
            ("listeningScore", s.listening), ("readingScore", s.reading), ("writingScore", s.writing),
            ("speakingScore", s.speaking),
        ]
        for (field, value) in sections { check(value, field: field, range: scale.section, scale: scale, &problems) }
        check(s.overall, field: "overallScore", range: scale.overall, scale: scale, &problems)
        if let best = score.myBest {
            let b = best.scores
            for (field, value) in [
                ("myBestListening", b.listening), ("myBestReading", b.reading),
                ("myBestWriting", b.writing), ("myBestSpeaking", b.speaking),
            ] {
                check(value, field: field, range: scale.section, scale: scale, &problems)
            }
            check(b.overall, field: "myBestTotal", range: scale.overall, scale: scale, &problems)
            for (field, date) in [
                ("myBestListeningDate", best.listeningDate), ("myBestReadingDate", best.readingDate),
                ("myBestWritingDate", best.writingDate), ("myBestSpeakingDate", best.speakingDate),
                ("myBestAsOfDate", best.asOfDate),
            ] {
                checkDate(date, field: field, &problems)
            }
        }
        if let comparable = score.comparableIBT {
            check(
                comparable, field: "comparableIbtScore", range: ScoreScale.toefl120.overall, scale: .toefl120,
                &problems)
        }

        let sectionValues = sections.compactMap { $0.1?.value }
        let overall = s.overall?.value
        if let overall, sectionValues.count == 4,
            let expected = ScoreRules.expectedOverall(scale: scale, sections: sectionValues), expected != overall
        {
            problems.append(
                .overallInconsistent(
                    reported: overall.formatted(decimals: scale.decimals),
                    expected: expected.formatted(decimals: scale.decimals)))
        }
        switch score.cefr {
        case .invalid(let text):
            problems.append(.unrecognizedCEFR(text: text))
        case .valid(let level) where !score.cefrDerived:
            if let overall, ScoreRules.derivesCEFR(scale) {
                let expected = ScoreRules.cefr(scale: scale, overall: overall)
                if expected != level {
                    problems.append(
                        .cefrDisagrees(
                            reported: level.rawValue,
                            expected: expected.map {
                                "\(overall.formatted(decimals: scale.decimals)) gives \($0.rawValue)"
                            } ?? "\(overall.formatted(decimals: scale.decimals)) is below every level"))
                }
            }
        default:
            break
        }

        checkDate(score.session.testDate, field: "testDate", &problems)
        checkDate(score.candidate.dateOfBirth, field: "dateOfBirth", &problems)
        checkDate(score.session.reportDate, field: "reportDate", &problems)
        if case .invalid(let text) = score.session.lastModified {
            problems.append(.unparseableDate(field: "lastModified", text: text))
        }
        if score.test.isIELTS, score.status == .reported, let testDate = score.session.testDate?.value {
            let validUntil = ScoreRules.ieltsValidUntil(testDate: testDate)
            if validUntil < today { problems.append(.expired(testDate: testDate, validUntil: validUntil)) }
        }
        return problems
    }

    private func check(
        _ value: Checked<ExactDecimal>?, field: String, range: (min: Int64, max: Int64, step: Int64),
        scale: ScoreScale, _ problems: inout [RecordProblem]
    ) {
        switch value {
        case .none:
            return
        case .invalid(let text):
            problems.append(.unparseableScore(field: field, text: text))
        case .valid(let score):
            let shown = score.formatted(decimals: scale.decimals)
            if score.hundredths < range.min || score.hundredths > range.max {
                problems.append(.scoreOutOfScale(field: field, value: shown, scale: scale))
            } else if score.hundredths % range.step != 0 {
                problems.append(.scoreOffStep(field: field, value: shown, scale: scale))
            }
        }
    }

    private func checkDate(_ date: Checked<CalendarDate>?, field: String, _ problems: inout [RecordProblem]) {
        if case .invalid(let text) = date { problems.append(.unparseableDate(field: field, text: text)) }
    }
}

/// Checks one record against the rules and lists every problem.
public struct Validator: Sendable {
    /// The day the run counts as today, for the 2-year IELTS validity.
    public var today: CalendarDate

    public init(today: CalendarDate) {
        self.today = today
    }

    public func problems(in score: TestScore) -> [RecordProblem] {
        var problems = score.inputProblems
        if score.text.isEmpty(.id) { problems.append(.missingID) }
        if score.candidate.text.isEmpty(.familyName) && score.candidate.text.isEmpty(.firstName) {
            problems.append(.missingName)
        }
        let scale = score.test.scale
        let s = score.scores
        check(s.listening, field: "listeningScore", range: scale.section, scale: scale, &problems)
        check(s.reading, field: "readingScore", range: scale.section, scale: scale, &problems)
        check(s.writing, field: "writingScore", range: scale.section, scale: scale, &problems)
        check(s.speaking, field: "speakingScore", range: scale.section, scale: scale, &problems)
        check(s.overall, field: "overallScore", range: scale.overall, scale: scale, &problems)
        if let best = score.myBest { checkMyBest(best, scale: scale, &problems) }
        if let comparable = score.comparableIBT {
            check(
                comparable, field: "comparableIbtScore", range: ScoreScale.toefl120.overall, scale: .toefl120,
                &problems)
        }
        let overall = s.overall?.value
        if let overall, let l = s.listening?.value, let r = s.reading?.value, let w = s.writing?.value,
            let sp = s.speaking?.value,
            let expected = ScoreRules.expectedOverall(scale: scale, l, r, w, sp), expected != overall
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
                    let shown = overall.formatted(decimals: scale.decimals)
                    problems.append(
                        .cefrDisagrees(
                            reported: level.rawValue,
                            expected: expected.map { "\(shown) gives \($0.rawValue)" }
                                ?? "\(shown) is below every level"))
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

    private func checkMyBest(_ best: MyBestScores, scale: ScoreScale, _ problems: inout [RecordProblem]) {
        let b = best.scores
        check(b.listening, field: "myBestListening", range: scale.section, scale: scale, &problems)
        check(b.reading, field: "myBestReading", range: scale.section, scale: scale, &problems)
        check(b.writing, field: "myBestWriting", range: scale.section, scale: scale, &problems)
        check(b.speaking, field: "myBestSpeaking", range: scale.section, scale: scale, &problems)
        check(b.overall, field: "myBestTotal", range: scale.overall, scale: scale, &problems)
        checkDate(best.listeningDate, field: "myBestListeningDate", &problems)
        checkDate(best.readingDate, field: "myBestReadingDate", &problems)
        checkDate(best.writingDate, field: "myBestWritingDate", &problems)
        checkDate(best.speakingDate, field: "myBestSpeakingDate", &problems)
        checkDate(best.asOfDate, field: "myBestAsOfDate", &problems)
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
            if score.hundredths < range.min || score.hundredths > range.max {
                problems.append(
                    .scoreOutOfScale(field: field, value: score.formatted(decimals: scale.decimals), scale: scale))
            } else if score.hundredths % range.step != 0 {
                problems.append(
                    .scoreOffStep(field: field, value: score.formatted(decimals: scale.decimals), scale: scale))
            }
        }
    }

    private func checkDate(_ date: Checked<CalendarDate>?, field: String, _ problems: inout [RecordProblem]) {
        if case .invalid(let text) = date { problems.append(.unparseableDate(field: field, text: text)) }
    }
}

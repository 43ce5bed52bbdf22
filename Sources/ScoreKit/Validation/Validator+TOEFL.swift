/// The TOEFL checks: the codes the layout lists, the score object, accommodations, the comparable 0-120 score and
/// MyBest.
extension Validator {
    func checkTOEFL(_ score: TestScore, _ problems: inout [RecordProblem]) {
        checkTOEFLCodes(score, &problems)
        let accommodations: [(Section, Bool, String)] = [
            (.listening, score.listeningAccommodation, "L"), (.speaking, score.speakingAccommodation, "S"),
        ]
        for (section, accommodated, indicator) in accommodations where accommodated {
            if let value = score.scores[section] {
                problems.append(
                    .scoreDespiteAccommodation(
                        field: section.scoreField, value: Self.text(value, score.test.scale), indicator: indicator))
            }
        }
        let scale = score.test.scale
        if scale == .toefl6,
            let problem = Self.comparableProblem(
                band: score.scores.overall, comparable: score.comparableIBT, field: .comparableIbtScore)
        {
            problems.append(problem)
        }
        if let best = score.myBest { checkMyBestRules(best, scale: scale, &problems) }
    }

    /// Codes outside the layout's lists are read as something (U, reported, no accommodation, the score object's
    /// scale) and warned about with the code as it came.
    private func checkTOEFLCodes(_ score: TestScore, _ problems: inout [RecordProblem]) {
        let status = score.sourceStatus.trimmingASCIISpaces()
        if !status.isEmpty, !["C", "R"].contains(status.uppercased()) {
            problems.append(.unknownCode(field: .sourceStatus, code: status, expected: "C or R (read as reported)"))
        }
        let gender = score.candidate.genderCode.trimmingASCIISpaces()
        if !gender.isEmpty, !["0", "1", "2", "3", "4", "5"].contains(gender) {
            problems.append(
                .unknownCode(field: .genderCode, code: gender, expected: "a TOEFL gender code 0-5 (read as U)"))
        }
        let indicators: [(Field, String, String)] = [
            (.listeningAccommodation, score.listeningAccommodationCode, "L"),
            (.speakingAccommodation, score.speakingAccommodationCode, "S"),
        ]
        for (field, raw, letter) in indicators {
            let code = raw.trimmingASCIISpaces()
            if !code.isEmpty, code.uppercased() != letter {
                problems.append(
                    .unknownCode(field: field, code: code, expected: "blank or \(letter) (read as no accommodation)"))
            }
        }
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

    /// How the MyBest total, comparable and level follow from the MyBest scores is stated only in secondary sources
    /// (API.md, "MyBest ... treat it as a note-level check"): notes. A level that is no CEFR level is a warning.
    private func checkMyBestRules(_ best: MyBestScores, scale: ScoreScale, _ problems: inout [RecordProblem]) {
        if let problem = Self.overallProblem(best.scores, field: .myBestTotal, scale: scale) {
            problems.append(.myBestUnconfirmed(problem))
        }
        if scale == .toefl6,
            let problem = Self.comparableProblem(
                band: best.scores.overall, comparable: best.comparableIBT, field: .myBestComparableIbt)
        {
            problems.append(.myBestUnconfirmed(problem))
        }
        let text = best.cefr.trimmingASCIISpaces()
        guard !text.isEmpty else { return }
        guard let level = CEFRLevel(text: text) else {
            problems.append(.unrecognizedCEFR(field: .myBestCefr, text: text))
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

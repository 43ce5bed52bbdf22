import Testing

@testable import ScoreKit

/// Every problem the official rules find is kept on the record (for the stages after validation) and reported as
/// one warning naming the input, the record number and the id: never the candidate's name or date of birth, which
/// would end up in cron mail and log files.
@Suite struct RecordValidatorTests {
    static let today = Records.date("2026-11-22")

    func validate(_ score: TestScore, number: Int = 3) throws -> (PipelineRecord, StageOutcome, [String], Int) {
        let captured = try CapturedDiagnostics()
        var stage = RecordValidator(validator: Validator(today: Self.today), diagnostics: captured.diagnostics)
        var record = PipelineRecord()
        record.inputName = "nightly.json"
        record.number = number
        record.score = score
        let outcome = stage.process(&record)
        return (record, outcome, captured.lines, captured.diagnostics.warningCount)
    }

    /// A record with a problem in nearly every field a person could mistype.
    static var troubled: TestScore {
        var score = TestScore(test: .ieltsAcademic)
        score.id = "26SB000030BAD030A"
        score.candidate.familyName = "Privatename"
        score.candidate.firstName = "Secretfirst"
        score.candidate.dateOfBirth = .invalid("1995-02-30")
        score.session.testDate = .valid(Records.date("2026-10-01"))
        score.scores.listening = .valid(Records.decimal("7.25"))
        score.scores.reading = .valid(Records.decimal("9.5"))
        score.scores.writing = .invalid("six")
        score.scores.speaking = .valid(Records.decimal("6.0"))
        score.scores.overall = .valid(Records.decimal("6.5"))
        score.cefr = .invalid("Z9")
        return score
    }

    @Test func keepsEveryProblemOnTheRecordAndWarnsOncePerProblem() throws {
        let (record, outcome, lines, count) = try validate(Self.troubled)
        #expect(outcome == .pass, "a record with problems is still delivered (--strict refuses the run later)")
        #expect(record.problems == Validator(today: Self.today).problems(in: Self.troubled))
        #expect(record.problems.count >= 5)
        #expect(lines.count == record.problems.count)
        #expect(count == record.problems.count)
        for (line, problem) in zip(lines, record.problems) {
            #expect(line == "scoreimport: warning: nightly.json: record 3 (id 26SB000030BAD030A): \(problem.message)")
        }
    }

    @Test func warningsNeverShowANameOrADateOfBirth() throws {
        var noID = Self.troubled
        noID.id = ""
        for score in [Self.troubled, noID] {
            let (_, _, lines, _) = try validate(score)
            #expect(!lines.isEmpty)
            for line in lines {
                for personal in ["Privatename", "Secretfirst", "1995-02-30", "1995"] {
                    #expect(!line.contains(personal), "\(line)")
                }
            }
        }
        let (_, _, lines, _) = try validate(noID, number: 12)
        #expect(lines.allSatisfy { $0.hasPrefix("scoreimport: warning: nightly.json: record 12 (no id): ") })
    }

    @Test func aCleanRecordPassesWithoutProblems() throws {
        var score = TestScore(test: .ieltsAcademic)
        score.id = "26SB000031GOOD31A"
        score.candidate.familyName = "Name"
        score.session.testDate = .valid(Records.date("2026-10-01"))
        for keyPath in [\SectionScores.listening, \.reading, \.writing, \.speaking, \.overall] {
            score.scores[keyPath: keyPath] = .valid(Records.decimal("7.0"))
        }
        var record = PipelineRecord()
        record.score = score
        record.problems = [.missingID]  // left from an earlier record: replaced, not appended to
        let captured = try CapturedDiagnostics()
        var stage = RecordValidator(validator: Validator(today: Self.today), diagnostics: captured.diagnostics)
        #expect(stage.process(&record) == .pass)
        #expect(record.problems.isEmpty)
        #expect(captured.text.isEmpty)
    }
}

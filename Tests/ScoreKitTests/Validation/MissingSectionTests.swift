import Testing

@testable import ScoreKit

/// A section missing beside the record's other scores: a warning unless an accommodation indicator explains it
/// (TOEFL L and S; IELTS has none), since the overall cannot be checked without it.
@Suite struct MissingSectionTests {
    static let validator = Validator(today: CalendarDate(year: 2026, month: 11, day: 22).unsafelyUnwrapped)

    /// Each problem as "kind field".
    static func problems(_ score: TestScore) -> [String] {
        validator.problems(in: score).map { "\($0.kind) \($0.field)" }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var testType = "I"
        var object = "ibt"
        var scores: [String]
        var total: String
        var status = "R"
        var listening = ""
        var speaking = ""
        var expected: [String]
    }

    static let cases: [Case] = [
        // The reviewer's record: the sum of the three is 75, the total 100, and nothing said so.
        Case(
            testDescription: "listening blank, no indicator", scores: ["", "26", "25", "24"], total: "100",
            expected: ["missing-section listeningScore"]),
        Case(
            testDescription: "listening blank, L", scores: ["", "26", "25", "24"], total: "100", listening: "L",
            expected: []),
        Case(
            testDescription: "speaking blank, S", scores: ["25", "26", "25", ""], total: "76", speaking: "S",
            expected: []),
        Case(
            testDescription: "listening blank, only S", scores: ["", "26", "25", ""], total: "51", speaking: "S",
            expected: ["missing-section listeningScore"]),
        Case(
            testDescription: "padded L", scores: ["", "26", "25", "24"], total: "75", listening: " L ",
            expected: []),
        Case(
            testDescription: "reading blank (no indicator exists)", scores: ["", "", "25", "24"], total: "49",
            listening: "L", expected: ["missing-section readingScore"]),
        Case(
            testDescription: "a total alone", scores: ["", "", "", ""], total: "100",
            expected: [
                "missing-section listeningScore", "missing-section readingScore", "missing-section writingScore",
                "missing-section speakingScore",
            ]),
        Case(testDescription: "no score at all", scores: ["", "", "", ""], total: "", expected: []),
        Case(
            testDescription: "cancelled, a score left", scores: ["", "26", "", ""], total: "", status: "C",
            expected: []),
        Case(
            testDescription: "1-6 writing blank", testType: "K", object: "ibt26", scores: ["4.5", "4.5", "", "4.5"],
            total: "4.5", expected: ["missing-section writingScore"]),
        Case(
            testDescription: "all four and a consistent total", scores: ["25", "26", "25", "24"], total: "100",
            expected: []),
    ]

    @Test(arguments: cases)
    func toefl(_ example: Case) throws {
        let s = example.scores
        let score = try Feed.one(
            toefl: Feed.toefl(
                testType: example.testType, object: example.object,
                scores: Feed.scores(s[0], s[1], s[2], s[3], total: example.total), status: example.status,
                listeningIndicator: example.listening, speakingIndicator: example.speaking))
        #expect(Self.problems(score) == example.expected)
    }

    /// IELTS has no accommodation indicator: any section missing beside other scores is a warning.
    @Test(arguments: [
        (["", "7.0", "7.0", "7.0", "7.0"], ["missing-section listeningScore"]),
        // The overall is missing too: it could not have been worked out without the section.
        (["7.0", "7.0", "7.0", "", ""], ["missing-section speakingScore", "missing-overall overallBandScore"]),
        (["", "", "", "", ""], []),
        (["7.0", "7.0", "7.0", "7.0", "7.0"], []),
    ])
    func ielts(scores: [String], expected: [String]) throws {
        let score = try Feed.one(ielts: Feed.ielts(scores[0], scores[1], scores[2], scores[3], overall: scores[4]))
        #expect(Self.problems(score) == expected)
    }

    @Test func theProblemNamesItsFieldAndNoValue() {
        let problem = RecordProblem.missingSection(field: .speakingScore)
        #expect(problem.kind == "missing-section")
        #expect(problem.field == "speakingScore")
        #expect(problem.value == "")
        #expect(problem.severity == .warning)
    }
}

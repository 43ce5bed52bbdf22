import Testing

@testable import ScoreKit

/// Every problem carries a stable kind, the field it is about, the offending value and a severity.
@Suite struct RecordProblemTests {
    static let date = CalendarDate(year: 2024, month: 1, day: 10).unsafelyUnwrapped

    /// Values a message may quote: those that cannot be a name (at most a letter, or a spreadsheet's error value).
    @Test(arguments: [
        ("8,0", true), ("X", true), ("C3", true), ("-", true), ("#N/A", true), ("#VALUE!", true), ("", true),
        ("7.25", true), ("+1", true),
        ("Wang", false), ("Li", false), ("MÜLLER", false), ("six", false), ("12345678901234567", false),
        ("14/04/2003", false), ("20030414", false), ("X1234567", false), ("44123456.0", false), ("B2 C1", false),
    ])
    func aValueIsQuotedOnlyWhenItCannotBePersonal(text: String, quoted: Bool) {
        let message = "\(RecordProblem.unparseableScore(field: .writingScore, text: text))"
        let hidden =
            "writingScore holds a value (not shown: it may be personal; --problems keeps it) that is not a score"
        #expect(message == (quoted ? "writingScore \"\(text)\" is not a score" : hidden))
        #expect(RecordProblem.unparseableScore(field: .writingScore, text: text).value == text)
    }

    /// A telephone number in a score column is a number far off the scale: its digits are not shown either.
    @Test func aNumberFarOffTheScaleIsNotShown() {
        let phone = RecordProblem.scoreOutOfScale(field: .writingScore, value: "44123456.0", scale: "0-9")
        #expect(
            "\(phone)"
                == "writingScore is outside the 0-9 scale (a value of 10 characters, not shown: it may be personal; "
                + "--problems keeps it)")
        #expect(phone.value == "44123456.0")
        let score = RecordProblem.scoreOutOfScale(field: .writingScore, value: "9.5", scale: "0-9")
        #expect("\(score)" == "writingScore 9.5 is outside the 0-9 scale")
    }

    @Test(arguments: [
        (RecordProblem.missingID, "missing-id", "scoreId", "", RecordProblem.Severity.warning),
        (.missingName, "missing-name", "familyName", "", .warning),
        (.missingFamilyName, "missing-family-name", "familyName", "", .warning),
        (.unparseableScore(field: .writingScore, text: "six"), "unparseable-score", "writingScore", "six", .warning),
        (
            .scoreOutOfScale(field: .listeningScore, value: "31", scale: "0-30 section"), "score-out-of-scale",
            "listeningScore", "31", .warning
        ),
        (
            .scoreOffStep(field: .speakingScore, value: "4.25", scale: "1-6"), "score-off-step", "speakingScore",
            "4.25", .warning
        ),
        (
            .overallInconsistent(field: .overallBandScore, reported: "7.0", expected: "6.5"), "overall-inconsistent",
            "overallBandScore", "7.0", .warning
        ),
        (
            .cefrDisagrees(field: .cefrLevel, reported: "A1", expected: "12 gives C2"), "cefr-disagrees", "cefrLevel",
            "A1", .warning
        ),
        (.unrecognizedCEFR(field: .myBestCefr, text: "C3"), "unrecognized-cefr", "myBestCefr", "C3", .warning),
        (
            .comparableOutOfRange(field: .comparableIbtScore, comparable: "60", band: "5.0", range: "95-106"),
            "comparable-out-of-range", "comparableIbtScore", "60", .warning
        ),
        (
            .unparseableDate(field: .testDate, text: "2024-13-01"), "unparseable-date", "testDate", "2024-13-01",
            .warning
        ),
        (.expired(family: .toefl, testDate: date, validUntil: date), "expired", "testDate", "2024-01-10", .warning),
        (.unknownCode(field: .genderCode, code: "F", expected: "0-5"), "unknown-code", "genderCode", "F", .warning),
        (
            .scoreObjectMismatch(testType: "K", object: "ibt", readAs: "TOEFL iBT 0-120"), "score-object-mismatch",
            "testType", "K", .warning
        ),
        (
            .scoreDespiteAccommodation(field: .listeningScore, value: "5.0", indicator: "L"),
            "score-despite-accommodation", "listeningScore", "5.0", .warning
        ),
        (
            .myBestUnconfirmed(.overallInconsistent(field: .myBestTotal, reported: "4.0", expected: "4.5")),
            "mybest-overall-inconsistent", "myBestTotal", "4.0", .note
        ),
    ])
    func carriesKindFieldValueAndSeverity(
        problem: RecordProblem, kind: String, field: String, value: String, severity: RecordProblem.Severity
    ) {
        #expect(problem.kind == kind)
        #expect(problem.field == field)
        #expect(problem.value == value)
        #expect(problem.severity == severity)
        #expect(!problem.description.isEmpty)
    }
}

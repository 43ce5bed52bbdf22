import Testing

@testable import ScoreKit

/// MyBest values: on the record's scale (warnings); the total, comparable and level following from them by the
/// scale's rule only as notes, since no ETS statement confirms how MyBest values are formed.
@Suite struct MyBestRuleTests {
    static func record(
        testType: String = "K", object: String = "ibt26", own: [String: String], best: [String: String]
    ) throws -> TestScore {
        try Feed.one(toefl: Feed.toefl(testType: testType, object: object, scores: own, myBest: best))
    }

    static func best(
        _ l: String, _ r: String, _ w: String, _ s: String, total: String, _ extra: [String: String] = [:]
    ) -> [String: String] {
        [
            "listeningScore": l, "listeningTestDate": "20251101", "readingScore": r, "readingTestDate": "20251101",
            "writingScore": w, "writingTestDate": "20251101", "speakingScore": s, "speakingTestDate": "20251101",
            "totalScore": total, "asOfDate": "20260106",
        ].merging(extra) { $1 }
    }

    static let own6 = Feed.scores("4.0", "4.0", "4.0", "4.0", total: "4.0")
    static let own120 = Feed.scores("20", "20", "20", "20", total: "80")

    /// (problem, severity) for a 1-6 record with these MyBest values.
    @Test(arguments: [
        (best("4.5", "4.0", "4.5", "4.0", total: "4.5"), [String]()),  // 4.25 up
        (
            best("4.5", "4.0", "4.5", "4.0", total: "4.0"),
            [
                "note: myBestTotal 4.0 does not follow from the MyBest sections (the scale's rule gives 4.5); a note: "
                    + "no ETS statement confirms how MyBest values are formed"
            ]
        ),
        (
            best("4.5", "4.0", "4.5", "4.0", total: "4.5", ["totalCEFR": "C3"]),
            ["warning: myBestCefr \"C3\" is not one of A1-C2"]
        ),
        (
            best("4.5", "4.0", "4.5", "4.0", total: "4.5", ["totalCEFR": "C1"]),
            [
                "note: myBestCefr C1 disagrees with the score (4.5 gives B2); a note: no ETS statement confirms how "
                    + "MyBest values are formed"
            ]
        ),
        (best("4.5", "4.0", "4.5", "4.0", total: "4.5", ["totalCEFR": "B2", "totalScoreIbtEquivalent": "090"]), []),
        (
            best("4.5", "4.0", "4.5", "4.0", total: "4.5", ["totalScoreIbtEquivalent": "080"]),
            [
                "note: myBestComparableIbt 80 is outside the ETS range of band 4.5 (86-94); a note: no ETS statement "
                    + "confirms how MyBest values are formed"
            ]
        ),
        (best("6.5", "4.0", "4.5", "4.5", total: "5.0"), ["warning: myBestListening 6.5 is outside the 1-6 scale"]),
        (
            best("4.5", "4.0", "4.5", "4.0", total: "4.5", ["readingTestDate": "2025-13-01"]),
            ["warning: myBestReadingDate is not a date in any format read (\(DateFormat.accepted))"]
        ),
    ])
    func toefl6(best: [String: String], expected: [String]) throws {
        let score = try Self.record(own: Self.own6, best: best)
        let problems = ValidatorTests.validator.problems(in: score)
        #expect(problems.map { "\($0.severity.rawValue): \($0)" } == expected)
    }

    /// 0-120 MyBest totals sum the MyBest sections; the sections are on the 0-30 section scale.
    @Test(arguments: [
        (best("26", "27", "24", "23", total: "100"), [String]()),
        (
            best("26", "27", "24", "23", total: "98"),
            [
                "note: myBestTotal 98 does not follow from the MyBest sections (the scale's rule gives 100); a note: "
                    + "no ETS statement confirms how MyBest values are formed"
            ]
        ),
        (best("31", "27", "24", "23", total: "105"), ["warning: myBestListening 31 is outside the 0-30 section scale"]),
    ])
    func toefl120(best: [String: String], expected: [String]) throws {
        let score = try Self.record(testType: "I", object: "ibt", own: Self.own120, best: best)
        let problems = ValidatorTests.validator.problems(in: score)
        #expect(problems.map { "\($0.severity.rawValue): \($0)" } == expected)
    }

    /// Essentials MyBest totals are half bands like the record's.
    @Test func essentialsMyBestTotalIsAHalfBand() throws {
        let score = try Self.record(
            testType: "E", object: "essentials", own: Feed.scores("8", "8", "9", "8", total: "8.5"),
            best: Self.best("9", "8", "9", "8", total: "8.5"))
        #expect(ValidatorTests.validator.problems(in: score).isEmpty)
    }
}

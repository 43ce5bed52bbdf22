import Testing

@testable import ScoreKit

/// `acceptMyBest`: the better of each score and its MyBest score (MyBest tests within `maxAgeDays`), the better of
/// the total and the MyBest total; the reasons say which was used.
@Suite struct PolicyMyBestTests {
    static var policy: AdmissionsPolicy {
        var policy = PolicyCheckTests.graduate
        policy.acceptMyBest = true
        policy.rules[.toeflIBT26] = .init(minimums: [
            .overall: PolicyCheckTests.d("4.5"), .writing: PolicyCheckTests.d("4.5"),
        ])
        return policy
    }

    static func best(_ l: String, _ r: String, _ w: String, _ s: String, total: String, dates: [String] = [])
        -> [String: String]
    {
        let dates = dates.isEmpty ? Array(repeating: "20251101", count: 4) : dates
        return [
            "listeningScore": l, "listeningTestDate": dates[0], "readingScore": r, "readingTestDate": dates[1],
            "writingScore": w, "writingTestDate": dates[2], "speakingScore": s, "speakingTestDate": dates[3],
            "totalScore": total, "asOfDate": "20260106",
        ]
    }

    static let own = Feed.scores("4.5", "4.5", "4.0", "4.5", total: "4.5")

    @Test(arguments: [
        // MyBest writing is better and recent: used, and said so.
        (own, best("4.5", "4.5", "4.5", "4.5", total: "4.5"), "meets | writing 4.5 from MyBest (test date 2025-11-01)"),
        // Better but too old: not used, and said so.
        (
            own,
            best("4.5", "4.5", "4.5", "4.5", total: "4.5", dates: ["20251101", "20251101", "20240110", "20251101"]),
            "fails | MyBest writing 4.5 not used: test date 2024-01-10 is more than 730 days old | writing 4.0 < 4.5"
        ),
        // Worse than the record's own: the record's score, nothing to say.
        (
            Feed.scores("4.5", "4.5", "5.0", "4.5", total: "4.5"), best("4.5", "4.5", "4.5", "4.5", total: "4.5"),
            "meets"
        ),
        // The MyBest total, from four recent MyBest sections.
        (
            Feed.scores("4.0", "4.0", "4.5", "4.0", total: "4.0"), best("4.5", "4.5", "4.5", "4.5", total: "4.5"),
            "meets | overall 4.5 from MyBest"
        ),
        // One MyBest section too old: the MyBest total is not used either.
        (
            Feed.scores("4.0", "4.0", "4.5", "4.0", total: "4.0"),
            best("4.5", "4.5", "4.5", "4.5", total: "4.5", dates: ["20240110", "20251101", "20251101", "20251101"]),
            "fails | MyBest overall 4.5 not used: test date 2024-01-10 is more than 730 days old | overall 4.0 < 4.5"
        ),
        // MyBest still short of the minimum: the reason says which score fell short.
        (
            Feed.scores("4.5", "4.5", "3.5", "4.5", total: "4.5"), best("4.5", "4.5", "4.0", "4.5", total: "4.5"),
            "fails | writing 4.0 from MyBest (test date 2025-11-01) < 4.5"
        ),
        // A MyBest note (its total does not follow) never sends a record to review.
        (
            own, best("4.5", "4.5", "4.5", "4.5", total: "5.0"),
            "meets | overall 5.0 from MyBest | writing 4.5 from MyBest (test date 2025-11-01)"
        ),
        // A MyBest warning on a score the policy uses does.
        (
            own, best("4.5", "4.5", "6.5", "4.5", total: "5.0"),
            "review | overall 5.0 from MyBest | writing 6.5 from MyBest (test date 2025-11-01) | "
                + "myBestWriting 6.5 is outside the 1-6 scale"
        ),
    ])
    func judgedOnTheBetterScore(own: [String: String], best: [String: String], decision: String) throws {
        let score = try PolicyCheckTests.toefl("K", "ibt26", own, myBest: best)
        #expect(PolicyCheckTests.decide(score, Self.policy) == decision)
    }

    @Test func withoutAcceptMyBestMyBestIsIgnored() throws {
        var policy = Self.policy
        policy.acceptMyBest = false
        let score = try PolicyCheckTests.toefl(
            "K", "ibt26", Self.own, myBest: Self.best("4.5", "4.5", "4.5", "4.5", total: "4.5"))
        #expect(PolicyCheckTests.decide(score, policy) == "fails | writing 4.0 < 4.5")
    }

    /// The stage writes the decision into the record's fields and counts it.
    @Test func applyStoresTheDecisionAndTalliesIt() throws {
        var check = PolicyCheck(policy: Self.policy, today: PolicyCheckTests.today)
        var scores = [
            try PolicyCheckTests.toefl(
                "K", "ibt26", Self.own, myBest: Self.best("4.5", "4.5", "4.5", "4.5", total: "4.5")),
            try PolicyCheckTests.toefl("K", "ibt26", Self.own),
            try PolicyCheckTests.toefl("E", "essentials", Feed.scores("9", "9", "9", "9", total: "9")),
            try PolicyCheckTests.ielts("7.0", "6.5", "6.0", "7.0", "6.5", ["module": "General Training"]),
        ]
        for index in scores.indices {
            let problems = Validator(today: PolicyCheckTests.today).problems(in: scores[index])
            check.apply(to: &scores[index], problems: problems)
        }
        #expect(scores.map { $0[stored: .policyResult] } == ["meets", "fails", "meets", "no-rule"])
        #expect(scores[1][stored: .policyReasons] == "writing 4.0 < 4.5")
        #expect(check.tally.count(of: .meets, test: .toeflIBT26) == 1)
        #expect(check.tally.count(of: .meets) == 2)
        #expect(check.tally.count(of: .noRule, test: .ieltsGeneralTraining) == 1)
        #expect(
            check.tally.lines == [
                "policy \"Graduate admissions 2027\": meets 2, fails 1, review 0, no-rule 1",
                "policy \"Graduate admissions 2027\", IELTS General Training: meets 0, fails 0, review 0, no-rule 1",
                "policy \"Graduate admissions 2027\", TOEFL iBT 1-6: meets 1, fails 1, review 0, no-rule 0",
                "policy \"Graduate admissions 2027\", TOEFL Essentials: meets 1, fails 0, review 0, no-rule 0",
            ])
    }
}

import Testing

@testable import ScoreKit

/// The admissions decision for one record, on records read by the real readers and checked by the real validator.
@Suite struct PolicyCheckTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22).unsafelyUnwrapped

    static func d(_ text: String) -> ExactDecimal { ExactDecimal(text).unsafelyUnwrapped }

    /// The issue's example policy.
    static let graduate = AdmissionsPolicy(
        name: "Graduate admissions 2027", maxAgeDays: 730,
        rules: [
            .ieltsAcademic: .init(minimums: [
                .overall: d("6.5"), .listening: d("6.0"), .reading: d("6.0"), .writing: d("6.0"), .speaking: d("6.0"),
            ]),
            .toeflIBT: .init(minimums: [.overall: d("90"), .writing: d("20")]),
            .toeflIBT26: .init(minimums: [.overall: d("4.5"), .writing: d("4.0")]),
            .toeflEssentials: .init(minimums: [.overall: d("9")]),
        ])

    static func decide(_ score: TestScore, _ policy: AdmissionsPolicy = graduate) -> String {
        let problems = Validator(today: today).problems(in: score)
        let decision = PolicyCheck(policy: policy, today: today).evaluate(score, problems: problems)
        return ([decision.result.rawValue] + decision.reasons).joined(separator: " | ")
    }

    static func ielts(_ l: String, _ r: String, _ w: String, _ s: String, _ o: String, _ extra: [String: String] = [:])
        throws -> TestScore
    {
        try Feed.one(ielts: Feed.ielts(l, r, w, s, overall: o, extra: extra))
    }

    @Test(arguments: [
        (["7.0", "6.5", "6.0", "7.0", "6.5"], [String: String](), "meets"),
        (["7.0", "7.0", "5.5", "7.0", "6.5"], [:], "fails | writing 5.5 < 6.0"),
        (["6.0", "6.0", "5.5", "6.5", "6.0"], [:], "fails | overall 6.0 < 6.5 | writing 5.5 < 6.0"),
        (["7.0", "6.5", "6.0", "7.0", "6.5"], ["status": "WITHDRAWN"], "fails | cancelled"),
        (
            ["7.0", "6.5", "6.0", "7.0", "6.5"], ["testDate": "20240110"],
            "fails | test date 2024-01-10 is more than 730 days old"
        ),
        (["7.0", "6.5", "6.0", "7.0", "6.5"], ["testDate": "20241122"], "meets"),  // 730 days: still in time
        (
            ["7.0", "6.5", "6.0", "7.0", "6.5"], ["testDate": "20241121"],
            "fails | test date 2024-11-21 is more than 730 days old"
        ),
        (["7.0", "6.5", "6.0", "7.0", "6.5"], ["testDate": ""], "review | no test date"),
        (
            ["7.0", "6.5", "6.0", "7.0", "6.5"], ["module": "General Training"],
            "no-rule | no rule for IELTS General Training"
        ),
        (
            ["6.0", "6.0", "6.0", "6.5", "6.5"], [:],
            "review | overall score 6.5 does not follow from the sections (the official rule gives 6.0)"
        ),
        // The inconsistent overall puts every score in doubt: a shortfall is reviewed, not failed.
        (
            ["6.0", "6.0", "6.0", "6.0", "5.5"], [:],
            "review | overall 5.5 < 6.5 | overall score 5.5 does not follow from the sections (the official rule gives 6.0)"
        ),
        (
            ["", "6.5", "6.0", "7.0", "6.5"], [:],
            "review | no listening score | listeningScore is missing beside the other scores and no accommodation "
                + "indicator explains it: the overall cannot be checked against the sections"
        ),
        (["7.0", "6.5", "six", "7.0", "6.5"], [:], "review | writing score \"six\" is not a number"),
        // A warning on no required score changes nothing.
        (["7.0", "6.5", "6.0", "7.0", "6.5"], ["familyName": "", "firstName": ""], "meets"),
        // A module that is a guess may be General Training judged by the Academic rule: reviewed, never met.
        (
            ["7.0", "6.5", "6.0", "7.0", "6.5"], ["module": "Foo"],
            "review | Module is not a test or module scoreimport knows: read as IELTS Academic"
        ),
        (
            ["6.0", "6.0", "6.0", "6.0", "6.0"], ["module": ""],
            "review | overall 6.0 < 6.5 | Module is empty: read as IELTS Academic, which is a guess; a --module filter "
                + "keeps the record"
        ),
        // A test date that cannot be read: the result's validity is unknown, a shortfall is reviewed, not failed.
        (
            ["6.0", "6.0", "6.0", "6.0", "6.0"], ["testDate": "20261310"],
            "review | test date \"20261310\" is not a date | overall 6.0 < 6.5"
        ),
    ])
    func ielts(scores: [String], extra: [String: String], decision: String) throws {
        let score = try Self.ielts(scores[0], scores[1], scores[2], scores[3], scores[4], extra)
        #expect(Self.decide(score) == decision)
    }

    static func toefl(
        _ testType: String, _ object: String, _ scores: [String: String], myBest: [String: String]? = nil,
        status: String = "R", listening: String = ""
    ) throws -> TestScore {
        try Feed.one(
            toefl: Feed.toefl(
                testType: testType, object: object, scores: scores, myBest: myBest, status: status,
                listeningIndicator: listening))
    }

    @Test(arguments: [
        ("I", "ibt", Feed.scores("23", "23", "20", "24", total: "90"), "R", "meets"),
        (
            "I", "ibt", Feed.scores("23", "23", "19", "24", total: "89"), "R",
            "fails | overall 89 < 90 | writing 19 < 20"
        ),
        ("K", "ibt26", Feed.scores("4.5", "4.5", "4.0", "4.5", total: "4.5"), "R", "meets"),
        (
            "K", "ibt26", Feed.scores("4.0", "4.0", "3.5", "4.0", total: "4.0"), "R",
            "fails | overall 4.0 < 4.5 | writing 3.5 < 4.0"
        ),
        // The comparable score puts the overall in doubt only: its shortfall is reviewed, writing's fails.
        (
            "K", "ibt26",
            Feed.scores("4.5", "4.5", "3.5", "3.5", total: "4.0", ["totalScoreIbtEquivalent": "060"]), "R",
            "fails | overall 4.0 < 4.5 | writing 3.5 < 4.0 | comparableIbtScore 60 is outside the ETS range of band 4.0 (72-85)"
        ),
        ("E", "essentials", Feed.scores("8", "8", "9", "8", total: "8.5"), "R", "fails | overall 8.5 < 9"),
        ("E", "essentials", Feed.scores("9", "9", "9", "9", total: "9"), "R", "meets"),
        ("E", "essentials", Feed.scores("9", "9", "9", "9", total: "9"), "C", "fails | cancelled"),
        (
            "K", "ibt26", Feed.scores("4.5", "4.5", "4.0", "4.5", total: "4.5"), "W",
            "review | scoreStatus \"W\" is not C or R (read as reported)"
        ),
        (
            "K", "ibt", Feed.scores("23", "23", "20", "24", total: "90"), "R",
            "review | testType K does not match the ibt score object (scores read as TOEFL iBT 0-120)"
        ),
    ])
    func toefl(testType: String, object: String, scores: [String: String], status: String, decision: String) throws {
        let score = try Self.toefl(testType, object, scores, status: status)
        #expect(Self.decide(score) == decision)
    }

    @Test func aRequiredSectionMissingForAnAccommodationIsReviewed() throws {
        var policy = Self.graduate
        policy.rules[.toeflIBT26]?.minimums[.listening] = Self.d("4.0")
        let score = try Self.toefl(
            "K", "ibt26", Feed.scores("", "4.5", "4.5", "4.5", total: "4.5"), listening: "L")
        #expect(
            Self.decide(score, policy)
                == "review | overall 4.5 not checked against the sections (no listening score: accommodation) | "
                + "no listening score (accommodation)")
        // Listening not required, the overall is: ETS gives no rule for a total over three sections, so the total
        // was not checked and a person decides.
        #expect(
            Self.decide(score)
                == "review | overall 4.5 not checked against the sections (no listening score: accommodation)")
        // Neither required: nothing rests on the unchecked total.
        let writingOnly = AdmissionsPolicy(
            name: "writing", rules: [.toeflIBT26: .init(minimums: [.writing: Self.d("4.0")])])
        #expect(Self.decide(score, writingOnly) == "meets")
    }

    static let overallOnly = AdmissionsPolicy(
        name: "overall only",
        rules: [
            .toeflIBT: .init(minimums: [.overall: d("90")]), .toeflIBT26: .init(minimums: [.overall: d("4.5")]),
            .ieltsAcademic: .init(minimums: [.overall: d("6.5")]),
        ])

    /// A required overall is judged `meets` only when it was checked against four sections: a section missing,
    /// unreadable or off its scale (a warning on it), or left out by an accommodation, sends it to review, and a
    /// shortfall is then reviewed rather than failed.
    @Test(arguments: [
        (Feed.scores("", "26", "25", "24", total: "100"), "", "review | " + missing("listening")),
        (Feed.scores("", "26", "25", "24", total: "100"), "L", "review | " + unchecked("100", "listening")),
        (
            Feed.scores("", "20", "20", "20", total: "80"), "L",
            "review | " + unchecked("80", "listening") + " | overall 80 < 90"
        ),
        (Feed.scores("", "20", "20", "20", total: "80"), "", "review | overall 80 < 90 | " + missing("listening")),
        (Feed.scores("x", "26", "25", "24", total: "100"), "", "review | listeningScore \"x\" is not a score"),
        (Feed.scores("25", "26", "25", "24", total: "100"), "", "meets"),
    ])
    func anOverallNotCheckedAgainstItsSectionsIsReviewed(scores: [String: String], listening: String, decision: String)
        throws
    {
        let score = try Self.toefl("I", "ibt", scores, listening: listening)
        #expect(Self.decide(score, Self.overallOnly) == decision)
    }

    @Test func aSectionOffItsStepLeavesTheOverallUnchecked() throws {
        let offStep = try Self.toefl("K", "ibt26", Feed.scores("4.5", "4.5", "4.5", "4.25", total: "4.5"))
        #expect(
            Self.decide(offStep, Self.overallOnly) == "review | speakingScore 4.25 is not a step of the 1-6 scale")
        let missing = try Self.ielts("7.0", "", "7.0", "7.0", "7.0")
        #expect(Self.decide(missing, Self.overallOnly) == "review | " + Self.missing("reading"))
    }

    static func missing(_ section: String) -> String {
        "\(section)Score is missing beside the other scores and no accommodation indicator explains it: the overall "
            + "cannot be checked against the sections"
    }

    static func unchecked(_ overall: String, _ section: String) -> String {
        "overall \(overall) not checked against the sections (no \(section) score: accommodation)"
    }

    /// Without maxAgeDays the official 2-year validity stands: a result past it is reviewed, not met (a policy that
    /// accepts older results says so with maxAgeDays). One within it meets; one below a minimum still fails.
    @Test func noMaximumAgeKeepsTheOfficialValidity() throws {
        var policy = Self.graduate
        policy.maxAgeDays = nil
        let score = try Self.ielts("7.0", "6.5", "6.0", "7.0", "6.5", ["testDate": "20200110"])
        #expect(
            Self.decide(score, policy)
                == "review | IELTS result from 2020-01-10 is past its 2-year validity (valid until 2022-01-10) (the "
                + "policy sets no maxAgeDays)")
        let recent = try Self.ielts("7.0", "6.5", "6.0", "7.0", "6.5", ["testDate": "20250110"])
        #expect(Self.decide(recent, policy) == "meets")
        let low = try Self.ielts("5.0", "5.0", "5.0", "5.0", "5.0", ["testDate": "20200110"])
        #expect(Self.decide(low, policy).hasPrefix("fails | "))
        policy.maxAgeDays = 3650
        #expect(Self.decide(score, policy) == "meets")
        policy.maxAgeDays = nil
        // A date that cannot be read still puts the result in doubt, said by the validator's own words.
        let unreadable = try Self.ielts("7.0", "6.5", "6.0", "7.0", "6.5", ["testDate": "20261310"])
        #expect(Self.decide(unreadable, policy).hasPrefix("review | testDate is not a date in any format read"))
    }

    @Test func aRuleWithoutMinimumsJudgesOnlyStatusAndAge() throws {
        let policy = AdmissionsPolicy(name: "any IELTS", maxAgeDays: 730, rules: [.ieltsAcademic: .init()])
        #expect(Self.decide(try Self.ielts("4.0", "4.0", "4.0", "4.0", "4.0"), policy) == "meets")
    }
}

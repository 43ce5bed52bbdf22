import Testing

@testable import ScoreKit

/// Codes are read with blanks around them ignored, by the readers and the validator alike, so a padded code means
/// what it says and is never read one way and checked another.
@Suite struct StatusCodeTests {
    static let validator = Validator(today: CalendarDate(year: 2026, month: 11, day: 22).unsafelyUnwrapped)

    static func problems(_ score: TestScore) -> [String] { validator.problems(in: score).map(\.description) }

    /// A clean TOEFL 0-120 record with `scoreStatus` as given (nil: no such member).
    static func toefl(status: String?) throws -> TestScore {
        var record = Feed.toefl(testType: "I", object: "ibt", scores: Feed.scores("25", "26", "25", "24", total: "100"))
        record["scoreStatus"] = status
        return try Feed.one(toefl: record)
    }

    @Test(arguments: [
        ("C", ScoreStatus.cancelled, [String]()), ("C ", .cancelled, []), (" C", .cancelled, []),
        (" c\t", .cancelled, []), ("R", .reported, []), ("R ", .reported, []), (" r", .reported, []),
        ("X ", .reported, ["scoreStatus \"X\" is not C or R (read as reported)"]),
        // A word is not shown: a code column of a spreadsheet may hold a name that slipped (--problems keeps it).
        (
            "CANCELLED", .reported,
            [
                "scoreStatus holds a value (not shown: it may be personal; --problems keeps it) that is not C or R "
                    + "(read as reported)"
            ]
        ),
        ("", .reported, ["no scoreStatus: the layout says C or R (read as reported)"]),
        ("  ", .reported, ["no scoreStatus: the layout says C or R (read as reported)"]),
    ])
    func toeflStatus(sent: String, status: ScoreStatus, expected: [String]) throws {
        let score = try Self.toefl(status: sent)
        #expect(score.status == status)
        #expect(score.sourceStatus == sent)
        #expect(Self.problems(score) == expected)
    }

    @Test func aMissingScoreStatusIsAWarningReadAsReported() throws {
        let score = try Self.toefl(status: nil)
        #expect(score.status == .reported)
        let problems = Self.validator.problems(in: score)
        #expect(problems.map(\.description) == ["no scoreStatus: the layout says C or R (read as reported)"])
        #expect(problems.map(\.kind) == ["missing-code"] && problems.map(\.field) == ["sourceStatus"])
        #expect(problems.map(\.severity) == [.warning])
    }

    /// The status in doubt puts every required score in doubt: never `meets`.
    @Test(arguments: [String?.none, "", "X"])
    func aStatusInDoubtIsReviewed(status: String?) throws {
        let policy = AdmissionsPolicy(
            name: "p", rules: [.toeflIBT: .init(minimums: [.overall: ExactDecimal(hundredths: 9000)])])
        let score = try Self.toefl(status: status)
        let decision = PolicyCheck(policy: policy, today: Self.validator.today)
            .evaluate(score, problems: Self.validator.problems(in: score))
        #expect(decision.result == .review)
    }

    @Test(arguments: [
        ("1 ", Gender.male, "L ", true, "", false), (" 2", .female, " l", true, " S ", true),
        ("0", .unspecified, "", false, "s\t", true),
    ])
    func toeflGenderAndIndicators(
        gender: String, expected: Gender, listening: String, hasL: Bool, speaking: String, hasS: Bool
    ) throws {
        let score = try Feed.one(
            toefl: Feed.toefl(
                scores: [:], gender: gender, listeningIndicator: listening, speakingIndicator: speaking))
        #expect(score.candidate.gender == expected)
        #expect(score.listeningAccommodation == hasL && score.speakingAccommodation == hasS)
        #expect(Self.problems(score) == [])
    }

    @Test(arguments: [
        ("RELEASED", ScoreStatus.reported), ("RELEASED ", .reported), (" released", .reported), ("", .reported),
        ("WITHDRAWN", .cancelled), (" WITHDRAWN ", .cancelled),
    ])
    func ieltsStatus(sent: String, status: ScoreStatus) throws {
        let score = try Feed.one(ielts: Feed.ielts("7.0", "7.0", "7.0", "7.0", overall: "7.0", extra: ["status": sent]))
        #expect(score.status == status)
        #expect(score.sourceStatus == sent)
        #expect(Self.problems(score) == [])
    }

    @Test(arguments: [("M ", Gender.male), (" f", .female), ("X", .unspecified)])
    func ieltsGender(sent: String, gender: Gender) throws {
        let score = try Feed.one(ielts: Feed.ielts("7.0", "7.0", "7.0", "7.0", overall: "7.0", extra: ["gender": sent]))
        #expect(score.candidate.gender == gender)
        #expect(Self.problems(score).isEmpty == (gender != .unspecified))
    }
}

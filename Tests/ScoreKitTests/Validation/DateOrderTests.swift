import Testing

@testable import ScoreKit

/// Dates that cannot be right: a test date after the run's today, a date of birth after today or not before the
/// test date. Warnings that never show the date of birth on stderr.
@Suite struct DateOrderTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22).unsafelyUnwrapped
    static let validator = Validator(today: today)

    static func score(birth: String, testDate: String) throws -> TestScore {
        try Feed.one(
            ielts: Feed.ielts(
                "7.0", "7.0", "7.0", "7.0", overall: "7.0", extra: ["dateOfBirth": birth, "testDate": testDate]))
    }

    @Test(arguments: [
        ("20000101", "20260105", [String]()),
        ("20000101", "20261122", []),  // taken today
        ("20000101", "20261123", ["date-after-today testDate 2026-11-23"]),  // tomorrow
        ("20000101", "20990115", ["date-after-today testDate 2099-01-15"]),
        // A birth after today is after the test too: both are said.
        (
            "20401231", "20260105",
            ["date-after-today dateOfBirth 2040-12-31", "birth-not-before-test dateOfBirth 2040-12-31"]
        ),
        (
            "20261123", "20260105",
            ["date-after-today dateOfBirth 2026-11-23", "birth-not-before-test dateOfBirth 2026-11-23"]
        ),
        ("20260105", "20260105", ["birth-not-before-test dateOfBirth 2026-01-05"]),
        ("20260106", "20260105", ["birth-not-before-test dateOfBirth 2026-01-06"]),
        ("20260104", "20260105", []),  // a day old: not impossible by date alone
        // Columns that moved: the test date is a date of birth. Its validity means nothing and is not checked.
        ("20260301", "20010315", ["birth-not-before-test dateOfBirth 2026-03-01"]),
        ("20990101", "20990115", ["date-after-today testDate 2099-01-15", "date-after-today dateOfBirth 2099-01-01"]),
        ("", "20990115", ["date-after-today testDate 2099-01-15"]),
        // No test date: the birth is checked against today alone, and the missing date is a warning of its own.
        ("20401231", "", ["date-after-today dateOfBirth 2040-12-31", "missing-test-date testDate "]),
    ])
    func order(birth: String, testDate: String, expected: [String]) throws {
        let problems = Self.validator.problems(in: try Self.score(birth: birth, testDate: testDate))
        #expect(problems.map { "\($0.kind) \($0.field) \($0.value)" } == expected)
        #expect(problems.allSatisfy { $0.severity == .warning })
    }

    /// stderr names the field, never the date of birth, nor the test date beside a date of birth not before it
    /// (the problems file has both).
    @Test func messagesLeaveTheDateOfBirthOut() throws {
        let future = Self.validator.problems(in: try Self.score(birth: "20401231", testDate: "20260105"))
        #expect(
            future.map(\.message) == [
                "dateOfBirth is after today (2026-11-22)",
                "dateOfBirth is not before the test date: one of the two dates is wrong (--problems keeps them)",
            ])
        let late = Self.validator.problems(in: try Self.score(birth: "20260301", testDate: "20260105"))
        #expect(
            late.map(\.message)
                == ["dateOfBirth is not before the test date: one of the two dates is wrong (--problems keeps them)"])
        #expect(late.allSatisfy { $0.isPersonal && !$0.message.contains("2026-03-01") })
        // The test date is not shown either: after a swap it is the date of birth.
        let swapped = Self.validator.problems(in: try Self.score(birth: "20260301", testDate: "20010315"))
        #expect(swapped.allSatisfy { !$0.message.contains("2001") && !$0.message.contains("2026-03-01") })
        let test = Self.validator.problems(in: try Self.score(birth: "20000101", testDate: "20990115"))
        #expect(
            test.map(\.message) == [
                "testDate 2099-01-15 is after today (2026-11-22): the test cannot have been taken yet"
            ])
    }

    /// A test date that cannot be right puts every score in doubt: never `meets`. Nor does a date of birth after
    /// today, which is after the test date too.
    @Test(arguments: [
        ("20000101", "20990115", "review"), ("20000101", "20261123", "review"), ("20260301", "20260105", "review"),
        ("20401231", "20260105", "review"), ("20000101", "20260105", "meets"),
    ])
    func policy(birth: String, testDate: String, result: String) throws {
        let policy = AdmissionsPolicy(
            name: "p", maxAgeDays: 730,
            rules: [.ieltsAcademic: .init(minimums: [.overall: ExactDecimal(hundredths: 650)])])
        let score = try Self.score(birth: birth, testDate: testDate)
        let decision = PolicyCheck(policy: policy, today: Self.today)
            .evaluate(score, problems: Self.validator.problems(in: score))
        #expect(decision.result.rawValue == result)
    }

    /// A two-digit year of birth is put in the century that places the birth on or before today; other dates keep
    /// the 00-49 -> 20xx rule.
    @Test(arguments: [
        ("12/31/40", "1940-12-31", "2040-12-31"), ("11/22/26", "2026-11-22", "2026-11-22"),
        ("11/23/26", "1926-11-23", "2026-11-23"), ("1/1/00", "2000-01-01", "2000-01-01"),
        ("12/31/10", "2010-12-31", "2010-12-31"), ("12/31/49", "1949-12-31", "2049-12-31"),
        ("12/31/50", "1950-12-31", "1950-12-31"), ("12/31/99", "1999-12-31", "1999-12-31"),
        ("2/29/00", "2000-02-29", "2000-02-29"),
    ])
    func twoDigitYearsOfBirth(text: String, birth: String, other: String) {
        #expect(DateFormat.monthDayShortYear.parseBirth(text, today: Self.today)?.description == birth)
        #expect(DateFormat.monthDayShortYear.parse(text)?.description == other)
    }

    /// Four-digit years are read as written, in every format: a future one is warned about, not moved.
    @Test(arguments: [(DateFormat.monthDayYear, "12/31/2040"), (.isoDate, "2040-12-31"), (.compact, "20401231")])
    func fourDigitYearsStay(format: DateFormat, text: String) {
        #expect(format.parseBirth(text, today: Self.today)?.description == "2040-12-31")
    }
}

import Testing

@testable import ScoreKit

/// The record-level rules, on records read from the services' layouts by the real readers.
@Suite struct ValidatorTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22).unsafelyUnwrapped
    static let validator = Validator(today: today)

    static func problems(_ score: TestScore) -> [String] { validator.problems(in: score).map(\.description) }

    static func essentials(_ sections: [String], total: String, _ extra: [String: String] = [:]) throws -> TestScore {
        try Feed.one(
            toefl: Feed.toefl(
                testType: "E", object: "essentials",
                scores: Feed.scores(sections[0], sections[1], sections[2], sections[3], total: total, extra)))
    }

    /// Essentials: whole-band sections, the overall a half band, the rounded mean (ties up).
    @Test(arguments: [
        (["8", "8", "9", "8"], "8.5", [String]()),  // issue 13's valid record, rejected by --strict before
        (
            ["8", "8", "9", "8"], "8",
            ["overall score 8 does not follow from the sections (the official rule gives 8.5)"]
        ),
        (
            ["8", "8", "8", "8"], "11",
            ["overall score 11 does not follow from the sections (the official rule gives 8)"]
        ),
        (["8", "9", "9", "9"], "9", []), (["12", "12", "12", "12"], "12", []), (["1", "1", "1", "1"], "1", []),
        (["8.5", "8", "8", "8"], "8", ["listeningScore 8.5 is not a step of the 1-12 section scale"]),
        // A score off its scale is reported, and still checked against the rule where the sections allow.
        (
            ["8", "8", "9", "8"], "8.25",
            [
                "overallBandScore 8.25 is not a step of the 1-12 scale",
                "overall score 8.25 does not follow from the sections (the official rule gives 8.5)",
            ]
        ),
        (
            ["8", "8", "13", "8"], "9.5",
            ["writingScore 13 is outside the 1-12 section scale"]
        ),
        (
            ["12", "12", "12", "12"], "12.5",
            [
                "overallBandScore 12.5 is outside the 1-12 scale",
                "overall score 12.5 does not follow from the sections (the official rule gives 12)",
            ]
        ),
    ])
    func essentialsOverall(sections: [String], total: String, expected: [String]) throws {
        #expect(Self.problems(try Self.essentials(sections, total: total)) == expected)
    }

    /// Essentials levels are checked only where ETS confirms them (12 C2, 10-11 C1) and never derived.
    @Test(arguments: [
        ("12", "C2", [String]()), ("12", "A1", ["CEFR level A1 disagrees with the score (12 gives C2)"]),
        ("11", "C1", []), ("11", "B2", ["CEFR level B2 disagrees with the score (11 gives C1)"]), ("10", "C1", []),
        ("10", "C2", ["CEFR level C2 disagrees with the score (10 gives C1)"]), ("9", "B2", []), ("9", "C1", []),
        ("9", "A1", []), ("1", "A1", []), ("9", "C3", ["CEFR level \"C3\" is not one of A1-C2"]),
    ])
    func essentialsTotalLevel(total: String, level: String, expected: [String]) throws {
        let score = try Self.essentials([total, total, total, total], total: total, ["totalCEFR": level])
        #expect(Self.problems(score) == expected)
    }

    @Test func essentialsSectionLevelsAreCheckedWhereConfirmedAndNeverDerived() throws {
        let sent = try Self.essentials(
            ["12", "10", "9", "8"], total: "10",
            ["listeningCEFR": "B1", "readingCEFR": "C1", "writingCEFR": "C2", "speakingCEFR": "X1"])
        #expect(
            Self.problems(sent) == [
                "listeningCefr B1 disagrees with the score (12 gives C2)", "speakingCefr \"X1\" is not one of A1-C2",
            ])
        let unsent = try Self.essentials(["12", "10", "9", "8"], total: "10")
        #expect(unsent.sectionCEFR == SectionCEFR() && unsent.cefr == nil)
    }

    /// TOEFL 1-6: the comparable 0-120 score must fall in its band's ETS range (each end and one past it).
    @Test(arguments: [
        ("5.0", "095", true), ("5.0", "106", true), ("5.0", "094", false), ("5.0", "107", false),
        ("5.0", "060", false), ("6.0", "114", true), ("6.0", "120", true), ("6.0", "113", false),
        ("1.0", "000", true), ("1.0", "011", true), ("1.0", "012", false), ("4.5", "085", false),
        ("4.5", "086", true), ("4.5", "094", true), ("4.5", "095", false),
    ])
    func comparableWithinItsBand(band: String, comparable: String, valid: Bool) throws {
        let score = try Feed.one(
            toefl: Feed.toefl(
                scores: Feed.scores(band, band, band, band, total: band, ["totalScoreIbtEquivalent": comparable])))
        let range = ScoreRules.comparableRange(band: ExactDecimal(band).unsafelyUnwrapped).unsafelyUnwrapped
        let shown = ExactDecimal(comparable).unsafelyUnwrapped.formatted(decimals: 0)
        let warning =
            "comparableIbtScore \(shown) is outside the ETS range of band \(band) (\(range.lowerBound)-\(range.upperBound))"
        #expect(Self.problems(score) == (valid ? [] : [warning]))
    }

    /// A 0-30 section out of range is named against the section scale, the total against 0-120.
    @Test(arguments: [
        (["31", "20", "20", "20"], "91", ["listeningScore 31 is outside the 0-30 section scale"]),
        (
            ["30", "30", "30", "30"], "121",
            [
                "overallBandScore 121 is outside the 0-120 scale",
                "overall score 121 does not follow from the sections (the official rule gives 120)",
            ]
        ),
        (
            ["20", "20", "20", "20"], "81",
            ["overall score 81 does not follow from the sections (the official rule gives 80)"]
        ),
        (["20", "20", "20.5", "20"], "80", ["writingScore 20.5 is not a step of the 0-30 section scale"]),
    ])
    func toefl120Scales(sections: [String], total: String, expected: [String]) throws {
        let score = try Feed.one(
            toefl: Feed.toefl(
                testType: "I", object: "ibt",
                scores: Feed.scores(sections[0], sections[1], sections[2], sections[3], total: total)))
        #expect(Self.problems(score) == expected)
    }

    /// Codes outside the layout's lists are warnings, and the raw code stays in the record.
    @Test(arguments: [
        ("R", "1", "", "", [String]()), ("r", "0", "l", "s", []), ("C", "5", "L", "", []),
        ("W", "1", "", "", ["scoreStatus \"W\" is not C or R (read as reported)"]),
        ("R", "F", "", "", ["gender \"F\" is not a TOEFL gender code 0-5 (read as U)"]),
        ("R", "6", "", "", ["gender \"6\" is not a TOEFL gender code 0-5 (read as U)"]),
        ("R", "1", "X", "", ["listeningAccommodationInd \"X\" is not blank or L (read as no accommodation)"]),
        ("R", "1", "", "L", ["speakingAccommodationInd \"L\" is not blank or S (read as no accommodation)"]),
    ])
    func toeflCodes(status: String, gender: String, listening: String, speaking: String, expected: [String]) throws {
        // No scores, so that an accommodation indicator has nothing to contradict.
        let score = try Feed.one(
            toefl: Feed.toefl(
                scores: [:], status: status, gender: gender, listeningIndicator: listening,
                speakingIndicator: speaking))
        #expect(Self.problems(score) == expected)
        #expect(score.sourceStatus == status && score.candidate.genderCode == gender)
        #expect(score.listeningAccommodationCode == listening && score.speakingAccommodationCode == speaking)
        #expect(score.listeningAccommodation == (listening.uppercased() == "L"))
        #expect(score.status == (status.uppercased() == "C" ? .cancelled : .reported))
    }

    /// The score object decides the scale; a `testType` that names another is a warning.
    @Test(arguments: [
        ("K", "ibt26", TestKind.toeflIBT26, [String]()), ("I", "ibt", .toeflIBT, []), ("C", "ibt", .toeflIBT, []),
        ("E", "essentials", .toeflEssentials, []),
        ("K", "ibt", .toeflIBT, ["testType K does not match the ibt score object (scores read as TOEFL iBT 0-120)"]),
        (
            "I", "ibt26", .toeflIBT26,
            ["testType I does not match the ibt26 score object (scores read as TOEFL iBT 1-6)"]
        ),
        ("X", "ibt26", .toeflIBT26, ["testType \"X\" is not I, C, E or K (read as TOEFL iBT 1-6)"]),
    ])
    func scoreObjectMatchesTestType(testType: String, object: String, kind: TestKind, expected: [String]) throws {
        let score = try Feed.one(toefl: Feed.toefl(testType: testType, object: object, scores: [:]))
        #expect(score.test == kind && score.sourceTestType == testType)
        #expect(Self.problems(score) == expected)
    }

    @Test func aCancellationWithoutAScoreObjectTakesItsTestType() throws {
        let score = try Feed.one(toefl: Feed.toefl(testType: "E", object: nil, status: "C"))
        #expect(score.test == .toeflEssentials && score.status == .cancelled)
        #expect(Self.problems(score).isEmpty)
    }

    @Test(arguments: [("L", "listening"), ("S", "speaking")])
    func aScoreBesideItsAccommodationIndicatorIsKeptAndWarned(indicator: String, section: String) throws {
        let score = try Feed.one(
            toefl: Feed.toefl(
                scores: Feed.scores("4.0", "4.0", "4.0", "4.0", total: "4.0"),
                listeningIndicator: indicator == "L" ? "L" : "", speakingIndicator: indicator == "S" ? "S" : ""))
        #expect(
            Self.problems(score) == [
                "\(section)Score 4.0 is present although accommodation indicator \(indicator) means no such score "
                    + "(the score is kept)"
            ])
        #expect(Field(rawValue: "\(section)Score")?.text(of: score, Self.context) == "4.0")
    }

    static let context = RenderContext(dateFormat: .isoDate, downloadDate: today)

    /// Two years from the test date, TOEFL like IELTS; a cancelled result is not checked.
    @Test(arguments: [
        ("20241122", "R", [String]()),
        ("20241121", "R", ["TOEFL result from 2024-11-21 is past its 2-year validity (valid until 2026-11-21)"]),
        ("20241121", "C", []),
    ])
    func toeflValidity(testDate: String, status: String, expected: [String]) throws {
        let score = try Feed.one(toefl: Feed.toefl(object: nil, status: status, testDate: testDate))
        #expect(Self.problems(score) == expected)
    }

    @Test(arguments: [
        ("20241122", [String]()),
        ("20241121", ["IELTS result from 2024-11-21 is past its 2-year validity (valid until 2026-11-21)"]),
    ])
    func ieltsValidity(testDate: String, expected: [String]) throws {
        let score = try Feed.one(ielts: Feed.ielts("6", "6", "6", "6", overall: "6", extra: ["testDate": testDate]))
        #expect(Self.problems(score) == expected)
    }

    @Test(arguments: [
        ("M", [String]()), ("u", []), ("X", ["gender \"X\" is not M, F or U (read as U)"]),
        // A longer value may be a name that slipped into the column: not shown.
        (
            "Wang",
            [
                "gender holds a value (not shown: it may be personal; --problems keeps it) that is not M, F or U (read "
                    + "as U)"
            ]
        ),
    ])
    func ieltsGender(gender: String, expected: [String]) throws {
        let score = try Feed.one(ielts: Feed.ielts("6", "6", "6", "6", overall: "6", extra: ["gender": gender]))
        #expect(Self.problems(score) == expected)
    }
}

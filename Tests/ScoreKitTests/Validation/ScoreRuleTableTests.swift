import Testing

@testable import ScoreKit

/// Every table of ``ScoreRules`` at each of its boundaries (the sources are cited in ScoreRules.swift).
@Suite struct ScoreRuleTableTests {
    static func d(_ text: String) -> ExactDecimal { ExactDecimal(text).unsafelyUnwrapped }

    /// The mean of the sections rounded to the nearest half, quarters going up (IELTS, TOEFL 1-6, Essentials);
    /// 0-120 sums. nil where a section is off the scale's grid.
    @Test(arguments: [
        (ScoreScale.ieltsBand, ["6.5", "6.5", "6.5", "6.5"], "6.5"),
        (.ieltsBand, ["6", "6", "6", "6.5"], "6.0"),  // 6.125 down
        (.ieltsBand, ["6", "6", "6.5", "6.5"], "6.5"),  // 6.25 up
        (.ieltsBand, ["6.5", "6.5", "6.5", "7"], "6.5"),  // 6.625 down
        (.ieltsBand, ["6.5", "6.5", "7", "7"], "7.0"),  // 6.75 up
        (.ieltsBand, ["9", "9", "9", "9"], "9.0"),
        (.ieltsBand, ["0", "0", "0", "0.5"], "0.0"),
        (.ieltsBand, ["4", "4", "4", "5"], "4.5"),  // 4.25 up
        (.toefl6, ["5", "5", "5", "5.5"], "5.0"),  // 5.125 down (API.md's example)
        (.toefl6, ["5", "5", "5.5", "5.5"], "5.5"),  // 5.25 up (API.md's example)
        (.toefl6, ["5.5", "5.5", "6", "6"], "6.0"),  // 5.75 up
        (.toefl6, ["1", "1", "1", "1"], "1.0"),
        (.toefl6, ["6", "6", "6", "6"], "6.0"),
        (.essentials12, ["8", "8", "9", "8"], "8.5"),  // 8.25: the tie goes up (issue 13's valid 8.5)
        (.essentials12, ["8", "8", "8", "8"], "8"),
        (.essentials12, ["8", "9", "8", "9"], "8.5"),  // 8.5 exactly
        (.essentials12, ["8", "9", "9", "9"], "9"),  // 8.75: the tie goes up
        (.essentials12, ["1", "1", "1", "2"], "1.5"),  // 1.25 up
        (.essentials12, ["11", "12", "12", "12"], "12"),  // 11.75 up
        (.essentials12, ["1", "1", "1", "1"], "1"),
        (.essentials12, ["12", "12", "12", "12"], "12"),
        (.toefl120, ["25", "27", "22", "24"], "98"),
        (.toefl120, ["0", "0", "0", "0"], "0"),
        (.toefl120, ["30", "30", "30", "30"], "120"),
    ])
    func overallFollowsFromSections(scale: ScoreScale, sections: [String], overall: String) {
        let expected = ScoreRules.expectedOverall(scale: scale, sections: sections.map(Self.d))
        #expect(expected?.formatted(decimals: scale.decimals) == overall)
    }

    @Test(arguments: [
        (ScoreScale.ieltsBand, ["6.25", "6", "6", "6"]), (.toefl6, ["5.25", "5", "5", "5"]),
        (.essentials12, ["8.5", "8", "8", "8"]),
    ])
    func noOverallFromSectionsOffTheGrid(scale: ScoreScale, sections: [String]) {
        #expect(ScoreRules.expectedOverall(scale: scale, sections: sections.map(Self.d)) == nil)
    }

    /// The CEFR level of a total: IELTS from 4.0 only (no official table maps lower bands), 1-6, 0-120;
    /// Essentials never (its table is not public).
    @Test(arguments: [
        (ScoreScale.ieltsBand, "9", CEFRLevel?.some(.c2)), (.ieltsBand, "8.5", .c2), (.ieltsBand, "8", .c1),
        (.ieltsBand, "7", .c1), (.ieltsBand, "6.5", .b2), (.ieltsBand, "5.5", .b2), (.ieltsBand, "5", .b1),
        (.ieltsBand, "4", .b1), (.ieltsBand, "3.5", nil), (.ieltsBand, "3", nil), (.ieltsBand, "0", nil),
        (.toefl6, "6", .c2), (.toefl6, "5.5", .c1), (.toefl6, "5", .c1), (.toefl6, "4.5", .b2), (.toefl6, "4", .b2),
        (.toefl6, "3.5", .b1), (.toefl6, "3", .b1), (.toefl6, "2.5", .a2), (.toefl6, "2", .a2), (.toefl6, "1.5", .a1),
        (.toefl6, "1", .a1), (.toefl120, "120", .c1), (.toefl120, "95", .c1), (.toefl120, "94", .b2),
        (.toefl120, "72", .b2), (.toefl120, "71", .b1), (.toefl120, "42", .b1), (.toefl120, "41", nil),
        (.toefl120, "0", nil), (.essentials12, "12", nil), (.essentials12, "10", nil),
    ])
    func totalLevels(scale: ScoreScale, overall: String, level: CEFRLevel?) {
        #expect(ScoreRules.cefr(scale: scale, overall: Self.d(overall)) == level)
    }

    /// Section levels: 0-120 from ETS's cut scores (each cut and one below), 1-6 from the total's table; none
    /// for IELTS and Essentials sections.
    @Test(arguments: [
        (ScoreScale.toefl120, Section.reading, "30", CEFRLevel?.some(.c1)), (.toefl120, .reading, "24", .c1),
        (.toefl120, .reading, "23", .b2), (.toefl120, .reading, "18", .b2), (.toefl120, .reading, "17", .b1),
        (.toefl120, .reading, "4", .b1), (.toefl120, .reading, "3", nil), (.toefl120, .reading, "0", nil),
        (.toefl120, .listening, "22", .c1), (.toefl120, .listening, "21", .b2), (.toefl120, .listening, "17", .b2),
        (.toefl120, .listening, "16", .b1), (.toefl120, .listening, "9", .b1), (.toefl120, .listening, "8", nil),
        (.toefl120, .speaking, "25", .c1), (.toefl120, .speaking, "24", .b2), (.toefl120, .speaking, "20", .b2),
        (.toefl120, .speaking, "19", .b1), (.toefl120, .speaking, "16", .b1), (.toefl120, .speaking, "15", .a2),
        (.toefl120, .speaking, "10", .a2), (.toefl120, .speaking, "9", nil), (.toefl120, .writing, "24", .c1),
        (.toefl120, .writing, "23", .b2), (.toefl120, .writing, "17", .b2), (.toefl120, .writing, "16", .b1),
        (.toefl120, .writing, "13", .b1), (.toefl120, .writing, "12", .a2), (.toefl120, .writing, "7", .a2),
        (.toefl120, .writing, "6", nil), (.toefl6, .listening, "6", .c2), (.toefl6, .reading, "5.5", .c1),
        (.toefl6, .writing, "4.5", .b2), (.toefl6, .speaking, "3", .b1), (.toefl6, .listening, "2.5", .a2),
        (.toefl6, .reading, "1", .a1), (.ieltsBand, .listening, "9", nil), (.essentials12, .listening, "12", nil),
    ])
    func sectionLevels(scale: ScoreScale, section: Section, score: String, level: CEFRLevel?) {
        #expect(ScoreRules.sectionCEFR(scale: scale, section: section, score: Self.d(score)) == level)
    }

    /// Essentials: ETS confirms 12 C2 and 10-11 C1; nothing else is checked.
    @Test(arguments: [
        ("12", CEFRLevel?.some(.c2)), ("11.5", nil), ("11", .c1), ("10.5", .c1), ("10", .c1), ("9.5", nil),
        ("9", nil), ("1", nil),
    ])
    func confirmedEssentialsLevels(score: String, level: CEFRLevel?) {
        #expect(ScoreRules.confirmedEssentialsLevel(Self.d(score)) == level)
    }

    /// The ETS range of the comparable 0-120 score of each 1-6 band.
    @Test(arguments: [
        ("6", 114, 120), ("5.5", 107, 113), ("5", 95, 106), ("4.5", 86, 94), ("4", 72, 85), ("3.5", 58, 71),
        ("3", 44, 57), ("2.5", 34, 43), ("2", 24, 33), ("1.5", 12, 23), ("1", 0, 11),
    ])
    func comparableRanges(band: String, low: Int64, high: Int64) {
        #expect(ScoreRules.comparableRange(band: Self.d(band)) == low...high)
    }

    @Test func noComparableRangeOffTheBands() {
        #expect(ScoreRules.comparableRange(band: Self.d("4.25")) == nil)
        #expect(ScoreRules.comparableRange(band: Self.d("0.5")) == nil)
    }

    /// ETS's concordance of 0-120 totals with IELTS bands, at both ends of every row.
    @Test(arguments: [
        ("0", "4.0 or below"), ("31", "4.0 or below"), ("32", "4.5"), ("34", "4.5"), ("35", "5.0"), ("45", "5.0"),
        ("46", "5.5"), ("59", "5.5"), ("60", "6.0"), ("78", "6.0"), ("79", "6.5"), ("93", "6.5"), ("94", "7.0"),
        ("101", "7.0"), ("102", "7.5"), ("109", "7.5"), ("110", "8.0"), ("114", "8.0"), ("115", "8.5"),
        ("117", "8.5"), ("118", "9.0"), ("120", "9.0"),
    ])
    func ieltsEquivalents(total: String, band: String) {
        #expect(ScoreRules.ieltsEquivalent(toefl120Total: Self.d(total)) == band)
    }

    @Test func noIeltsEquivalentOffTheScale() {
        #expect(ScoreRules.ieltsEquivalent(toefl120Total: Self.d("121")) == nil)
        #expect(ScoreRules.ieltsEquivalent(toefl120Total: Self.d("98.5")) == nil)
    }

    @Test(arguments: [("2024-02-29", "2026-02-28"), ("2024-11-22", "2026-11-22"), ("2025-06-27", "2027-06-27")])
    func validForTwoYears(testDate: String, validUntil: String) {
        let date = DateFormat.isoDate.parse(testDate).unsafelyUnwrapped
        #expect(ScoreRules.validUntil(testDate: date) == DateFormat.isoDate.parse(validUntil))
    }
}

/// The official rules that tie scores together. Each table names its source as ../shared/API.md records it;
/// README.md lists them with the tests that pin them.
public enum ScoreRules {
    /// The overall score the sections imply, or nil where no rule applies (a missing section, a section off the
    /// scale's step).
    ///
    /// - IELTS bands (API.md, "Overall band (official rule)"), TOEFL 1-6 (API.md, "1-6 scale (since
    ///   2026-01-21)": 5.125 -> 5.0, 5.25 -> 5.5) and TOEFL Essentials (API.md, "Essentials": "the mean of the
    ///   four sections rounded to the nearest half band"): the mean rounded to the nearest half, quarters going
    ///   up (in half units: floor((2 * sum + 2) / 4) / 2). ETS does not say which way an Essentials mean of x.25
    ///   or x.75 goes; quarters go up as in ETS's own 1-6 rule and the IELTS rule, which also gives the valid
    ///   8.5 for sections 8/8/9/8 that issue 13 quotes.
    /// - TOEFL 0-120: the sum of the sections (API.md, "Old 0-120 scale").
    public static func expectedOverall(scale: ScoreScale, sections: [ExactDecimal]) -> ExactDecimal? {
        guard sections.count == 4 else { return nil }
        return expectedOverall(scale: scale, sections[0], sections[1], sections[2], sections[3])
    }

    /// The same for the four sections listening, reading, writing, speaking.
    public static func expectedOverall(
        scale: ScoreScale, _ l: ExactDecimal, _ r: ExactDecimal, _ w: ExactDecimal, _ s: ExactDecimal
    ) -> ExactDecimal? {
        // The rule is meaningful only for sections on the scale's grid (half bands; whole Essentials bands).
        guard [l, r, w, s].allSatisfy({ $0.hundredths % scale.section.step == 0 }) else { return nil }
        let sum = l.hundredths + r.hundredths + w.hundredths + s.hundredths
        switch scale {
        case .ieltsBand, .toefl6, .essentials12:
            let halfUnits = sum / 50
            return ExactDecimal(hundredths: (halfUnits + 2) / 4 * 50)
        case .toefl120:
            return ExactDecimal(hundredths: sum)
        }
    }

    /// A table from the lowest score of each level (in hundredths, highest first) to the level.
    typealias LevelTable = [(from: Int64, level: CEFRLevel)]

    /// IELTS overall -> CEFR (API.md, "IELTS overall to CEFR": 8.5-9 C2, 7-8 C1, 5.5-6.5 B2, 4-5 B1). No IELTS or
    /// Cambridge table maps bands below 4.0 (the A2 for 3.0-3.5 is in unofficial copies only): nothing below.
    static let ieltsLevels: LevelTable = [(850, .c2), (700, .c1), (550, .b2), (400, .b1)]

    /// TOEFL 1-6 -> CEFR, the same for sections and total (API.md, "1-6 scale": 6 C2; 5.5, 5 C1; 4.5, 4 B2;
    /// 3.5, 3 B1; 2.5, 2 A2; 1.5, 1 A1).
    static let toefl6Levels: LevelTable = [(600, .c2), (500, .c1), (400, .b2), (300, .b1), (200, .a2), (100, .a1)]

    /// TOEFL 0-120 total -> CEFR (API.md, "Old 0-120 scale": 95-120 C1, 72-94 B2, 42-71 B1; below: none).
    static let toefl120Levels: LevelTable = [(9500, .c1), (7200, .b2), (4200, .b1)]

    /// TOEFL 0-120 section cut scores (API.md, "TOEFL 0-120 section CEFR cut scores", from ETS "Mapping TOEFL
    /// iBT scores onto the CEFR").
    static func toefl120SectionLevels(_ section: Section) -> LevelTable {
        switch section {
        case .reading: [(2400, .c1), (1800, .b2), (400, .b1)]
        case .listening: [(2200, .c1), (1700, .b2), (900, .b1)]
        case .speaking: [(2500, .c1), (2000, .b2), (1600, .b1), (1000, .a2)]
        case .writing: [(2400, .c1), (1700, .b2), (1300, .b1), (700, .a2)]
        }
    }

    static func level(_ score: ExactDecimal, in table: LevelTable) -> CEFRLevel? {
        table.first { score.hundredths >= $0.from }?.level
    }

    /// The CEFR level of an overall score, or nil below the lowest level the scale's table maps (and always for
    /// TOEFL Essentials, whose table ETS does not publish; see ``confirmedEssentialsLevel(_:)``).
    public static func cefr(scale: ScoreScale, overall: ExactDecimal) -> CEFRLevel? {
        switch scale {
        case .ieltsBand: level(overall, in: ieltsLevels)
        case .toefl6: level(overall, in: toefl6Levels)
        case .toefl120: level(overall, in: toefl120Levels)
        case .essentials12: nil
        }
    }

    /// The CEFR level of a section score, or nil where no published table maps it: TOEFL 1-6 uses the total's
    /// table, TOEFL 0-120 the section cut scores; IELTS and Essentials sections get none.
    public static func sectionCEFR(scale: ScoreScale, section: Section, score: ExactDecimal) -> CEFRLevel? {
        switch scale {
        case .toefl6: level(score, in: toefl6Levels)
        case .toefl120: level(score, in: toefl120SectionLevels(section))
        case .ieltsBand, .essentials12: nil
        }
    }

    /// The TOEFL Essentials level ETS confirms for a score, section or overall: 12 C2, 10-11 C1 (API.md,
    /// "Essentials"); nil elsewhere, where the feed's level is neither checked nor derived.
    public static func confirmedEssentialsLevel(_ score: ExactDecimal) -> CEFRLevel? {
        switch score.hundredths {
        case 1200: .c2
        case 1000...1100: .c1
        default: nil
        }
    }

    /// The ETS range of the comparable 0-120 score for a TOEFL 1-6 band, in whole points (API.md, "TOEFL 1-6 band
    /// -> comparable 0-120 total", from the ETS TOEFL Access help centre, "score scale update").
    public static func comparableRange(band: ExactDecimal) -> ClosedRange<Int64>? {
        switch band.hundredths {
        case 600: 114...120
        case 550: 107...113
        case 500: 95...106
        case 450: 86...94
        case 400: 72...85
        case 350: 58...71
        case 300: 44...57
        case 250: 34...43
        case 200: 24...33
        case 150: 12...23
        case 100: 0...11
        default: nil
        }
    }

    /// ETS's concordance of a TOEFL 0-120 total with the IELTS overall band (API.md, "ETS concordance"): nil
    /// for a total that is not a whole number from 0 to 120. ETS warns against using it to set cut scores.
    public static func ieltsEquivalent(toefl120Total total: ExactDecimal) -> String? {
        guard total.hundredths % 100 == 0, (0...12000).contains(total.hundredths) else { return nil }
        switch total.hundredths / 100 {
        case 118...: return "9.0"
        case 115...: return "8.5"
        case 110...: return "8.0"
        case 102...: return "7.5"
        case 94...: return "7.0"
        case 79...: return "6.5"
        case 60...: return "6.0"
        case 46...: return "5.5"
        case 35...: return "5.0"
        case 32...: return "4.5"
        default: return "4.0 or below"
        }
    }

    /// The last day a result is valid: two years after the test date, for IELTS and TOEFL alike (API.md: "Results
    /// are valid for 2 years after the test date"; "TOEFL scores are valid for two years from the test date").
    public static func validUntil(testDate: CalendarDate) -> CalendarDate { testDate.adding(years: 2) }
}

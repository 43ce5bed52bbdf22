/// The official rules that tie scores together (see shared/API.md).
public enum ScoreRules {
    /// The overall score the sections imply, or nil where no rule applies (TOEFL Essentials, a missing section).
    ///
    /// - IELTS bands and TOEFL 1-6: the mean rounded to the nearest half, quarters going up
    ///   (in half units: floor((2 * sum + 2) / 4) / 2).
    /// - TOEFL 0-120: the sum of the sections.
    public static func expectedOverall(scale: ScoreScale, sections: [ExactDecimal]) -> ExactDecimal? {
        guard sections.count == 4 else { return nil }
        return expectedOverall(scale: scale, sections[0], sections[1], sections[2], sections[3])
    }

    /// The same for the four sections listening, reading, writing, speaking.
    public static func expectedOverall(
        scale: ScoreScale, _ l: ExactDecimal, _ r: ExactDecimal, _ w: ExactDecimal, _ s: ExactDecimal
    ) -> ExactDecimal? {
        let sum = l.hundredths + r.hundredths + w.hundredths + s.hundredths
        switch scale {
        case .ieltsBand, .toefl6:
            // Every section must be on the half-band grid for the rule to be meaningful.
            guard [l, r, w, s].allSatisfy({ $0.hundredths % 50 == 0 }) else { return nil }
            let halfUnits = sum / 50
            return ExactDecimal(hundredths: (halfUnits + 2) / 4 * 50)
        case .toefl120:
            return ExactDecimal(hundredths: sum)
        case .essentials12:
            return nil
        }
    }

    /// The CEFR level of an overall score, or nil below the lowest level the scale reports.
    ///
    /// - IELTS: 8.5-9 C2, 7-8 C1, 5.5-6.5 B2, 4-5 B1, 3-3.5 A2.
    /// - TOEFL 1-6: 6 C2; 5-5.5 C1; 4-4.5 B2; 3-3.5 B1; 2-2.5 A2; 1-1.5 A1.
    /// - TOEFL 0-120: 95-120 C1, 72-94 B2, 42-71 B1.
    /// - TOEFL Essentials: none (the feed carries it).
    public static func cefr(scale: ScoreScale, overall: ExactDecimal) -> CEFRLevel? {
        let h = overall.hundredths
        switch scale {
        case .ieltsBand:
            switch h {
            case 850...: return .c2
            case 700...: return .c1
            case 550...: return .b2
            case 400...: return .b1
            case 300...: return .a2
            default: return nil
            }
        case .toefl6:
            switch h {
            case 600...: return .c2
            case 500...: return .c1
            case 400...: return .b2
            case 300...: return .b1
            case 200...: return .a2
            case 100...: return .a1
            default: return nil
            }
        case .toefl120:
            switch h {
            case 9500...: return .c1
            case 7200...: return .b2
            case 4200...: return .b1
            default: return nil
            }
        case .essentials12:
            return nil
        }
    }

    /// Whether the scale's CEFR level can be derived from the overall score.
    public static func derivesCEFR(_ scale: ScoreScale) -> Bool { scale != .essentials12 }

    /// The last day an IELTS result is valid: two years after the test date.
    public static func ieltsValidUntil(testDate: CalendarDate) -> CalendarDate { testDate.adding(years: 2) }
}

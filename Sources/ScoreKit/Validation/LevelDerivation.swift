/// The CEFR levels a record's scores give where the feed sent none: the one place a record's levels are derived.
///
/// What is derived stays marked (``TestScore/cefrDerived``, ``SectionCEFR/derived``), apart from what the feed
/// sent: the ledger fingerprints feed data only, so a rule change here never re-delivers a record.
public enum LevelDerivation {
    /// Derives the level of the total and of each section where the feed sent none and an official table gives
    /// one (see ``ScoreRules``). Only scores on their scale and step get a level; TOEFL Essentials gets none.
    public static func derive(_ score: inout TestScore) {
        let scale = score.test.scale
        if score.cefr == nil, let overall = onScale(score.scores.overall, scale.overall),
            let level = ScoreRules.cefr(scale: scale, overall: overall)
        {
            score.cefr = .valid(level)
            score.cefrDerived = true
        }
        guard scale == .toefl6 || scale == .toefl120 else { return }
        for section in Section.allCases where score.sectionCEFR.text.isEmpty(section) {
            if let value = onScale(score.scores[section], scale.section),
                let level = ScoreRules.sectionCEFR(scale: scale, section: section, score: value)
            {
                let text = level.staticText
                score.sectionCEFR.text.set(
                    section, UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
                score.sectionCEFR.derived.insert(SectionSet(section))
            }
        }
    }

    /// The score, if it is on the range and step given.
    static func onScale(_ value: Checked<ExactDecimal>?, _ range: (min: Int64, max: Int64, step: Int64))
        -> ExactDecimal?
    {
        guard let score = value?.value, score.hundredths >= range.min, score.hundredths <= range.max,
            score.hundredths % range.step == 0
        else { return nil }
        return score
    }
}

extension LevelDerivation {
    /// A field's text as release 0.1.0 rendered it, for the ledger's scheme-1 fingerprint (``Fingerprint``): the
    /// total's level as 0.1.0 derived it, and each section's level as the feed sent it (0.1.0 derived none).
    /// Every other field renders as ``Field/text(of:_:)`` does.
    static func release010Text(of field: Field, in score: TestScore, _ context: RenderContext) -> String {
        switch field {
        case .cefrLevel where score.cefr == nil || score.cefrDerived:
            guard let overall = score.scores.overall?.value else { return "" }
            return release010Level(scale: score.test.scale, overall: overall)?.rawValue ?? ""
        case .listeningCefr: return score.sectionCEFR.fromFeed(.listening)
        case .readingCefr: return score.sectionCEFR.fromFeed(.reading)
        case .writingCefr: return score.sectionCEFR.fromFeed(.writing)
        case .speakingCefr: return score.sectionCEFR.fromFeed(.speaking)
        default: return field.text(of: score, context)
        }
    }

    /// The level release 0.1.0 derived for any readable total: today's tables, plus A2 for IELTS 3.0-3.5, which
    /// no official table supports (the rule now derives nothing below 4.0).
    static func release010Level(scale: ScoreScale, overall: ExactDecimal) -> CEFRLevel? {
        if scale == .ieltsBand, (300..<400).contains(overall.hundredths) { return .a2 }
        return ScoreRules.cefr(scale: scale, overall: overall)
    }
}

/// Derives what the feed left out (CEFR levels, from the official tables in ``ScoreRules``); never changes what the
/// feed sent.
struct Normalizer: RecordStage {
    mutating func process(_ record: inout PipelineRecord) -> StageOutcome {
        Self.complete(&record.score)
        return .pass
    }

    static func complete(_ score: inout TestScore) {
        if score.cefr == nil, ScoreRules.derivesCEFR(score.test.scale), let overall = score.scores.overall?.value,
            let level = ScoreRules.cefr(scale: score.test.scale, overall: overall)
        {
            score.cefr = .valid(level)
            score.cefrDerived = true
        }
    }
}

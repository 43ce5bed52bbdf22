/// Derives what the feed left out (CEFR levels of the total and the sections, from the official tables); never
/// changes what the feed sent.
struct Normalizer: RecordStage {
    mutating func process(_ record: inout PipelineRecord) -> StageOutcome {
        Self.complete(&record.score)
        return .pass
    }

    /// The CEFR levels of the total and of the sections, from the official tables (``LevelDerivation``).
    static func complete(_ score: inout TestScore) {
        LevelDerivation.derive(&score)
    }
}

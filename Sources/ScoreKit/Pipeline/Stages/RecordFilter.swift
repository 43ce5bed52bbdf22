/// Leaves out what the user asked to leave out: a test, an IELTS module, cancelled results. A record left out still
/// competes for its key in the sink, so an older version of a cancelled result is not delivered in its place.
struct RecordFilter: RecordStage {
    /// Keep only IELTS records of this module (TOEFL records pass).
    var module: TestKind?
    /// Keep only this test.
    var family: TestFamily?
    var excludeCancelled = false

    mutating func process(_ record: inout PipelineRecord) -> StageOutcome {
        let test = record.score.test
        if excludeCancelled && record.score.status == .cancelled { return .withhold(.skipped) }
        if let family, test.family != family { return .withhold(.skipped) }
        // A record whose module is a guess is not dropped unseen: it goes on, and its warning says why.
        if let module, test.isIELTS, test != module, !record.score.moduleIsGuessed { return .withhold(.skipped) }
        return .pass
    }
}

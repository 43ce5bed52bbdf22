/// A record on its way through the stages: the score, where it was read, and the problems found in it.
struct PipelineRecord {
    var score = TestScore(test: .ieltsAcademic)
    /// The input it was read from (a path, "<stdin>", or a fetched page) and its number there (1-based).
    var inputName = ""
    var number = 0
    /// What validation found, for the stages after it (the policy check) and the summary.
    var problems: [RecordProblem] = []

    /// Where the record was read, as messages name it: never a name or a date of birth.
    var location: RecordLocation { RecordLocation(file: inputName, record: number, id: score.id) }
}

/// What a stage decided about a record.
enum StageOutcome: Equatable {
    /// On to the next stage.
    case pass
    /// Not delivered, yet still competing for its key as a duplicate (a newer record withheld makes an older
    /// delivered one stale): left out by a filter, or unchanged since the last delivery.
    case withhold(WithholdReason)
}

/// Why a record is not delivered.
enum WithholdReason: Equatable {
    /// A filter left it out (`--module`, `--test`, `--exclude-cancelled`).
    case skipped
    /// The ledger has delivered the same content before.
    case unchanged
}

/// One step of the data path (see ``ScorePipeline``): it sees each record in turn, may change or annotate it, and
/// says whether it goes on.
protocol RecordStage {
    mutating func process(_ record: inout PipelineRecord) throws -> StageOutcome
    /// Sees a record an earlier stage withheld (it goes on to the sink to compete for its key, undelivered).
    mutating func observeWithheld(_ record: PipelineRecord)
}

extension RecordStage {
    mutating func observeWithheld(_ record: PipelineRecord) {}
}

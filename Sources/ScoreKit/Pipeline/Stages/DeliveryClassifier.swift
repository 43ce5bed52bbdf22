/// Classifies each record against the ledger of what was delivered before (scheduled fetches with `--state`): new,
/// update, cancellation, or unchanged, which is withheld unless `--full`. The ledger learns the outcome only when
/// the pipeline has committed (see ``Ledger/apply()``).
struct DeliveryClassifier: RecordStage {
    let ledger: Ledger
    /// Deliver unchanged records too (the ledger is still updated).
    var full = false
    var today: CalendarDate

    mutating func process(_ record: inout PipelineRecord) -> StageOutcome {
        let delivery = ledger.stage(record.score, today: today)
        if delivery == .unchanged && !full { return .withhold(.unchanged) }
        record.score[stored: .deliveryType] = delivery.rawValue
        return .pass
    }

    /// A record a filter left out must not let an older one with its key be recorded as delivered.
    mutating func observeWithheld(_ record: PipelineRecord) {
        ledger.stageLeftOut(record.score)
    }
}

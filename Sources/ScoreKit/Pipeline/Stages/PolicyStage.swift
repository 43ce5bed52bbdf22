/// Judges each delivered record against the admissions policy (`--policy`): `policyResult` and `policyReasons`,
/// from the record's scores and the problems validation found in it.
struct PolicyStage: RecordStage {
    var check: PolicyCheck

    mutating func process(_ record: inout PipelineRecord) -> StageOutcome {
        check.apply(to: &record.score, problems: record.problems)
        return .pass
    }
}

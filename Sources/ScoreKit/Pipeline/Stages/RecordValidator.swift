/// Checks each delivered record against the official rules (``Validator``) and reports every problem as a warning
/// naming the input, the record number and the id; the record goes on (``ScorePipeline`` fails the run under
/// `--strict`).
struct RecordValidator: RecordStage {
    let validator: Validator
    let diagnostics: Diagnostics

    mutating func process(_ record: inout PipelineRecord) -> StageOutcome {
        record.problems = validator.problems(in: record.score)
        // Most records have no problem: their location (which copies the id) is made only for a warning.
        if !record.problems.isEmpty {
            let location = record.location
            for problem in record.problems { diagnostics.problem(problem, at: location) }
        }
        return .pass
    }
}

/// The first stage: records from files, standard input or pages fetched from a service, each input's kind detected
/// from its content (``ScoreInput``) and parsed on a second thread (``ParallelReader``).
final class RecordSource {
    private var inputs: any InputProvider
    /// The kinds this run reads; nil for every kind (`fetch` reads only its service's JSON).
    private let accepted: Set<InputKind>?
    private let inputDateFormat: DateFormat?
    private let diagnostics: Diagnostics
    private var reader: ParallelReader?
    private var name = ""
    private var number = 0
    private var previousRecords: Int?
    /// Records read so far, for the progress line.
    private(set) var read = 0

    init(
        _ inputs: any InputProvider, accepting accepted: Set<InputKind>? = nil, inputDateFormat: DateFormat?,
        diagnostics: Diagnostics
    ) {
        self.inputs = inputs
        self.accepted = accepted
        self.inputDateFormat = inputDateFormat
        self.diagnostics = diagnostics
    }

    deinit { reader?.cancel() }

    /// Reads the next record into `record`, moving on to the next input as each ends; false after the last.
    func next(into record: inout PipelineRecord) throws -> Bool {
        while true {
            if let reader {
                if try reader.next(into: &record.score) {
                    number += 1
                    read += 1
                    record.inputName = name
                    record.number = number
                    record.problems.removeAll(keepingCapacity: true)
                    return true
                }
                previousRecords = number
                self.reader = nil
                diagnostics.progress("records read \(read)")
            }
            guard let file = try inputs.next(previousRecords: previousRecords) else {
                diagnostics.progress(nil)
                return false
            }
            let input = try ScoreInput(file: file, inputDateFormat: inputDateFormat)
            if let accepted, !accepted.contains(input.kind) {
                throw InputError.unrecognized(
                    file: file.name,
                    detail: "expected \(accepted.map(\.rawValue).sorted().joined(separator: " or ")), "
                        + "found \(input.kind.rawValue)")
            }
            for note in input.notes { diagnostics.note("\(file.name): \(note)") }
            name = file.name
            number = 0
            reader = ParallelReader(input)
        }
    }
}

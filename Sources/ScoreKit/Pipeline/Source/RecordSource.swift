import Foundation

/// The first stage: records from files, standard input or pages fetched from a service, each input's kind detected
/// from its content (``ScoreInput``) and parsed on a second thread (``ParallelReader``).
final class RecordSource {
    private var inputs: any InputProvider
    /// The kinds this run reads; nil for every kind (`fetch` reads only its service's JSON).
    private let accepted: Set<InputKind>?
    private let inputDateFormat: DateFormat?
    private let textInput: TextInputOptions
    /// The run's today, for two-digit years of birth.
    private let today: CalendarDate?
    private let diagnostics: Diagnostics
    private var reader: ParallelReader?
    private var name = ""
    private var number = 0
    private var previousRecords: Int?
    /// Records read so far, for the progress line.
    private(set) var read = 0
    /// The input being read and the bytes of the inputs before it, for the progress line.
    private var file: InputFile?
    private var bytesBefore = 0
    private let started = ContinuousClock.now
    private var lastProgress = ContinuousClock.now

    init(
        _ inputs: any InputProvider, accepting accepted: Set<InputKind>? = nil, inputDateFormat: DateFormat?,
        textInput: TextInputOptions = TextInputOptions(), today: CalendarDate? = nil, diagnostics: Diagnostics
    ) {
        self.textInput = textInput
        self.today = today
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
                    if read & 4095 == 0 { progress() }
                    record.inputName = name
                    record.number = number
                    record.problems.removeAll(keepingCapacity: true)
                    return true
                }
                previousRecords = number
                self.reader = nil
                bytesBefore += file?.size ?? 0
                file = nil
                progress()
            }
            guard let file = try inputs.next(previousRecords: previousRecords) else {
                diagnostics.progress(nil)
                return false
            }
            let input = try ScoreInput(file: file, inputDateFormat: inputDateFormat, text: textInput, today: today)
            if let accepted, !accepted.contains(input.kind) {
                throw InputError.unrecognized(
                    file: file.name,
                    detail: "expected \(accepted.map(\.rawValue).sorted().joined(separator: " or ")), "
                        + "found \(input.kind.rawValue)")
            }
            for note in input.notes { diagnostics.note("\(file.name): \(note)") }
            name = file.name
            number = 0
            self.file = file
            reader = ParallelReader(input)
        }
    }

    /// "records read N, X MB (Y MB/s)" on a terminal, at most twice a second (never in cron: not a terminal).
    private func progress() {
        let now = ContinuousClock.now
        guard diagnostics.showsProgress, now - lastProgress > .milliseconds(500) else { return }
        lastProgress = now
        let bytes = Double(bytesBefore + (file?.position ?? 0)) / 1e6
        let elapsed = now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        diagnostics.progress(
            "records read \(read), \(String(format: "%.1f", bytes)) MB (\(String(format: "%.0f", bytes / max(seconds, 0.001))) MB/s)"
        )
    }
}

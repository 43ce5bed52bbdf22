/// The data path of `convert` and `check`:
/// Source (file or stdin) -> ``ScoreInput`` (detects and reads) -> normalize (derive CEFR) -> filter ->
/// ``Validator`` (warnings) -> ``RecordWriter`` (template -> CSV/JSON/XML) -> ``StagedOutput`` (atomic commit),
/// with ``DuplicateIndex`` dropping all but the most recent record of each test and id.
public final class ScorePipeline {
    public struct Options: Sendable {
        /// Paths to read; empty or "-" means standard input.
        public var inputs: [String] = []
        public var template = Template.eDelivery
        /// nil validates only (`check`).
        public var destination: OutputDestination? = .standardOutput
        public var strict = false
        public var formulaGuard = true
        public var byteOrderMark = false
        /// Keep only IELTS records of this module (TOEFL records pass).
        public var module: TestKind?
        /// Keep only "IELTS" or "TOEFL".
        public var testFamily: String?
        public var excludeCancelled = false
        public var inputDateFormat: DateFormat?
        /// The worksheet of XLSX input to read (nil: the first).
        public var sheet: String?
        public var today: CalendarDate
        /// Save photos here and put the file name in the photo column (fetch --photos).
        public var photosDirectory: String?
        /// With a ledger: deliver unchanged records too (the ledger is still updated).
        public var full = false
        /// Write no file when no record is delivered.
        public var skipEmpty = false

        public init(today: CalendarDate) {
            self.today = today
        }
    }

    /// What a run did, for the summary line.
    public struct Summary: Sendable, Equatable {
        public var read = 0
        public var written = 0
        public var warnings = 0
        public var skipped = 0
        public var duplicates = 0
        public var byTest: [String: Int] = [:]
        /// False for `check`, which writes nothing.
        public var wrote = true
        /// With a ledger: records by kind of delivery (new, update, cancellation; unchanged ones not delivered).
        public var deliveries: [Ledger.Delivery: Int] = [:]

        public var line: String {
            let tests = byTest.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "read \(read), \(wrote ? "written" : "checked") \(written), warnings \(warnings), "
                + "skipped \(skipped), duplicates \(duplicates)" + (tests.isEmpty ? "" : " (\(tests))")
        }
    }

    /// Why a run failed.
    public enum Failure: Error, Sendable {
        case input(InputError)
        case output(OutputError)
        /// Fetching from a service failed.
        case fetch(FetchError)
        /// `--strict` and at least one warning: nothing was written.
        case strict(Summary)
    }

    public let options: Options
    public let diagnostics: Diagnostics

    public init(options: Options, diagnostics: Diagnostics) {
        self.options = options
        self.diagnostics = diagnostics
    }

    /// Runs over the files named in the options.
    public func run() throws(Failure) -> Summary {
        var files: any InputProvider = FileInputs(paths: options.inputs)
        return try run(inputs: &files)
    }

    /// Runs over the inputs `inputs` provides (files, or pages fetched from a service). With a `ledger`, records
    /// delivered before with the same content are left out, the rest are marked new, update or cancellation, and
    /// the ledger learns what was delivered once the output is committed.
    public func run(inputs: inout any InputProvider, ledger: Ledger? = nil) throws(Failure) -> Summary {
        var summary = Summary()
        summary.wrote = options.destination != nil
        let validator = Validator(today: options.today)
        var writerOptions = WriterOptions(
            fields: options.template.fields,
            context: RenderContext(dateFormat: options.template.dateFormat, downloadDate: options.today))
        writerOptions.formulaGuard = options.formulaGuard
        writerOptions.byteOrderMark = options.byteOrderMark
        let writer = options.template.format.makeWriter(writerOptions)
        let output: StagedOutput?
        let duplicates: DuplicateIndex
        do {
            output = try options.destination.map { (destination) throws(OutputError) in
                try StagedOutput(destination: destination, packager: writer.packager)
            }
            duplicates = try DuplicateIndex()
        } catch let error as OutputError {
            throw .output(error)
        } catch {
            throw .output(.io(IOError("create", path: "a temporary file", code: 5)))
        }
        if let output {
            writer.writeHeader(to: &output.buffer)
            output.endHeader()
        }
        let separator = writer.separator
        var ordinal = 0
        let photos: PhotoStore?
        do {
            photos = try options.photosDirectory.map { (directory) throws(OutputError) in
                try PhotoStore(directory: directory)
            }
        } catch {
            throw .output(error)
        }
        var previousRecords: Int?
        do {
            while let file = try inputs.next(previousRecords: previousRecords) {
                let input = try ScoreInput(file: file, inputDateFormat: options.inputDateFormat, sheet: options.sheet)
                let name = input.file.name
                for note in input.notes { diagnostics.note("\(name): \(note)") }
                let fileIndex = duplicates.register(file: name)
                var number = 0
                var score = TestScore(test: .ieltsAcademic)
                // Parsing runs on a second thread, overlapping everything below.
                let reader = ParallelReader(input)
                defer { reader.cancel() }
                while try reader.next(into: &score) {
                    number += 1
                    summary.read += 1
                    Self.complete(&score)
                    guard keeps(score) else {
                        summary.skipped += 1
                        continue
                    }
                    if let ledger {
                        let fingerprint = Ledger.fingerprint(score)
                        let delivery = ledger.classify(score, fingerprint: fingerprint)
                        if delivery == .unchanged && !options.full {
                            summary.deliveries[.unchanged, default: 0] += 1
                            continue
                        }
                        score.delivery = delivery.rawValue
                        ledger.stage(
                            score, fingerprint: fingerprint, delivery: delivery, ordinal: ordinal, today: options.today)
                    }
                    if let photos, let problem = try photos.save(&score) {
                        diagnostics.warning("\(name): record \(number) (id \(score.id)): \(problem)")
                    }
                    for problem in validator.problems(in: score) {
                        let id = score.id.isEmpty ? "no id" : "id \(score.id)"
                        diagnostics.warning("\(name): record \(number) (\(id)): \(problem)")
                    }
                    if let output {
                        if ordinal > 0 { output.buffer.append(separator) }
                        let start = output.beginRecord()
                        writer.write(score, to: &output.buffer)
                        try output.endRecord(start: start)
                    }
                    try duplicates.add(score, ordinal: ordinal, file: fileIndex, number: number)
                    ordinal += 1
                    summary.byTest[score.test.family, default: 0] += 1
                }
                previousRecords = number
                diagnostics.progress("records read \(summary.read), written \(ordinal)")
            }
            diagnostics.progress(nil)
            let superseded = try duplicates.resolve()
            for entry in superseded {
                diagnostics.note(entry.message)
                summary.byTest[entry.family, default: 1] -= 1
            }
            summary.duplicates = superseded.count
            summary.written = ordinal - superseded.count
            summary.warnings = diagnostics.warningCount
            if options.strict && summary.warnings > 0 {
                summary.written = 0
                throw Failure.strict(summary)
            }
            if let ledger {
                let unchanged = summary.deliveries[.unchanged, default: 0]
                summary.deliveries = ledger.apply(skipping: Set(superseded.map { Int($0.ordinal) }))
                summary.deliveries[.unchanged, default: 0] += unchanged
            }
            if options.skipEmpty && summary.written == 0 {
                diagnostics.note("nothing to deliver: no file written (--skip-empty)")
            } else if let output {
                output.beginFooter()
                writer.writeFooter(to: &output.buffer)
                try output.commit(dropping: superseded.map(\.ordinal), separator: separator)
            }
        } catch let error as InputError {
            throw .input(error)
        } catch let error as OutputError {
            throw .output(error)
        } catch let error as IOError {
            throw .output(.io(error))
        } catch let error as Failure {
            throw error
        } catch {
            throw .output(.io(IOError("process", path: "input", code: 5)))
        }
        return summary
    }

    /// Derives what the feed left out: the CEFR level, from the official tables.
    static func complete(_ score: inout TestScore) {
        if score.cefr == nil, ScoreRules.derivesCEFR(score.test.scale), let overall = score.scores.overall?.value,
            let level = ScoreRules.cefr(scale: score.test.scale, overall: overall)
        {
            score.cefr = .valid(level)
            score.cefrDerived = true
        }
    }

    private func keeps(_ score: TestScore) -> Bool {
        if options.excludeCancelled && score.status == .cancelled { return false }
        if let family = options.testFamily, score.test.family != family { return false }
        if let module = options.module, score.test.isIELTS, score.test != module { return false }
        return true
    }
}

extension ScorePipeline {
    /// What a run reads, keeps and writes: the typed form of the command line's options.
    public struct Options: Sendable {
        /// Paths to read; empty or "-" means standard input.
        public var inputs: [String] = []
        public var template = Template.eDelivery
        /// nil validates only (`check`, `fetch --dry-run`).
        public var destination: OutputDestination? = .standardOutput
        public var strict = false
        public var formulaGuard = true
        public var byteOrderMark = false
        /// Keep only IELTS records of this module (TOEFL records pass).
        public var module: TestKind?
        /// Keep only this test.
        public var testFamily: TestFamily?
        public var excludeCancelled = false
        public var inputDateFormat: DateFormat?
        /// How CSV and XML inputs are read: `--input-encoding` and `--delimiter`, or detection.
        public var textInput = TextInputOptions()
        public var today: CalendarDate
        /// Save photos here and put the file name in the photo column (fetch --photos).
        public var photosDirectory: String?
        /// With a ledger: deliver unchanged records too (the ledger is still updated).
        public var full = false
        /// Write no file when no record is delivered.
        public var skipEmpty = false
        /// Never replace an output or review file that holds something: set with a ledger (`fetch --state`), which
        /// marks the records of the file there delivered.
        public var keepsDeliveredFiles = false
        /// Judge every record against this admissions policy (`--policy`).
        public var policy: AdmissionsPolicy?
        /// Where ``policy`` is read from, and a template file the ``template`` is read from (nil for a built-in):
        /// the command line names them, and ``files`` checks them before they are read.
        public var policyFile: String?
        public var templateFile: String?
        /// `--problems`: every record problem as CSV (the diagnostics write it).
        public var problemsFile: String?
        /// Match records to applicants (`--applicants`) and write the review file (`--review`).
        public var matching: MatchOptions?

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
        public var byTest: [TestFamily: Int] = [:]
        /// False for `check`, which writes nothing.
        public var wrote = true
        /// With a ledger: records by kind of delivery (new, update, cancellation, unchanged).
        public var deliveries: [Ledger.Delivery: Int] = [:]
        /// With a policy: the results of the records kept, by test.
        public var policyTally: PolicyTally?
        /// With `--applicants`: the records kept, matched by rule, ambiguous, conflicting and unmatched.
        public var matches: MatchTally?

        public init() {}

        public var line: String {
            let tests = byTest.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }
            return "read \(read), \(wrote ? "written" : "checked") \(written), warnings \(warnings), "
                + "skipped \(skipped), duplicates \(duplicates)"
                + (tests.isEmpty ? "" : " (\(tests.joined(separator: ", ")))") + (matches.map { ", \($0.line)" } ?? "")
        }
    }
}

extension ScorePipeline.Options {
    /// The files a run over ``inputs`` reads and writes (none or "-": standard input), by the option naming each.
    public var files: RunFiles { files(reading: inputs.isEmpty ? ["-"] : inputs) }

    /// The files the run reads and writes, with `inputs` as what it reads besides its options' files (none for a
    /// fetch, whose inputs come from the service).
    func files(reading inputs: [String]) -> RunFiles {
        var files = RunFiles()
        if case .file(let path)? = destination { files.writes(path, as: "--output") }
        files.writes(matching?.review, as: "--review")
        files.writes(problemsFile, as: "--problems")
        files.writes(photosDirectory, as: "--photos", folder: true)
        for input in inputs { files.reads(input, as: input == "-" ? "standard input" : "an input") }
        files.reads(matching?.applicants, as: "--applicants")
        files.reads(policyFile, as: "--policy")
        files.reads(templateFile, as: "--template")
        return files
    }
}

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
        /// Judge every record against this admissions policy (`--policy`).
        public var policy: AdmissionsPolicy?
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
        /// With `--applicants`: the records kept, matched by rule, ambiguous and unmatched.
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

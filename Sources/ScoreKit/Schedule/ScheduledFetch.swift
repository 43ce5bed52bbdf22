import Foundation

/// `fetch ielts|toefl`, the nightly job: credentials to authentication, the state's lock, the window from the
/// watermark, the fetch through the pipeline, and the state saved only once the output is durable.
///
/// The run never moves the state unless everything before it succeeded: a failure anywhere leaves the watermark
/// and the ledger as they were, so the next run fetches the same window again (at least once, never skipped).
public final class ScheduledFetch {
    public struct Configuration: Sendable {
        public var service: TestFamily
        /// The service's base URL as given (checked by ``ServiceEndpoint`` before any credential is sent).
        public var endpoint: String
        /// How requests carry the credentials (`--auth`).
        public var auth = ServiceFetcher.Auth.basic
        /// `--credentials FILE`; else the environment variables of ``Credentials/variables(for:)``.
        public var credentialsFile: String?
        /// When the credentials were issued, yyyy-mm-dd (else `issued=` in the file).
        public var credentialsIssued: String?
        /// Window bounds given on the command line (seconds since 1970, UTC).
        public var since: Int?
        public var until: Int?
        public var overlapHours = 48
        /// IELTS: look up this one result instead of a window.
        public var trf: String?
        /// IELTS: ask for photos (saved to `pipeline.photosDirectory`).
        public var photos = false
        public var statePath: String?
        public var limit = 2000
        public var retry = RetryPolicy()
        /// Bounds on each request, the whole run, each answer and the pages.
        public var limits = FetchLimits()
        /// Fetch and report, write nothing, keep the state.
        public var dryRun = false
        /// What the pipeline writes: template, destination, filters.
        public var pipeline: ScorePipeline.Options

        public init(service: TestFamily, endpoint: String, pipeline: ScorePipeline.Options) {
            self.service = service
            self.endpoint = endpoint
            self.pipeline = pipeline
        }

        /// Refuses combinations that cannot work, before anything is read or fetched (exit 64): a file written twice
        /// or over a file the run reads (see ``RunFiles``), and a look-up with a state.
        ///
        /// A look-up (`--trf`) asks for one result, not a window: with `--state` it would move the watermark to now
        /// and the next night would skip everything released since the last window, for good.
        public func validate() throws(UsageError) {
            if trf != nil && statePath != nil {
                throw UsageError(
                    "--trf looks up one result and cannot run with --state: the watermark would move to now and the "
                        + "next run would skip what was released since the last one. Run the look-up without --state",
                    command: "fetch")
            }
            try files.check(command: "fetch")
        }

        /// Every file the run reads and writes: the pipeline's, the state and its lock, the credentials.
        public var files: RunFiles {
            var files = pipeline.files(reading: [])
            if let statePath {
                // A link's target, which the run writes (a first run's link has no inode to compare yet); a loop is
                // reported when the run resolves the path.
                let target = (try? StateFile.target(of: statePath)) ?? statePath
                files.writes(target, as: "--state")
                files.writes(RunLock.path(forState: target), as: "the lock of --state")
            }
            files.reads(credentialsFile, as: "--credentials")
            return files
        }
    }

    /// Points in a run where a test can inject a failure (a crash between output and state).
    public enum FaultPoint: Sendable {
        /// The output is durable; the state is not yet saved.
        case afterOutputCommitted
    }

    /// What a run did, for the summary line.
    public struct Outcome: Sendable {
        /// The window fetched, from the service's two-year horizon on.
        public var window: TimeWindow
        /// The TRF number looked up instead of a window (`--trf`).
        public var lookup: String?
        public var requests: Int
        public var summary: ScorePipeline.Summary
        /// Whether a ledger classified the records (with `--state`).
        public var ledger: Bool
        public var dryRun: Bool
        public var seconds: Double

        public var line: String {
            var line = lookup.map { "TRF \($0)" } ?? "window \(window.description)"
            line += ", \(requests) request\(requests == 1 ? "" : "s"), "
            if ledger {
                let d = summary.deliveries
                line +=
                    "records new \(d[.new, default: 0]), changed \(d[.update, default: 0]), cancelled "
                    + "\(d[.cancellation, default: 0]), unchanged \(d[.unchanged, default: 0]), "
            }
            line += summary.line + ", " + String(format: "%.1f", seconds) + " s"
            return (dryRun ? "dry run, nothing written: " : "") + line
        }
    }

    private let configuration: Configuration
    private let environment: [String: String]
    private let client: any HTTPClient
    private let clock: any RunClock
    private let diagnostics: Diagnostics
    private let fault: @Sendable (FaultPoint) throws -> Void

    public init(
        _ configuration: Configuration, environment: [String: String], client: any HTTPClient, clock: any RunClock,
        diagnostics: Diagnostics, fault: @escaping @Sendable (FaultPoint) throws -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.environment = environment
        self.client = client
        self.clock = clock
        self.diagnostics = diagnostics
        self.fault = fault
    }

    /// Runs once. Throws a ``ScoreImportError`` (its exit code says what failed) after saying on stderr that the
    /// state was left as it was.
    public func run() throws -> Outcome {
        let started = Date()
        let config = configuration
        try config.validate()
        config.files.removeLeftovers(noting: diagnostics)
        let (credentials, renewal) = try credentialsAndRenewal()
        if let renewal, renewal.isDue { diagnostics.alert(renewal.message) }

        // The state: locked for the whole run, read before anything is fetched.
        var lock: RunLock?
        var state: StateFile?
        var pipeline = config.pipeline
        if let given = config.statePath {
            let path = try StateFile.target(of: given)
            try StateFile.checkPath(path)
            lock = try RunLock(statePath: path)
            state = try StateFile.load(path: path, service: config.service)
        }
        defer { _ = lock }
        let window = try FetchWindow.make(
            since: config.since, until: config.until, overlapHours: config.overlapHours,
            state: config.statePath.map { ($0, state?.watermark) }, now: clock.seconds, lookup: config.trf != nil)
        if let note = window.note { diagnostics.note(note) }
        if config.dryRun {
            pipeline.destination = nil
            pipeline.matching?.review = nil
        }
        pipeline.photosDirectory = config.photos && !config.dryRun ? pipeline.photosDirectory : nil
        pipeline.keepsDeliveredFiles = state != nil

        let fetcher = try makeFetcher(credentials, window: window.window)
        if let trf = config.trf {
            diagnostics.note("looking up IELTS TRF \(trf)")
        } else {
            // The fetcher's window: the one asked for, clamped to the service's two-year horizon.
            diagnostics.note("fetching \(config.service.rawValue) results \(fetcher.window.description) UTC")
        }
        let summary: ScorePipeline.Summary
        do {
            summary = try ScorePipeline(options: pipeline, diagnostics: diagnostics).run(
                inputs: fetcher, accepting: [config.service == .ielts ? .ielts : .toefl], ledger: state?.ledger)
        } catch {
            if case FetchError.rejected = error, let renewal { diagnostics.alert(renewal.message) }
            if state != nil { diagnostics.note("the state was left as it was: the next run fetches this window again") }
            throw error
        }

        // Only now that the output is durable: the state, atomically.
        try fault(.afterOutputCommitted)
        if var state, !config.dryRun {
            state.watermark = window.watermark
            let pruned = state.ledger.prune(today: config.pipeline.today)
            if pruned > 0 { diagnostics.note("pruned \(pruned) ledger entries past the 2-year validity") }
            do {
                try state.save()
            } catch {
                throw StateSaveFailure(error: error)
            }
        }
        return Outcome(
            window: fetcher.window, lookup: config.trf, requests: fetcher.requests, summary: summary,
            ledger: state != nil, dryRun: config.dryRun, seconds: Date().timeIntervalSince(started))
    }

    /// `fetch --check-credentials`: one minimal request. The line to print, and whether they were accepted.
    public func checkCredentials() throws -> (report: String, accepted: Bool) {
        let (credentials, renewal) = try credentialsAndRenewal()
        let now = clock.seconds
        let fetcher = try makeFetcher(credentials, window: TimeWindow(start: now - 1, end: now))
        let check = try fetcher.checkCredentials()
        return (check.report(renewal: renewal?.message), check.accepted)
    }

    private func credentialsAndRenewal() throws -> (Credentials, CredentialRenewal?) {
        let config = configuration
        let credentials = try Credentials.resolve(
            for: config.service, file: config.credentialsFile, environment: environment)
        let renewal = try CredentialRenewal(
            option: config.credentialsIssued, credentials: credentials, today: config.pipeline.today,
            owner: config.service.owner)
        return (credentials, renewal)
    }

    private func makeFetcher(_ credentials: Credentials, window: TimeWindow) throws -> ServiceFetcher {
        let config = configuration
        return try ServiceFetcher(
            service: config.service == .ielts
                ? .ielts(limit: config.limit, photos: config.photos, trf: config.trf) : .toefl,
            endpoint: ServiceEndpoint(config.endpoint), credentials: credentials, auth: config.auth, window: window,
            now: clock.seconds, client: client, retry: config.retry, limits: config.limits, clock: clock,
            diagnostics: diagnostics)
    }
}

/// The output was written but the state could not be saved (exit 74): the next run delivers the window again.
struct StateSaveFailure: ScoreImportError {
    var error: StateError

    var exitCode: ExitCode { error.exitCode }
    var description: String { error.description + "; the output was written, so the next run delivers it again" }
}

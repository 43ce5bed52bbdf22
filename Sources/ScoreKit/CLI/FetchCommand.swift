import Foundation

/// `scoreimport fetch ielts|toefl`: parses the command line into a ``ScheduledFetch/Configuration`` and runs it.
enum FetchCommand {
    static let fetchOptions: [Option] = [
        .since, .until, .trf, .endpoint, .credentials, .auth, .checkCredentials, .photos, .maxRetries, .timeout,
        .maxRunTime, .maxBody, .limit, .state, .overlap, .full, .dryRun, .skipEmpty, .credentialsIssued,
    ]
    static let options: [Option] =
        fetchOptions + ConvertCommand.outputOptions
        + [
            .module, .excludeCancelled, .policy, .applicants, .applicantIdColumn, .applicantDateFormat, .review,
            .quiet, .allWarnings, .problems, .logFormat, .help,
        ]

    static let defaultEndpoints: [TestFamily: String] = [
        .ielts: "https://apis.cambridgeassessment.org.uk",
        .toefl: "https://toeflaccess-api.ets.org",
    ]

    static func run(_ arguments: [String], environment: [String: String], diagnostics: Diagnostics) throws
        -> ExitCode
    {
        let parsed = try ArgumentParser.parse(arguments, options: options, command: "fetch")
        if parsed.flag(.help) {
            try CLI.output(Command.fetch.help)
            return .ok
        }
        try CLI.configure(diagnostics, parsed, command: "fetch", textStyle: .timestamped)
        let clock = try CLI.clock(environment)
        let configuration = try configuration(parsed, environment: environment, today: try CLI.today(environment))
        try CLI.openProblems(diagnostics, configuration.pipeline.problemsFile)
        let fetch = ScheduledFetch(
            configuration, environment: environment, client: URLSessionHTTPClient(), clock: clock,
            diagnostics: diagnostics)
        if parsed.flag(.checkCredentials) {
            let check = try fetch.checkCredentials()
            try CLI.output(check.report + "\n")
            return check.accepted ? .ok : .credentialsRejected
        }
        let outcome = try CLI.reportingProblems(diagnostics) { try fetch.run() }
        diagnostics.line(outcome.line)
        return .ok
    }

    /// The typed configuration of one fetch.
    static func configuration(_ parsed: ParsedArguments, environment: [String: String], today: CalendarDate) throws
        -> ScheduledFetch.Configuration
    {
        let service = try service(parsed.positionals)
        if service == .toefl {
            for option in [Option.trf, .photos, .limit] where parsed.has(option) {
                throw UsageError("--\(option.name) is for fetch ielts only", command: "fetch")
            }
        }
        if !parsed.has(.state) {
            for option in [Option.overlap, .full] where parsed.has(option) {
                throw UsageError("--\(option.name) needs --state", command: "fetch")
            }
        }
        let endpoint = parsed.value(.endpoint) ?? defaultEndpoints[service, default: ""]
        var pipeline = try ScorePipeline.Options(parsed, command: "fetch", today: today, writes: true)
        pipeline.full = parsed.flag(.full)
        pipeline.skipEmpty = parsed.flag(.skipEmpty)
        pipeline.photosDirectory = parsed.value(.photos)
        var configuration = ScheduledFetch.Configuration(service: service, endpoint: endpoint, pipeline: pipeline)
        configuration.credentialsFile = parsed.value(.credentials)
        configuration.credentialsIssued = parsed.value(.credentialsIssued)
        configuration.since = try time(parsed, .since)
        configuration.until = try time(parsed, .until)
        configuration.overlapHours = try integer(parsed, .overlap, default: 48, range: 0...24 * 365)
        configuration.trf = parsed.value(.trf)
        configuration.photos = parsed.has(.photos)
        configuration.statePath = parsed.value(.state)
        configuration.limit = try integer(parsed, .limit, default: 2000, range: 1...2000)
        configuration.retry.maxRetries = try integer(parsed, .maxRetries, default: 5, range: 0...100)
        // SCOREIMPORT_RETRY_BASE_SECONDS: the first backoff's ceiling (default 0.5); Retry-After is honoured anyway.
        if let base = environment["SCOREIMPORT_RETRY_BASE_SECONDS"].flatMap(Double.init) {
            configuration.retry.baseDelay = base
        }
        configuration.limits.requestSeconds = Double(try integer(parsed, .timeout, default: 60, range: 1...3600))
        configuration.limits.runSeconds = Double(try integer(parsed, .maxRunTime, default: 3600, range: 1...86_400))
        configuration.limits.maxBodyBytes = try integer(parsed, .maxBody, default: 1024, range: 1...65_536) << 20
        if let text = parsed.value(.auth) {
            guard let auth = ServiceFetcher.Auth(rawValue: text) else {
                throw UsageError(
                    Suggestion.message(
                        "--auth must be basic or token, not \"\(text)\"", for: text, in: ["basic", "token"]),
                    command: "fetch")
            }
            configuration.auth = auth
        }
        configuration.dryRun = parsed.flag(.dryRun)
        // Everything above only read the command line: now that no file is written twice or over one the run
        // reads, the files the options name are read.
        try configuration.validate()
        try configuration.pipeline.readFiles(parsed, command: "fetch")
        return configuration
    }

    private static func service(_ positionals: [String]) throws(UsageError) -> TestFamily {
        guard let word = positionals.first else {
            throw UsageError("fetch needs a service: ielts or toefl", command: "fetch")
        }
        guard let service = TestFamily(argument: word) else {
            throw UsageError(
                Suggestion.message(
                    "fetch needs a service, ielts or toefl, not \"\(word)\"", for: word, in: ["ielts", "toefl"]),
                command: "fetch")
        }
        guard positionals.count == 1 else {
            throw UsageError(
                "fetch takes no files: \(positionals.dropFirst().joined(separator: " "))", command: "fetch")
        }
        return service
    }

    private static func time(_ parsed: ParsedArguments, _ option: Option) throws(UsageError) -> Int? {
        guard let text = parsed.value(option) else { return nil }
        guard let seconds = TimeWindow.parse(text) else {
            throw UsageError(
                "--\(option.name) must be yyyy-MM-ddTHH:mm:ss (UTC), yyyy-mm-dd, or ISO 8601 with Z or an offset, "
                    + "not \"\(text)\"", command: "fetch")
        }
        return seconds
    }

    private static func integer(
        _ parsed: ParsedArguments, _ option: Option, default value: Int, range: ClosedRange<Int>
    )
        throws(UsageError) -> Int
    {
        guard let text = parsed.value(option) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(
                "--\(option.name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not "
                    + "\"\(text)\"", command: "fetch")
        }
        return number
    }
}

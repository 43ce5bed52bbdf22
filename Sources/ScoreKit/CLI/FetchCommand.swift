import Foundation

/// `scoreimport fetch ielts|toefl`: the scheduled fetch, through the same templates and output as convert.
enum FetchCommand {
    static let fetchOptions: [OptionSpec] = [
        OptionSpec(
            name: "since", valueName: "T",
            help: "start of the window: yyyy-MM-ddTHH:mm:ss (UTC), a date, or ISO 8601 with Z or an offset "
                + "(default: two years back, everything still valid)"),
        OptionSpec(name: "until", valueName: "T", help: "end of the window (default: now)"),
        OptionSpec(name: "trf", valueName: "NUMBER", help: "IELTS: look up this one result"),
        OptionSpec(name: "endpoint", valueName: "URL", help: "service base URL (default: production)"),
        OptionSpec(
            name: "credentials", valueName: "PATH",
            help: "private file (chmod 600) with client_id= and client_secret= (IELTS) or authcode= (TOEFL)"),
        OptionSpec(
            name: "photos", valueName: "DIR",
            help: "IELTS: ask for photos and save them as DIR/<trfNumber>.jpg (mode 0600)"),
        OptionSpec(
            name: "max-retries", valueName: "N",
            help: "retries of 429, 5xx, timeouts and broken connections (default 5)"),
        OptionSpec(name: "timeout", valueName: "SECONDS", help: "bound on each request (default 60)"),
        OptionSpec(name: "limit", valueName: "N", help: "IELTS page size, at most 2000 (default 2000)"),
        OptionSpec(
            name: "state", valueName: "FILE",
            help: "incremental runs: watermark and ledger; delivers each record once, updates and cancellations again"),
        OptionSpec(
            name: "overlap", valueName: "HOURS",
            help: "with --state: start this long before the watermark, for late arrivals (default 48)"),
        OptionSpec(name: "full", help: "with --state: deliver every record in the window, changed or not"),
        OptionSpec(name: "dry-run", help: "fetch and report what would be delivered; write nothing, keep the state"),
        OptionSpec(name: "skip-empty", help: "write no file when nothing is delivered"),
        OptionSpec(
            name: "log-format", valueName: "text|json", help: "stderr lines with a UTC timestamp (default) or JSON"),
        OptionSpec(
            name: "credentials-issued", valueName: "DATE",
            help: "when the credentials were issued (or issued= in the file): warns 30 days before renewal"),
    ]

    static let defaultEndpoints = [
        "ielts": "https://apis.cambridgeassessment.org.uk",
        "toefl": "https://toeflaccess-api.ets.org",
    ]

    static func run(_ arguments: [String], environment: [String: String], diagnostics: Diagnostics)
        throws(UsageError) -> ExitCode
    {
        let inputSpecs = ConvertCommand.inputOptions.filter {
            ["module", "exclude-cancelled", "quiet", "help", "applicants", "applicant-id-column"].contains($0.name)
                || ["applicant-date-format", "review"].contains($0.name)
        }
        let specs = fetchOptions + ConvertCommand.outputOptions + inputSpecs
        let parsed = try ArgumentParser.parse(arguments, specs: specs, command: "fetch")
        if parsed.flag("help") {
            CLI.write(help(specs: specs), to: 1)
            return .ok
        }
        guard let service = parsed.positionals.first?.lowercased(), ["ielts", "toefl"].contains(service) else {
            let given = parsed.positionals.first.map { "\"\($0)\"" } ?? "nothing"
            var message = "fetch needs a service, ielts or toefl, not \(given)"
            if let word = parsed.positionals.first, let guess = Suggestion.closest(to: word, in: ["ielts", "toefl"]) {
                message += "; did you mean \(guess)?"
            }
            throw UsageError(message, command: "fetch")
        }
        guard parsed.positionals.count == 1 else {
            throw UsageError(
                "fetch takes no files: \(parsed.positionals.dropFirst().joined(separator: " "))",
                command: "fetch")
        }
        if service == "toefl" {
            for option in ["trf", "photos", "limit"] where parsed.value(option) != nil {
                throw UsageError("--\(option) is for fetch ielts only", command: "fetch")
            }
        }

        switch parsed.value("log-format") ?? "text" {
        case "text": diagnostics.style = .timestamped
        case "json": diagnostics.style = .json
        case let other: throw UsageError("--log-format must be text or json, not \"\(other)\"", command: "fetch")
        }
        let started = Date()
        let now = try CLI.now(environment)
        var options = ScorePipeline.Options(today: try CLI.today(environment))
        if let stop = try ConvertCommand.configure(
            &options, from: parsed, command: "fetch", diagnostics: diagnostics, output: !parsed.flag("dry-run"))
        {
            return stop
        }
        options.full = parsed.flag("full")
        options.skipEmpty = parsed.flag("skip-empty")

        // Credentials: environment or a private file, never an option value.
        let credentials: Credentials
        do {
            credentials = try Credentials.resolve(
                file: parsed.value("credentials"), environment: environment,
                environmentKeys: service == "ielts"
                    ? ["IELTS_CLIENT_ID": "client_id", "IELTS_CLIENT_SECRET": "client_secret"]
                    : ["TOEFL_AUTHCODE": "authcode"],
                required: service == "ielts" ? ["client_id", "client_secret"] : ["authcode"])
        } catch {
            diagnostics.error(error.description)
            return .usage
        }
        let headers: [String: String]
        if service == "ielts" {
            let token = Data("\(credentials["client_id"]):\(credentials["client_secret"])".utf8).base64EncodedString()
            headers = ["Authorization": "Basic \(token)", "Accept": "application/json"]
            diagnostics.secrets = [credentials["client_secret"], token]
        } else {
            headers = ["authcode": credentials["authcode"], "Accept": "application/json"]
            diagnostics.secrets = [credentials["authcode"]]
        }
        let owner = service == "ielts" ? "Cambridge" : "ETS"
        let renewal = try renewalNotice(
            issued: parsed.value("credentials-issued") ?? credentials.values["issued"], today: options.today,
            owner: owner)
        if let renewal, renewal.due { diagnostics.alert(renewal.text) }

        // The state: locked for the whole run, read before anything is fetched.
        var lock: RunLock?
        var state: StateFile?
        if let path = parsed.value("state") {
            do {
                lock = try RunLock(statePath: path)
                state = try StateFile.load(path: path, service: service)
            } catch {
                diagnostics.error(error.description)
                switch error {
                case .locked: return .temporaryFailure
                case .corrupt: return .dataError
                case .io: return .ioError
                }
            }
            if !options.template.fields.contains(.deliveryType) { options.template.fields.append(.deliveryType) }
        } else {
            for option in ["overlap", "full"] where parsed.value(option) != nil || parsed.flag(option) {
                throw UsageError("--\(option) needs --state", command: "fetch")
            }
        }
        defer { _ = lock }

        // The window, in UTC.
        let until = try time(parsed.value("until"), option: "until") ?? now
        let overlapHours = try integer(parsed.value("overlap"), option: "overlap", default: 48, range: 0...24 * 365)
        let since: Int
        if let given = try time(parsed.value("since"), option: "since") {
            since = given
        } else if let watermark = state?.watermark {
            since = watermark - overlapHours * 3600
        } else {
            since = until - 2 * 365 * 86_400 - 86_400
            if parsed.value("trf") == nil {
                diagnostics.note(
                    "no --since\(state == nil ? "" : " and no watermark yet"): fetching every result still valid, "
                        + "two years back (as the service does on a first fetch)")
            }
        }
        guard since < until else {
            throw UsageError(
                "--since (\(TimeWindow.format(since))) must be before --until (\(TimeWindow.format(until)))",
                command: "fetch")
        }
        let endpointText = parsed.value("endpoint") ?? defaultEndpoints[service, default: ""]
        guard let endpoint = URL(string: endpointText), endpoint.host != nil else {
            throw UsageError("--endpoint must be a URL such as https://host, not \"\(endpointText)\"", command: "fetch")
        }
        let limit = try integer(parsed.value("limit"), option: "limit", default: 2000, range: 1...2000)
        let retries = try integer(parsed.value("max-retries"), option: "max-retries", default: 5, range: 0...100)
        let timeout = try integer(parsed.value("timeout"), option: "timeout", default: 60, range: 1...3600)
        // SCOREIMPORT_RETRY_BASE_SECONDS shortens backoff in tests; Retry-After is honoured regardless.
        let base = environment["SCOREIMPORT_RETRY_BASE_SECONDS"].flatMap(Double.init) ?? 0.5
        if service == "ielts", let photos = parsed.value("photos"), !parsed.flag("dry-run") {
            options.photosDirectory = photos
        }

        let window = TimeWindow(start: since, end: until)
        let fetcher: ServiceFetcher
        do {
            fetcher = try ServiceFetcher(
                service: service == "ielts"
                    ? .ielts(limit: limit, photos: parsed.value("photos") != nil, trf: parsed.value("trf")) : .toefl,
                endpoint: endpoint, headers: headers, window: window, client: URLSessionHTTPClient(),
                retry: RetryPolicy(maxRetries: retries, baseDelay: base), timeout: TimeInterval(timeout),
                diagnostics: diagnostics)
        } catch {
            diagnostics.error(error.description)
            return .usage
        }
        diagnostics.note("fetching \(service.uppercased()) results \(window.description) UTC")
        var inputs: any InputProvider = fetcher
        let summary: ScorePipeline.Summary
        do {
            summary = try ScorePipeline(options: options, diagnostics: diagnostics).run(
                inputs: &inputs, ledger: state?.ledger)
        } catch {
            if case .fetch(.rejected) = error, let renewal { diagnostics.alert(renewal.text) }
            let code = ConvertCommand.report(error, diagnostics: diagnostics)
            if state != nil { diagnostics.note("the state was left as it was: the next run fetches this window again") }
            return code
        }

        // Only now that the output is durable: the state, atomically.
        if environment["SCOREIMPORT_TEST_CRASH"] == "after-output" { kill(getpid(), SIGKILL) }
        if var state, !parsed.flag("dry-run") {
            state.watermark = until
            let pruned = state.ledger.prune(today: options.today)
            if pruned > 0 { diagnostics.note("pruned \(pruned) ledger entries past the 2-year validity") }
            do {
                try state.save()
            } catch {
                diagnostics.error(error.description + "; the output was written, so the next run delivers it again")
                return .ioError
            }
        }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
        var line = "window \(window.description), \(fetcher.requests) request\(fetcher.requests == 1 ? "" : "s"), "
        if state != nil {
            let d = summary.deliveries
            line +=
                "records new \(d[.new, default: 0]), changed \(d[.update, default: 0]), cancelled "
                + "\(d[.cancellation, default: 0]), unchanged \(d[.unchanged, default: 0]), "
        }
        line += summary.line + ", \(seconds) s"
        diagnostics.line((parsed.flag("dry-run") ? "dry run, nothing written: " : "") + line)
        return .ok
    }

    /// When credentials are due for renewal (12 months after issue), and whether to say so now (30 days before).
    static func renewalNotice(issued text: String?, today: CalendarDate, owner: String) throws(UsageError)
        -> (due: Bool, text: String)?
    {
        guard let text else { return nil }
        guard let issued = DateFormat.isoDate.parse(text) else {
            throw UsageError("the credentials' issue date must be yyyy-mm-dd, not \"\(text)\"", command: "fetch")
        }
        let renewal = issued.adding(years: 1)
        let daysLeft = renewal.daysSinceEpoch - today.daysSinceEpoch
        let message =
            daysLeft < 0
            ? "the credentials issued \(issued) expired on \(renewal): \(owner) renews them every 12 months"
            : "the credentials issued \(issued) must be renewed by \(renewal) (\(daysLeft) days): \(owner) renews "
                + "them every 12 months"
        return (daysLeft <= 30, message)
    }

    static func time(_ text: String?, option: String) throws(UsageError) -> Int? {
        guard let text else { return nil }
        guard let seconds = TimeWindow.parse(text) else {
            throw UsageError(
                "--\(option) must be yyyy-MM-ddTHH:mm:ss (UTC), yyyy-mm-dd, or ISO 8601 with Z or an offset, "
                    + "not \"\(text)\"", command: "fetch")
        }
        return seconds
    }

    static func integer(_ text: String?, option: String, default value: Int, range: ClosedRange<Int>)
        throws(UsageError) -> Int
    {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(
                "--\(option) must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                command: "fetch")
        }
        return number
    }

    static func help(specs: [OptionSpec]) -> String {
        let text = """
            Usage: scoreimport fetch ielts|toefl [OPTIONS]

            Fetches the scores released to the institution in a time window and writes them through the same
            templates as convert. IELTS: GET {endpoint}/v1/ielts/result-verification with Basic auth, paged.
            TOEFL: GET {endpoint}/scores with an authcode header. Windows over 31 days are cut into slices.

            Credentials come from IELTS_CLIENT_ID and IELTS_CLIENT_SECRET, or TOEFL_AUTHCODE, or --credentials FILE.
            They are never accepted as option values and never printed.

            Options:

            """
        return text + OptionSpec.helpLines(specs)
    }
}

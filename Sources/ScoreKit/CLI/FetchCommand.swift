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
    ]

    static let defaultEndpoints = [
        "ielts": "https://apis.cambridgeassessment.org.uk",
        "toefl": "https://toeflaccess-api.ets.org",
    ]

    static func run(_ arguments: [String], environment: [String: String], diagnostics: Diagnostics)
        throws(UsageError) -> ExitCode
    {
        let inputSpecs = ConvertCommand.inputOptions.filter {
            ["module", "exclude-cancelled", "quiet", "help"].contains($0.name)
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

        var options = ScorePipeline.Options(today: try CLI.today(environment))
        if let stop = try ConvertCommand.configure(
            &options, from: parsed, command: "fetch", diagnostics: diagnostics, output: true)
        {
            return stop
        }

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

        // The window, in UTC.
        let now = Int(Date().timeIntervalSince1970)
        guard let until = try time(parsed.value("until"), option: "until") ?? Optional(now) else {
            throw UsageError("--until is required", command: "fetch")
        }
        let since: Int
        if let given = try time(parsed.value("since"), option: "since") {
            since = given
        } else {
            since = until - 2 * 365 * 86_400 - 86_400
            if parsed.value("trf") == nil {
                diagnostics.note(
                    "no --since: fetching every result still valid, two years back (as the service does on a first fetch)"
                )
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
        if service == "ielts", let photos = parsed.value("photos") { options.photosDirectory = photos }

        let fetcher: ServiceFetcher
        do {
            fetcher = try ServiceFetcher(
                service: service == "ielts"
                    ? .ielts(limit: limit, photos: parsed.value("photos") != nil, trf: parsed.value("trf")) : .toefl,
                endpoint: endpoint, headers: headers, window: TimeWindow(start: since, end: until),
                client: URLSessionHTTPClient(), retry: RetryPolicy(maxRetries: retries, baseDelay: base),
                timeout: TimeInterval(timeout), diagnostics: diagnostics)
        } catch {
            diagnostics.error(error.description)
            return .usage
        }
        diagnostics.note(
            "fetching \(service.uppercased()) results \(TimeWindow(start: since, end: until).description) UTC")
        var inputs: any InputProvider = fetcher
        do {
            let summary = try ScorePipeline(options: options, diagnostics: diagnostics).run(inputs: &inputs)
            diagnostics.line(summary.line + "; \(fetcher.requests) request\(fetcher.requests == 1 ? "" : "s")")
            return .ok
        } catch {
            return ConvertCommand.report(error, diagnostics: diagnostics)
        }
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
        var text = """
            Usage: scoreimport fetch ielts|toefl [OPTIONS]

            Fetches the scores released to the institution in a time window and writes them through the same
            templates as convert. IELTS: GET {endpoint}/v1/ielts/result-verification with Basic auth, paged.
            TOEFL: GET {endpoint}/scores with an authcode header. Windows over 31 days are cut into slices.

            Credentials come from IELTS_CLIENT_ID and IELTS_CLIENT_SECRET, or TOEFL_AUTHCODE, or --credentials FILE.
            They are never accepted as option values and never printed.

            Options:

            """
        for spec in specs {
            var left = spec.short.map { "-\($0), " } ?? "    "
            left += "--\(spec.name)" + (spec.valueName.map { " \($0)" } ?? "")
            text += "  \(left.padding(34))\(spec.help)\n"
        }
        return text
    }
}

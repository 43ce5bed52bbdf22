import Foundation

/// Fetches a service's results window by window and page by page, each answer spooled to a temporary file.
///
/// A window longer than 31 days is cut into slices, and one starting before the service's two-year horizon is
/// clamped to it; each IELTS slice is paged with `limit` until a page comes back short (`nextResultSetUrl` is never
/// followed: it has been seen malformed). A slice the service refuses as too large is halved and tried again.
/// Every answer must have the service's shape (``ServiceAnswer``) before the pipeline sees it; a page identical to
/// the one before, more pages than ``FetchLimits/maxPages``, or a run past its time stop the run with nothing
/// written. Retryable failures back off with jitter, honouring Retry-After (``RequestSender``).
public final class ServiceFetcher: InputProvider {
    public enum Service: Sendable {
        /// IELTS Results Service: Basic auth or a Bearer token, pages of `limit`; `trf` looks up one result.
        case ielts(limit: Int, photos: Bool, trf: String?)
        /// TOEFL Server-to-Server: an authcode header, one answer per slice.
        case toefl
    }

    /// How requests carry the credentials (`--auth`).
    public enum Auth: String, Sendable, CaseIterable {
        /// IELTS `Authorization: Basic`, or the TOEFL authcode header.
        case basic
        /// IELTS only: a Bearer token from Cambridge's token endpoint.
        case token
    }

    let service: Service
    let endpoint: ServiceEndpoint
    let auth: any AuthProvider
    let sender: RequestSender
    let diagnostics: Diagnostics
    let now: Int
    let shape: ServiceAnswer
    /// Slices still to fetch, the next one last.
    private var pending: [TimeWindow]
    private var current: TimeWindow?
    private var page = 1
    private var pages = 0
    private var previousPage: PageDigest?
    /// The count the last IELTS page declared (`resultSummary.recordCount`), its name, and the records of the
    /// slice's pages before it: a short page whose slice falls short of the count means the service capped it.
    private var declared: (count: Int, name: String)?
    private var sliceRecords = 0
    private var lookupDone = false

    /// The window fetched: the one asked for, from the service's two-year horizon on.
    public let window: TimeWindow

    /// Requests sent so far, token requests and retries included.
    public var requests: Int { sender.requests }

    /// `now` is the run's time (seconds since 1970, UTC): the horizon and credential checks count from it.
    public init(
        service: Service, endpoint: ServiceEndpoint, credentials: Credentials, auth: Auth, window: TimeWindow,
        now: Int, client: any HTTPClient, retry: RetryPolicy, limits: FetchLimits = FetchLimits(),
        clock: any RunClock = SystemClock(), diagnostics: Diagnostics
    ) throws(FetchError) {
        self.service = service
        self.endpoint = endpoint
        self.diagnostics = diagnostics
        self.now = now
        sender = RequestSender(client: client, retry: retry, limits: limits, clock: clock, diagnostics: diagnostics)
        switch (service, auth) {
        case (.ielts, .basic):
            let basic = StaticAuth.basic(clientID: credentials["client_id"], secret: credentials["client_secret"])
            diagnostics.secrets += basic.secrets
            self.auth = basic
        case (.ielts, .token):
            diagnostics.secrets.append(credentials["client_secret"])
            self.auth = CambridgeTokenAuth(
                endpoint: endpoint, clientID: credentials["client_id"], clientSecret: credentials["client_secret"],
                sender: sender)
        case (.toefl, .basic):
            let authcode = StaticAuth.authcode(credentials["authcode"])
            diagnostics.secrets += authcode.secrets
            self.auth = authcode
        case (.toefl, .token):
            throw .configuration("--auth token is for fetch ielts only: TOEFL takes an authcode")
        }
        if case .toefl = service { shape = .toefl } else { shape = .ielts }
        self.window = Self.clamp(window, now: now, horizon: limits.horizonSeconds, diagnostics: diagnostics)
        pending = self.window.slices(maxDays: 31).reversed()
    }

    /// The window from the service's horizon on, with a note when it started earlier.
    static func clamp(_ window: TimeWindow, now: Int, horizon: Int, diagnostics: Diagnostics) -> TimeWindow {
        let earliest = now - horizon
        guard window.start < earliest else { return window }
        var clamped = window
        clamped.start = min(earliest, window.end)
        diagnostics.note(
            "the window starts \(TimeWindow.format(window.start)), before the service's two-year horizon: "
                + (clamped.start < clamped.end
                    ? "fetching from \(TimeWindow.format(earliest)) instead" : "nothing in it can be fetched"))
        return clamped
    }

    public func next(previousRecords: Int?) throws(FetchError) -> InputFile? {
        try nextPage(previousRecords: previousRecords)
    }

    private func nextPage(previousRecords: Int?) throws(FetchError) -> InputFile? {
        if case .ielts(_, _, let trf?) = service {
            guard !lookupDone else { return nil }
            lookupDone = true
            do {
                return try attempt(query: [("trfNumber", trf)] + photoQuery, name: "IELTS TRF \(trf)")
            } catch {
                throw error.fetchError
            }
        }
        if case .ielts(let limit, _, _) = service, let count = previousRecords, current != nil {
            sliceRecords += count
            if count < limit, let declared, declared.count > sliceRecords {
                throw .unexpectedAnswer(
                    name: declared.name,
                    reason: "the page holds \(count) record\(count == 1 ? "" : "s") where --limit asked \(limit), and "
                        + "its recordCount says \(declared.count) for the window: the service returns fewer records a "
                        + "page than asked, so a short page is not the last. Run again with --limit \(count)")
            }
        }
        if case .ielts(let limit, _, _) = service, let count = previousRecords, count >= limit, current != nil {
            page += 1
        } else {
            sliceRecords = 0
            current = pending.popLast()
            page = 1
            previousPage = nil
        }
        while let window = current {
            do {
                let label = "\(serviceName) \(window.description)" + (isPaged ? ", page \(page)" : "")
                return try attempt(query: query(window), name: label)
            } catch .tooLarge(let message) {
                guard page == 1, let (first, second) = window.halves else {
                    throw .refused(status: 400, message: message)
                }
                diagnostics.note("the service refused \(window.description) as too large; halving it")
                pending.append(second)
                pending.append(first)
                current = pending.popLast()
            } catch {
                throw error.fetchError
            }
        }
        return nil
    }

    private var photoQuery: [(String, String)] {
        if case .ielts(_, true, _) = service { return [("photoFlag", "Y")] }
        return []
    }

    private func query(_ window: TimeWindow) -> [(String, String)] {
        let start = TimeWindow.format(window.start)
        let end = TimeWindow.format(window.end)
        switch service {
        case .ielts(let limit, _, _):
            return [("startDateTime", start), ("endDateTime", end), ("page", "\(page)"), ("limit", "\(limit)")]
                + photoQuery
        case .toefl:
            return [
                ("startdate", start), ("enddate", end), ("type", "TOEFL"),
                ("reportby", "scorelinkbyreportdate"), ("format", "json"),
            ]
        }
    }

    enum FetchAttempt: Error {
        case tooLarge(String)
        case failed(FetchError)

        var fetchError: FetchError {
            switch self {
            case .tooLarge(let message): .refused(status: 400, message: message)
            case .failed(let error): error
            }
        }
    }

    var serviceName: String {
        switch service {
        case .ielts: "IELTS"
        case .toefl: "TOEFL"
        }
    }

    private var isPaged: Bool {
        if case .ielts = service { return true }
        return false
    }

    var path: String {
        switch service {
        case .ielts: "/v1/ielts/result-verification"
        case .toefl: "/scores"
        }
    }

    private func attempt(query: [(String, String)], name: String) throws(FetchAttempt) -> InputFile {
        pages += 1
        guard pages <= sender.limits.maxPages else {
            throw .failed(
                .limitExceeded(
                    "more than \(sender.limits.maxPages) pages in one run: stopping before the service's daily "
                        + "request quota is spent; narrow the window (--since, --until)"))
        }
        let url = endpoint.url(path: path, query: query)
        var renewed = false
        while true {
            let response: HTTPResponse
            var verdict = ServiceAnswer.Verdict.unreadable
            do throws(FetchError) {
                let request = HTTPRequest(
                    url: url, headers: try auth.headers().merging(["Accept": "application/json"]) { $1 }, name: name)
                response = try sender.send(request) { (response) throws(FetchError) in
                    guard (200..<300).contains(response.status) else { return RequestSender.judgeStatus(response) }
                    verdict = shape.inspect(response)
                    if case .gatewayPage(let reason) = verdict { return .retry(reason: reason, retryAfter: nil) }
                    return .accept
                }
            } catch {
                throw .failed(error)
            }
            switch response.status {
            case 200..<300:
                return try accept(response, verdict: verdict, name: name)
            case 401, 403:
                var again = false
                if !renewed {
                    do {
                        again = try auth.renewAfterRejection()
                    } catch {
                        throw .failed(error)
                    }
                }
                guard again else { throw .failed(.rejected(status: response.status, service: serviceOwner)) }
                renewed = true
            default:
                throw try Self.failure(response, path: url.path)
            }
        }
    }

    /// A 2xx answer, once its shape passed: refused if it repeats the page before.
    private func accept(_ response: HTTPResponse, verdict: ServiceAnswer.Verdict, name: String)
        throws(FetchAttempt) -> InputFile
    {
        switch verdict {
        case .wrong(let reason), .gatewayPage(let reason):
            throw .failed(.unexpectedAnswer(name: name, reason: reason))
        case .records(let offset, _):
            if isPaged {
                let digest = PageDigest(response.body, from: offset)
                if page > 1, let digest, digest == previousPage {
                    throw .failed(
                        .unexpectedAnswer(
                            name: name,
                            reason: "the same records as page \(page - 1): the service ignores paging, so it "
                                + "would never end"))
                }
                previousPage = digest
                declared = ServiceAnswer.declaredCount(response.body).map { ($0, name) }
            }
        case .unreadable:
            break
        }
        return response.body
    }

    /// The error for a status that is neither success, retryable nor a credentials rejection.
    private static func failure(_ response: HTTPResponse, path: String) throws(FetchAttempt) -> FetchAttempt {
        let message = message(response)
        switch response.status {
        case 404: return .failed(.notFound(path: path, message: message))
        case 407: return .failed(.proxyAuthentication)
        case 501:
            return .failed(
                .unavailable(reason: "the server does not implement this request (HTTP 501: \(message))", attempts: 1))
        case 413: return .tooLarge(message)
        case 300..<400:
            return .failed(
                .refused(
                    status: response.status,
                    message: "redirects are not followed (credentials must not go to another host); "
                        + "check --endpoint"))
        case 400 where message.lowercased().contains("too large") || message.lowercased().contains("narrow"):
            return .tooLarge(message)
        case let status:
            return .failed(.refused(status: status, message: message))
        }
    }

    var serviceOwner: String {
        switch service {
        case .ielts: "Cambridge"
        case .toefl: "ETS"
        }
    }

    /// The service's `message` (or `error`) from a JSON body, an HTML page's title, else the start of the body;
    /// control characters removed, so server text cannot forge log lines.
    static func message(_ response: HTTPResponse) -> String {
        let text = response.bodyText()
        if let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            for key in ["message", "error", "error_description", "detail"] {
                if let value = object[key] as? String, !value.isEmpty {
                    return ServiceAnswer.printable(value, limit: 300)
                }
            }
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if response.mediaType.contains("html") || trimmed.hasPrefix("<") {
            let title = trimmed.firstMatch(of: /<title>([^<]*)<\/title>/.ignoresCase()).map { String($0.1) }
            return "an HTML page" + (title.map { ": " + ServiceAnswer.printable($0, limit: 120) } ?? "")
        }
        return trimmed.isEmpty ? "(no message)" : ServiceAnswer.printable(trimmed, limit: 300)
    }
}

import Foundation

/// Fetches a service's results window by window and page by page, each answer spooled to a temporary file.
///
/// A window longer than 31 days is cut into slices; each IELTS slice is paged with `limit` until a page comes back
/// short (`nextResultSetUrl` is never followed: it has been seen malformed). A slice the service refuses as too
/// large is halved and tried again. Retryable failures back off with jitter, honouring Retry-After.
public final class ServiceFetcher: InputProvider {
    public enum Service: Sendable {
        /// IELTS Results Service: Basic auth, pages of `limit`; `trf` looks up one result.
        case ielts(limit: Int, photos: Bool, trf: String?)
        /// TOEFL Server-to-Server: an authcode header, one answer per slice.
        case toefl
    }

    private let service: Service
    private let endpoint: URL
    private let headers: [String: String]
    private let client: any HTTPClient
    private let retry: RetryPolicy
    private let timeout: TimeInterval
    private let diagnostics: Diagnostics
    /// Slices still to fetch, the next one last.
    private var pending: [TimeWindow]
    private var current: TimeWindow?
    private var page = 1
    private var lookupDone = false
    public private(set) var requests = 0

    public init(
        service: Service, endpoint: URL, headers: [String: String], window: TimeWindow, client: any HTTPClient,
        retry: RetryPolicy, timeout: TimeInterval, diagnostics: Diagnostics
    ) throws(FetchError) {
        guard let scheme = endpoint.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw .configuration("the endpoint must be an https:// URL, not \(endpoint.absoluteString)")
        }
        if scheme == "http" && !Self.isLoopback(endpoint.host ?? "") {
            throw .configuration(
                "refusing plain http:// to \(endpoint.host ?? "?"): credentials must not travel in the clear "
                    + "(http is allowed for loopback test servers only)")
        }
        self.service = service
        self.endpoint = endpoint
        self.headers = headers
        self.client = client
        self.retry = retry
        self.timeout = timeout
        self.diagnostics = diagnostics
        pending = window.slices(maxDays: 31).reversed()
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
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
        if case .ielts(let limit, _, _) = service, let count = previousRecords, count >= limit, current != nil {
            page += 1
        } else {
            current = pending.popLast()
            page = 1
        }
        while let window = current {
            do {
                let label = "\(serviceName) \(window.description)" + (page > 1 || isPaged ? ", page \(page)" : "")
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

    private enum FetchAttempt: Error {
        case tooLarge(String)
        case failed(FetchError)

        var fetchError: FetchError {
            switch self {
            case .tooLarge(let message): .refused(status: 400, message: message)
            case .failed(let error): error
            }
        }
    }

    private var serviceName: String {
        switch service {
        case .ielts: "IELTS"
        case .toefl: "TOEFL"
        }
    }

    private var isPaged: Bool {
        if case .ielts = service { return true }
        return false
    }

    private func attempt(query: [(String, String)], name: String) throws(FetchAttempt) -> InputFile {
        var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false)
        let path = components?.path ?? ""
        switch service {
        case .ielts:
            components?.path = (path.hasSuffix("/") ? String(path.dropLast()) : path) + "/v1/ielts/result-verification"
        case .toefl: components?.path = (path.hasSuffix("/") ? String(path.dropLast()) : path) + "/scores"
        }
        components?.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        guard let url = components?.url else { throw .failed(.configuration("cannot build a URL from \(endpoint)")) }
        let request = HTTPRequest(url: url, headers: headers, timeout: timeout, name: name)
        var attempts = 0
        while true {
            attempts += 1
            requests += 1
            var reason: String
            var retryAfter: String?
            do {
                let response = try client.get(request)
                switch response.status {
                case 200..<300:
                    return response.body
                case 401, 403:
                    throw FetchAttempt.failed(.rejected(status: response.status, service: serviceOwner))
                case let status where RetryPolicy.isRetryable(status: status):
                    reason = "HTTP \(status)"
                    retryAfter = response.headers["retry-after"]
                case 413:
                    throw FetchAttempt.tooLarge(Self.message(response))
                case let status:
                    let message = Self.message(response)
                    let lowered = message.lowercased()
                    if status == 400 && (lowered.contains("too large") || lowered.contains("narrow")) {
                        throw FetchAttempt.tooLarge(message)
                    }
                    throw FetchAttempt.failed(.refused(status: status, message: message))
                }
            } catch let error as HTTPError {
                if case .io(let io) = error { throw .failed(.unavailable(reason: io.description, attempts: attempts)) }
                reason = error.description
            } catch let attempt as FetchAttempt {
                throw attempt
            } catch {
                reason = "\(error)"
            }
            guard attempts <= retry.maxRetries else {
                throw .failed(.unavailable(reason: reason, attempts: attempts))
            }
            let delay = retry.delay(attempt: attempts, retryAfter: retryAfter)
            diagnostics.note(
                "\(reason); retrying in \(String(format: "%.1f", delay)) s (retry \(attempts) of \(retry.maxRetries))")
            RetryPolicy.sleep(delay)
        }
    }

    private var serviceOwner: String {
        switch service {
        case .ielts: "Cambridge"
        case .toefl: "ETS"
        }
    }

    /// The service's `message` (or `error`) from a JSON body, else the start of the body.
    static func message(_ response: HTTPResponse) -> String {
        let text = response.bodyText()
        if let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            for key in ["message", "error", "error_description", "detail"] {
                if let value = object[key] as? String, !value.isEmpty { return value }
            }
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "(no message)" : String(trimmed.prefix(300))
    }
}

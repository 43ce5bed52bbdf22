import Foundation

/// A fault to inject into the next `remaining` requests (all of them when nil). Faults apply in the order given.
struct Fault {
    enum Kind: String, CaseIterable {
        case unavailable = "503", tooMany = "429", serverError = "500", unauthorized = "401", slow, truncate, malformed
        case forbidden = "403", notFound = "404", proxyAuthentication = "407", notImplemented = "501"
        /// A redirect to another host (the client must not follow it).
        case redirect = "302"
        /// A proxy's or maintenance page: HTML with 200, or with 502.
        case html, html502
        /// JSON of the wrong shape: `[]`, the other service's `{"data": []}` (or `{"results": []}` for TOEFL), an
        /// `error` member beside empty results, a text/plain answer.
        case array, otherShape = "other-shape", errorMember = "error-member", textPlain = "text-plain"
        /// Hostile bodies: one byte a second, records for ever, page 1 whatever page is asked for.
        case drip, endless, samePage = "same-page"
        /// The right answer compressed: gzip or deflate (zlib) with Content-Length, gzip without, gzip cut off.
        case gzip, deflate, gzipUnsized = "gzip-unsized", gzipTruncate = "gzip-truncate"
        /// No fault: `--fault none:1 --fault 500` answers the first request and fails the ones after it.
        case none
    }
    var kind: Kind
    var remaining: Int?
}

/// Serves the IELTS Results Service and TOEFL Server-to-Server APIs from fixture data.
final class Services {
    struct Settings {
        var clientID = "demo-client"
        var clientSecret = "demo-secret"
        /// The seed's test-environment authcode: base64("extsysibt26tst:pass010203").
        var authcode = "ZXh0c3lzaWJ0MjZ0c3Q6cGFzczAxMDIwMw=="
        var faults: [Fault] = []
        /// Faults for the token endpoint (`--token-fault`), kept apart so a test can break one endpoint only.
        var tokenFaults: [Fault] = []
        /// A window matching more records than this is refused as too large (0: no limit).
        var maxWindowRecords = 0
        /// At most this many records a page whatever `limit` asks, with the window's count declared (0: no cap).
        var maxPageRecords = 0
        var retryAfter = 1
        var slowSeconds: TimeInterval = 3
        /// Lifetime of the Bearer tokens the token endpoint issues.
        var tokenSeconds = 3600
    }

    var settings: Settings
    let tokens: TokenIssuer
    let ielts: [[String: Any]]
    let toefl: [[String: Any]]

    init(settings: Settings, dataDirectory: URL) throws {
        self.settings = settings
        tokens = TokenIssuer(
            clientID: settings.clientID, clientSecret: settings.clientSecret, lifetime: settings.tokenSeconds)
        func load(_ name: String, _ key: String) throws -> [[String: Any]] {
            let data = try Data(contentsOf: dataDirectory.appendingPathComponent(name))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return object?[key] as? [[String: Any]] ?? []
        }
        ielts = try load("ielts-results.json", "results")
        toefl = try load("toefl-scores.json", "data")
    }

    func handle(_ request: Request) -> Response {
        let response = route(request)
        // The request line only: headers carry credentials and are never logged.
        let count = (response.headers.first { $0.0 == "X-Sandbox-Records" }?.1).map { " (\($0) records)" } ?? ""
        FileHandle.standardError.write(
            Data("sandbox: \(request.method) \(request.target) -> \(response.status)\(count)\n".utf8))
        return response
    }

    private func route(_ request: Request) -> Response {
        let faults = request.path == TokenIssuer.path ? \Settings.tokenFaults : \Settings.faults
        if let kind = nextFault(faults) { return inject(kind, request) }
        return answer(request)
    }

    /// The first fault of the list with requests left, counting this one.
    private func nextFault(_ list: WritableKeyPath<Settings, [Fault]>) -> Fault.Kind? {
        guard let index = settings[keyPath: list].firstIndex(where: { $0.remaining ?? 1 > 0 }) else { return nil }
        let fault = settings[keyPath: list][index]
        if let remaining = fault.remaining { settings[keyPath: list][index].remaining = remaining - 1 }
        return fault.kind
    }

    private func inject(_ kind: Fault.Kind, _ request: Request) -> Response {
        let isTOEFL = request.path == "/scores"
        switch kind {
        case .none:
            return answer(request)
        case .unavailable, .tooMany:
            var response = Response.json(
                kind == .tooMany ? 429 : 503,
                ["message": kind == .tooMany ? "Too many requests" : "Service temporarily unavailable"])
            response.headers.append(("Retry-After", "\(settings.retryAfter)"))
            return response
        case .serverError: return .json(500, ["message": "Internal error"])
        case .unauthorized: return unauthorized(request, "Unauthorized")
        case .forbidden:
            var response = unauthorized(request, "Forbidden")
            response.status = 403
            return response
        case .notFound: return .json(404, ["message": "Resource not found"])
        case .redirect:
            var response = Response.html(302, "Moved")
            response.headers.append(("Location", "http://127.0.0.1:9/elsewhere\(request.target)"))
            return response
        case .proxyAuthentication:
            var response = Response.html(407, "407 Proxy Authentication Required")
            response.headers.append(("Proxy-Authenticate", "Basic realm=\"proxy\""))
            return response
        case .notImplemented: return .json(501, ["message": "Not implemented"])
        case .html: return .html(200, "Scheduled maintenance")
        case .html502: return .html(502, "502 Bad Gateway")
        case .array: return .json(200, [Any]())
        case .otherShape: return .json(200, [isTOEFL ? "results" : "data": [Any]()])
        case .errorMember: return .json(200, [isTOEFL ? "data" : "results": [Any](), "error": "quota exceeded"])
        case .textPlain:
            return Response(status: 200, headers: [("Content-Type", "text/plain")], body: Data("results: none\n".utf8))
        case .slow, .truncate, .drip, .endless, .gzip, .deflate, .gzipUnsized, .gzipTruncate:
            var response = answer(request)
            switch kind {
            case .slow: response.delay = settings.slowSeconds
            case .truncate, .gzipTruncate: response.truncateBody = true
            case .drip: response.delivery = .drip
            case .endless: response.delivery = .endless
            case .gzipUnsized: response.delivery = .unsized
            default: break
            }
            if [.gzip, .gzipUnsized, .gzipTruncate, .deflate].contains(kind) {
                response.body = kind == .deflate ? Compression.zlib(response.body) : Compression.gzip(response.body)
                response.headers.append(("Content-Encoding", kind == .deflate ? "deflate" : "gzip"))
            }
            return response
        case .samePage:
            var first = request
            first.query["page"] = "1"
            return answer(first)
        case .malformed:
            return Response(
                status: 200, headers: [("Content-Type", "application/json")],
                body: Data("{\"results\": [{\"trfNumber\": \"X\" \"module\": }]}".utf8))
        }
    }

    /// A 401 with the challenge real servers send: Bearer for a token, Basic otherwise.
    private func unauthorized(_ request: Request, _ message: String) -> Response {
        var response = Response.json(401, ["message": message])
        let bearer = request.headers["authorization"]?.hasPrefix("Bearer ") == true
        response.headers.append(
            (
                "WWW-Authenticate",
                bearer ? "Bearer realm=\"sandbox\", error=\"invalid_token\"" : "Basic realm=\"sandbox\""
            ))
        return response
    }

    private func answer(_ request: Request) -> Response {
        switch request.path {
        case TokenIssuer.path: return tokens.issue(request)
        case "/v1/ielts/result-verification": return ieltsResults(request)
        case "/scores": return toeflScores(request)
        default: return .json(404, ["message": "no such endpoint: \(request.path)"])
        }
    }

    private func ieltsResults(_ request: Request) -> Response {
        let expected = "Basic " + Data("\(settings.clientID):\(settings.clientSecret)".utf8).base64EncodedString()
        guard request.headers["authorization"] == expected || tokens.accepts(request.headers["authorization"]) else {
            return unauthorized(request, "Invalid client credentials")
        }
        let photos = request.query["photoFlag"] == "Y"
        var matches: [[String: Any]]
        if let trf = request.query["trfNumber"] {
            matches = ielts.filter { $0["trfNumber"] as? String == trf }
        } else {
            guard let start = request.query["startDateTime"], let end = request.query["endDateTime"] else {
                return .json(400, ["message": "startDateTime and endDateTime are required"])
            }
            guard start.count == 19, end.count == 19, start < end else {
                return .json(400, ["message": "startDateTime and endDateTime must be yyyy-MM-ddTHH:mm:ss, start < end"])
            }
            matches = ielts.filter {
                let modified = $0["lastModifiedDate"] as? String ?? ""
                return modified >= start && modified < end
            }
            if settings.maxWindowRecords > 0 && matches.count > settings.maxWindowRecords {
                return .json(400, ["message": "Result set too large: narrow the date window"])
            }
        }
        matches.sort {
            ($0["lastModifiedDate"] as? String ?? "", $0["trfNumber"] as? String ?? "")
                < ($1["lastModifiedDate"] as? String ?? "", $1["trfNumber"] as? String ?? "")
        }
        let limit = Int(request.query["limit"] ?? "2000") ?? 2000
        guard limit >= 1 && limit <= 2000 else { return .json(400, ["message": "limit must be between 1 and 2000"]) }
        let page = max(1, Int(request.query["page"] ?? "1") ?? 1)
        let capped = settings.maxPageRecords > 0 ? min(limit, settings.maxPageRecords) : limit
        let slice = Array(matches.dropFirst((page - 1) * capped).prefix(capped)).map { record -> [String: Any] in
            guard !photos else { return record }
            var stripped = record
            stripped.removeValue(forKey: "photo")
            stripped.removeValue(forKey: "photoMediaType")
            return stripped
        }
        var response = Response.json(
            200,
            [
                "messageMetadata": [
                    "messageRequestUid": UUID().uuidString, "messageOriginator": "scoreimport-sandbox",
                    "previousResultSetUrl": "", "currentResultSetUrl": request.target,
                    // Malformed on purpose, as seen from the real service: clients must page by counting.
                    "nextResultSetUrl": "https://broken host/v1/ielts/result-verification?page=\(page + 1)",
                    "QueryResultSet": [],
                ],
                "results": slice,
                "resultSummary": ["recordCount": settings.maxPageRecords > 0 ? matches.count : slice.count],
            ])
        response.headers.append(("X-Sandbox-Records", "\(slice.count)"))
        return response
    }

    private func toeflScores(_ request: Request) -> Response {
        guard let code = request.headers["authcode"], !code.isEmpty else {
            return unauthorized(request, "authcode is required")
        }
        guard code == settings.authcode else { return unauthorized(request, "Invalid credentials") }
        guard let start = request.query["startdate"], let end = request.query["enddate"] else {
            return .json(400, ["message": "startdate is required"])
        }
        guard request.query["format"] == "json" else { return .json(400, ["message": "format must be json"]) }
        let startDay = String(start.prefix(10)).replacingOccurrences(of: "-", with: "")
        let endDay = String(end.prefix(10)).replacingOccurrences(of: "-", with: "")
        let matches = toefl.filter {
            let day = $0["reportDate"] as? String ?? ""
            return day >= startDay && day < endDay
        }
        if settings.maxWindowRecords > 0 && matches.count > settings.maxWindowRecords {
            return .json(400, ["message": "Result set too large: narrow the date window"])
        }
        var response = Response.json(200, ["data": matches])
        response.headers.append(("X-Sandbox-Records", "\(matches.count)"))
        return response
    }
}

import Foundation

/// A fault to inject into the next `remaining` requests (all of them when nil). Faults apply in the order given.
struct Fault {
    enum Kind: String, CaseIterable {
        case unavailable = "503", tooMany = "429", serverError = "500", unauthorized = "401", slow, truncate, malformed
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
        /// A window matching more records than this is refused as too large (0: no limit).
        var maxWindowRecords = 0
        var retryAfter = 1
        var slowSeconds: TimeInterval = 3
    }

    var settings: Settings
    let ielts: [[String: Any]]
    let toefl: [[String: Any]]

    init(settings: Settings, dataDirectory: URL) throws {
        self.settings = settings
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
        if let index = settings.faults.firstIndex(where: { $0.remaining ?? 1 > 0 }) {
            let fault = settings.faults[index]
            if let remaining = fault.remaining { settings.faults[index].remaining = remaining - 1 }
            switch fault.kind {
            case .none:
                return answer(request)
            case .unavailable:
                var response = Response.json(503, ["message": "Service temporarily unavailable"])
                response.headers.append(("Retry-After", "\(settings.retryAfter)"))
                return response
            case .tooMany:
                var response = Response.json(429, ["message": "Too many requests"])
                response.headers.append(("Retry-After", "\(settings.retryAfter)"))
                return response
            case .serverError: return .json(500, ["message": "Internal error"])
            case .unauthorized: return .json(401, ["message": "Unauthorized"])
            case .slow:
                var response = answer(request)
                response.delay = settings.slowSeconds
                return response
            case .truncate:
                var response = answer(request)
                response.truncateBody = true
                return response
            case .malformed:
                return Response(
                    status: 200, headers: [("Content-Type", "application/json")],
                    body: Data("{\"results\": [{\"trfNumber\": \"X\" \"module\": }]}".utf8))
            }
        }
        return answer(request)
    }

    private func answer(_ request: Request) -> Response {
        switch request.path {
        case "/v1/ielts/result-verification": return ieltsResults(request)
        case "/scores": return toeflScores(request)
        default: return .json(404, ["message": "no such endpoint: \(request.path)"])
        }
    }

    private func ieltsResults(_ request: Request) -> Response {
        let expected = "Basic " + Data("\(settings.clientID):\(settings.clientSecret)".utf8).base64EncodedString()
        guard request.headers["authorization"] == expected else {
            return .json(401, ["message": "Invalid client credentials"])
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
        let slice = Array(matches.dropFirst((page - 1) * limit).prefix(limit)).map { record -> [String: Any] in
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
                "resultSummary": ["recordCount": slice.count],
            ])
        response.headers.append(("X-Sandbox-Records", "\(slice.count)"))
        return response
    }

    private func toeflScores(_ request: Request) -> Response {
        guard let code = request.headers["authcode"], !code.isEmpty else {
            return .json(401, ["message": "authcode is required"])
        }
        guard code == settings.authcode else { return .json(401, ["message": "Invalid credentials"]) }
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

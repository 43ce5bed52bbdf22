import Foundation

/// Cambridge's token endpoint, `POST /v1/cambridge.id/token`: client credentials in a form, a Bearer token with
/// string values in JSON, and a configurable lifetime so tests see tokens expire.
final class TokenIssuer {
    static let path = "/v1/cambridge.id/token"

    let clientID: String
    let clientSecret: String
    /// Token lifetime in seconds (`--token-seconds`).
    let lifetime: Int
    /// Tokens issued, with when each expires.
    private var tokens: [String: Date] = [:]

    init(clientID: String, clientSecret: String, lifetime: Int) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.lifetime = lifetime
    }

    func issue(_ request: Request) -> Response {
        guard request.method == "POST" else { return .json(405, ["error": "method not allowed"]) }
        var form: [String: String] = [:]
        for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if parts.count == 2 { form[parts[0]] = parts[1] }
        }
        guard request.headers["content-type"]?.hasPrefix("application/x-www-form-urlencoded") == true,
            form["grant_type"] == "client_credentials", form["scope"] == "openid"
        else { return .json(400, ["error": "invalid_request"]) }
        guard form["client_id"] == clientID, form["client_secret"] == clientSecret else {
            return .json(401, ["error": "invalid_client"])
        }
        let token = (0..<4).map { _ in String(UInt64.random(in: 1...UInt64.max), radix: 16) }.joined()
        let issued = Date()
        tokens[token] = issued.addingTimeInterval(TimeInterval(lifetime))
        // As Cambridge answers: every value a string, expires_in in seconds, issued_at in epoch milliseconds.
        return .json(
            200,
            [
                "access_token": token, "token_type": "Bearer", "expires_in": "\(lifetime)",
                "issued_at": "\(Int(issued.timeIntervalSince1970 * 1000))", "client_id": clientID,
                "scope": "openid", "status": "approved",
            ])
    }

    /// Whether `authorization` is `Bearer TOKEN` for a token issued here and not yet expired.
    func accepts(_ authorization: String?) -> Bool {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        guard let expiry = tokens[String(authorization.dropFirst(7))] else { return false }
        return expiry > Date()
    }

    /// Forgets every token, as a revocation would.
    func revokeAll() { tokens.removeAll() }
}

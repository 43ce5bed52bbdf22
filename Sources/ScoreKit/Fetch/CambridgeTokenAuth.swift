import Foundation

/// Bearer tokens from Cambridge's token endpoint (`--auth token`), cached for the run.
///
/// `POST {endpoint}/v1/cambridge.id/token` with the form `client_id`, `client_secret`,
/// `grant_type=client_credentials`, `scope=openid` answers JSON whose values are strings: `access_token`,
/// `token_type` "Bearer", `expires_in` "3600" (a number is accepted too) and `issued_at` in epoch milliseconds.
/// A token is renewed 60 s before it expires (half its lifetime when that is shorter), and fetched afresh once
/// after a 401; a second rejection is final. Every token is added to the diagnostics' secrets as it arrives.
final class CambridgeTokenAuth: AuthProvider {
    /// A token and when it stops being used, on the wall clock.
    struct Token {
        var value: String
        var renewAt: Double
    }

    private let url: URL
    private let clientID: String
    private let clientSecret: String
    private let sender: RequestSender
    private var token: Token?
    private var renewedAfterRejection = false
    /// Tokens obtained in this run (for the summary and the tests).
    private(set) var tokensObtained = 0

    init(endpoint: ServiceEndpoint, clientID: String, clientSecret: String, sender: RequestSender) {
        url = endpoint.url(path: "/v1/cambridge.id/token")
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.sender = sender
    }

    func headers() throws(FetchError) -> [String: String] {
        if token == nil || sender.clock.now() >= token?.renewAt ?? 0 { token = try obtain() }
        return ["Authorization": "Bearer \(token?.value ?? "")"]
    }

    func renewAfterRejection() throws(FetchError) -> Bool {
        guard !renewedAfterRejection else { return false }
        renewedAfterRejection = true
        sender.diagnostics.note("the token was refused; asking for a new one")
        token = try obtain()
        return true
    }

    private func obtain() throws(FetchError) -> Token {
        let form = [
            ("client_id", clientID), ("client_secret", clientSecret), ("grant_type", "client_credentials"),
            ("scope", "openid"),
        ]
        let request = HTTPRequest(
            method: "POST", url: url,
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
            body: Array(Self.formEncoded(form).utf8), name: "Cambridge token")
        let response = try sender.send(request, judge: Self.judge)
        switch response.status {
        case 200..<300: break
        case 400, 401, 403:
            // OAuth servers answer a wrong client with 400 invalid_client or 401.
            throw .rejected(status: response.status, service: "Cambridge")
        case 404: throw .notFound(path: url.path, message: ServiceFetcher.message(response))
        case 407: throw .proxyAuthentication
        case 501:
            throw .unavailable(
                reason: "Cambridge token: the server does not implement this request (HTTP 501: "
                    + "\(ServiceFetcher.message(response)))", attempts: 1)
        case let status: throw .refused(status: status, message: ServiceFetcher.message(response))
        }
        let received = sender.clock.now()
        let token = try Self.parse(try? response.body.prefix(1 << 16), receivedAt: received)
        sender.diagnostics.secrets.append(token.value)
        tokensObtained += 1
        return token
    }

    /// Retries what the results requests retry: 429 and 5xx gateway statuses, and a page from a proxy or a
    /// maintenance page (HTML) in place of the token, which is the service's absence, not a wrong answer.
    static func judge(_ response: HTTPResponse) -> RequestSender.Judgement {
        guard (200..<300).contains(response.status) else { return RequestSender.judgeStatus(response) }
        guard let page = ServiceAnswer.gatewayPage(response, instead: "Cambridge's token answer") else {
            return .accept
        }
        return .retry(reason: page, retryAfter: nil)
    }

    /// Reads the token answer; the renewal time counts from `issued_at` when it is plausible, else from now.
    static func parse(_ bytes: [UInt8]?, receivedAt now: Double) throws(FetchError) -> Token {
        func wrong(_ reason: String) -> FetchError {
            .unexpectedAnswer(name: "Cambridge token", reason: reason)
        }
        guard let bytes, let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw wrong("not a JSON object")
        }
        guard let value = object["access_token"] as? String, !value.isEmpty else { throw wrong("no access_token") }
        guard let type = object["token_type"] as? String, type.lowercased() == "bearer" else {
            throw wrong("token_type is not Bearer")
        }
        guard let lifetime = number(object["expires_in"]), lifetime > 0 else {
            throw wrong("expires_in is not a positive number of seconds")
        }
        var start = now
        // issued_at is the server's clock: trusted only when it is not in our future and leaves the token usable.
        if let issuedMillis = number(object["issued_at"]) {
            let issued = issuedMillis / 1000
            if issued <= now && now - issued < lifetime / 2 { start = issued }
        }
        return Token(value: value, renewAt: start + lifetime - min(60, lifetime / 2))
    }

    /// A JSON string or number as a Double ("3600" or 3600).
    private static func number(_ value: Any?) -> Double? {
        if let text = value as? String { return Double(text.trimmingASCIISpaces()) }
        if let number = value as? NSNumber { return number.doubleValue }
        return nil
    }

    /// `application/x-www-form-urlencoded`: unreserved characters as they are, everything else percent-encoded.
    static func formEncoded(_ pairs: [(String, String)]) -> String {
        func encode(_ text: String) -> String {
            var out = ""
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                    UInt8(ascii: "~"):
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                default:
                    out += String(format: "%%%02X", byte)
                }
            }
            return out
        }
        return pairs.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }
}

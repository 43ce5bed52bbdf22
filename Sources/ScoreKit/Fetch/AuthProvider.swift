import Foundation

/// Supplies the credentials of each request to a service, as headers.
public protocol AuthProvider: AnyObject {
    /// Headers for the next request, obtaining or renewing a token first when one is due.
    func headers() throws(FetchError) -> [String: String]
    /// After a 401 or 403: whether fresh credentials were obtained, so the request is worth one more try.
    func renewAfterRejection() throws(FetchError) -> Bool
}

/// Credentials sent as they are with every request: IELTS Basic auth, or the TOEFL authcode header.
public final class StaticAuth: AuthProvider {
    private let fixed: [String: String]
    /// The values logs must never show.
    public let secrets: [String]

    private init(headers: [String: String], secrets: [String]) {
        fixed = headers
        self.secrets = secrets
    }

    /// `Authorization: Basic base64(clientID:secret)` (IELTS Results Service).
    public static func basic(clientID: String, secret: String) -> StaticAuth {
        let token = Data("\(clientID):\(secret)".utf8).base64EncodedString()
        return StaticAuth(headers: ["Authorization": "Basic \(token)"], secrets: [secret, token])
    }

    /// `authcode: CODE` (TOEFL Server-to-Server), where CODE is base64(clientID:secret).
    public static func authcode(_ code: String) -> StaticAuth {
        StaticAuth(headers: ["authcode": code], secrets: [code])
    }

    public func headers() throws(FetchError) -> [String: String] { fixed }

    /// Nothing to renew: the same credentials would be rejected again.
    public func renewAfterRejection() throws(FetchError) -> Bool { false }
}

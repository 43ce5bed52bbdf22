import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One request: a GET for results, a POST (a form) for a token.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    /// The request body (POST only).
    public var body: [UInt8]?
    /// Seconds the whole request may take, from connecting to the last byte of the body.
    public var timeout: TimeInterval
    /// The most body bytes kept (after decompression): a longer body fails as ``HTTPError/bodyTooLarge(limit:)``.
    public var maxBodyBytes: Int
    /// How messages name the answer ("IELTS 2026-01-01T00:00:00 to 2026-02-01T00:00:00, page 1").
    public var name: String

    public init(
        method: String = "GET", url: URL, headers: [String: String] = [:], body: [UInt8]? = nil,
        timeout: TimeInterval = 60, maxBodyBytes: Int = 1 << 30, name: String? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.name = name ?? url.path
    }
}

/// An answer whose body was spooled to a temporary file (mode 0600, unlinked), so memory stays bounded.
public final class HTTPResponse: Sendable {
    public let status: Int
    /// Header names lowercased.
    public let headers: [String: String]
    /// The spooled body, read from the start.
    public let body: InputFile

    public init(status: Int, headers: [String: String], body: InputFile) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as text, at most `limit` bytes (for error messages).
    public func bodyText(limit: Int = 2000) -> String {
        let bytes = (try? body.prefix(limit)) ?? []
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The media type without parameters, lowercased ("application/json"), or "" when none was sent.
    public var mediaType: String {
        let value = headers["content-type"] ?? ""
        return String(value.prefix { $0 != ";" }).trimmingASCIISpaces().lowercased()
    }
}

/// Why a request got no usable HTTP answer.
public enum HTTPError: Error, Sendable, CustomStringConvertible {
    /// The whole request took longer than its timeout (retried).
    case timedOut(seconds: TimeInterval)
    /// The connection failed or broke off, the body arriving short among the causes (retried).
    case connection(String)
    /// The body grew past the request's `maxBodyBytes` (not retried: it would again).
    case bodyTooLarge(limit: Int)
    /// The spool file could not be made or written, naming its folder (not retried: a local fault, exit 74).
    case io(IOError)

    public var description: String {
        switch self {
        case .timedOut(let seconds): "no complete answer within \(Int(seconds)) s"
        case .connection(let reason): reason
        case .bodyTooLarge(let limit): "the answer is larger than \(Self.megabytes(limit))"
        case .io(let error): error.description
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }
}

/// Sends one request and spools its answer. ``URLSessionHTTPClient`` conforms; tests substitute their own.
public protocol HTTPClient: Sendable {
    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse
}

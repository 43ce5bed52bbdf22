import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One GET request.
public struct HTTPRequest: Sendable {
    public var url: URL
    public var headers: [String: String]
    /// Seconds without progress before the request fails as timed out.
    public var timeout: TimeInterval
    /// How messages name the answer ("IELTS 2026-01-01T00:00:00 to 2026-02-01T00:00:00, page 1").
    public var name: String

    public init(url: URL, headers: [String: String] = [:], timeout: TimeInterval = 60, name: String? = nil) {
        self.url = url
        self.headers = headers
        self.timeout = timeout
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
}

/// Why a request got no HTTP answer.
public enum HTTPError: Error, Sendable, CustomStringConvertible {
    case timedOut
    /// The connection failed or broke off, the body arriving short among the causes.
    case connection(String)
    case io(IOError)

    public var description: String {
        switch self {
        case .timedOut: "timed out"
        case .connection(let reason): reason
        case .io(let error): error.description
        }
    }
}

/// Fetches one URL. URLSession conforms; tests can substitute their own.
public protocol HTTPClient: Sendable {
    func get(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse
}

import Foundation

/// What `scoreimport-sandbox --help` prints: every option and every fault, from the same `Fault.Kind` the parser
/// takes, so a fault added there cannot be missing here.
enum Usage {
    static var text: String {
        let width = Fault.Kind.allCases.map(\.rawValue.count).max() ?? 0
        let faults = Fault.Kind.allCases.map {
            "  \($0.rawValue.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.summary)"
        }
        return """
            scoreimport-sandbox: a loopback stand-in for the IELTS Results Service and TOEFL Server-to-Server APIs,
            for the tests and `make demo`. It prints "listening on 127.0.0.1:PORT" on standard output, logs request
            lines (never headers) on standard error, and serves until stopped.

            Usage: scoreimport-sandbox [OPTIONS]

            Options:
              --port N                    listen on 127.0.0.1:N; 0 (the default) picks a free port
              --data DIR                  serve ielts-results.json and toefl-scores.json from DIR
                                          (default: the repository's Fixtures/sandbox)
              --fault KIND[:COUNT]        inject KIND into the next COUNT requests to the results endpoints
                                          (default: all of them); repeated, the faults apply in the order given
              --token-fault KIND[:COUNT]  the same for the token endpoint, POST /v1/cambridge.id/token
              --max-window-records N      refuse a window matching more than N records (HTTP 400, "too large");
                                          0, the default, is no limit
              --max-page-records N        answer at most N records a page whatever limit asks, and declare
                                          the window's count in recordCount (a server that caps pages)
              --retry-after SECONDS       the Retry-After header of the 503 and 429 faults (default 1)
              --slow-seconds SECONDS      how late the slow fault answers (default 3)
              --token-seconds SECONDS     the lifetime of the Bearer tokens issued (default 3600)
              --help                      print this help and exit

            Faults (KIND):
            \(faults.joined(separator: "\n"))

            Credentials: IELTS Basic auth demo-client:demo-secret, or a Bearer token from the token endpoint;
            TOEFL authcode ZXh0c3lzaWJ0MjZ0c3Q6cGFzczAxMDIwMw==.
            """
    }
}

extension Fault.Kind {
    /// One line on what the fault does, for `--help`.
    var summary: String {
        switch self {
        case .none: "no fault: `--fault none:1 --fault 500` answers the first request and fails the ones after it"
        case .unavailable: "HTTP 503 with Retry-After (--retry-after)"
        case .tooMany: "HTTP 429 with Retry-After (--retry-after)"
        case .serverError: "HTTP 500"
        case .unauthorized: "HTTP 401 with WWW-Authenticate"
        case .forbidden: "HTTP 403 with WWW-Authenticate"
        case .notFound: "HTTP 404"
        case .proxyAuthentication: "HTTP 407 with Proxy-Authenticate"
        case .notImplemented: "HTTP 501"
        case .redirect: "HTTP 302 to another host (a client must not follow it)"
        case .slow: "the right answer, --slow-seconds late"
        case .truncate: "the right answer, the connection closed halfway through its body"
        case .malformed: "HTTP 200 with JSON that does not parse"
        case .html: "HTTP 200 with an HTML page (a proxy's or maintenance page)"
        case .html502: "HTTP 502 with an HTML page"
        case .array: "HTTP 200 with a JSON array, []"
        case .otherShape: "HTTP 200 with the other service's shape ({\"data\": []} or {\"results\": []})"
        case .errorMember: "HTTP 200 with an \"error\" member beside empty results"
        case .textPlain: "HTTP 200 with a text/plain body"
        case .drip: "the right answer, one byte a second"
        case .endless: "the right answer, then its last record repeated until the client hangs up"
        case .samePage: "page 1 whatever page is asked for"
        case .gzip: "the right answer gzipped, with Content-Length"
        case .deflate: "the right answer deflated (zlib), with Content-Length"
        case .gzipUnsized: "the right answer gzipped, without Content-Length"
        case .gzipTruncate: "the right answer gzipped and cut off halfway"
        }
    }
}

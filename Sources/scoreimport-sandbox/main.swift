// scoreimport-sandbox: a loopback stand-in for the IELTS Results Service and TOEFL Server-to-Server APIs, for the
// tests and `make demo`. It prints "listening on 127.0.0.1:PORT" and serves until stopped.
//
//   scoreimport-sandbox [--port N] [--data DIR] [--fault KIND[:COUNT]]... [--max-window-records N]
//                       [--retry-after SECONDS] [--slow-seconds SECONDS] [--token-seconds SECONDS]
//
// KIND is one of Fault.Kind (none, 503, 429, 500, 401, 403, 404, 407, 501, 302, slow, truncate, malformed, html, html502,
// array, other-shape, error-member, text-plain, drip, endless, same-page, gzip, deflate, gzip-unsized, gzip-truncate);
// COUNT is how many requests to the results endpoints it hits (default: all). The token endpoint,
// POST /v1/cambridge.id/token, issues Bearer tokens living --token-seconds (default 3600); 401s carry
// WWW-Authenticate.
// `none` is no fault: `--fault none:1 --fault 500` answers the first request and fails the ones after it.
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("scoreimport-sandbox: \(message)\n".utf8))
    exit(64)
}

func parse(_ list: [String]) -> (Services.Settings, UInt16, URL) {
    var settings = Services.Settings()
    var port: UInt16 = 0
    var data = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/sandbox").standardized
    var arguments = list[...]
    func value() -> String {
        guard let next = arguments.popFirst() else { fail("missing value") }
        return next
    }
    while let argument = arguments.popFirst() {
        switch argument {
        case "--port": port = UInt16(value()) ?? 0
        case "--data": data = URL(fileURLWithPath: value())
        case "--max-window-records": settings.maxWindowRecords = Int(value()) ?? 0
        case "--retry-after": settings.retryAfter = Int(value()) ?? 1
        case "--slow-seconds": settings.slowSeconds = TimeInterval(value()) ?? 3
        case "--token-seconds": settings.tokenSeconds = Int(value()) ?? 3600
        case "--fault":
            let parts = value().split(separator: ":")
            guard let first = parts.first, let kind = Fault.Kind(rawValue: String(first)) else {
                fail("unknown fault; use one of \(Fault.Kind.allCases.map(\.rawValue))")
            }
            settings.faults.append(Fault(kind: kind, remaining: parts.count > 1 ? Int(parts[1]) : nil))
        default: fail("unknown argument \(argument)")
        }
    }
    return (settings, port, data)
}

// A parent may start us with signals blocked; stop cleanly on SIGTERM and SIGINT whatever it did.
var signals = sigset_t()
sigemptyset(&signals)
sigaddset(&signals, SIGTERM)
sigaddset(&signals, SIGINT)
sigprocmask(SIG_UNBLOCK, &signals, nil)
signal(SIGTERM) { _ in _exit(0) }
// A client that hangs up mid-body (drip, endless) must not kill the server.
signal(SIGPIPE, SIG_IGN)
signal(SIGINT) { _ in _exit(0) }

let (settings, port, data) = parse(Array(CommandLine.arguments.dropFirst()))
do {
    let services = try Services(settings: settings, dataDirectory: data)
    let server = try HTTPServer(port: port)
    FileHandle.standardOutput.write(Data("listening on 127.0.0.1:\(server.port)\n".utf8))
    server.serve(services.handle)
} catch {
    FileHandle.standardError.write(Data("scoreimport-sandbox: \(error)\n".utf8))
    exit(1)
}

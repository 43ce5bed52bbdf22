// scoreimport-sandbox: a loopback stand-in for the IELTS Results Service and TOEFL Server-to-Server APIs, for the
// tests and `make demo`. It prints "listening on 127.0.0.1:PORT" and serves until stopped; `--help` lists its
// options and faults (Usage.swift).
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("scoreimport-sandbox: \(message)\n".utf8))
    exit(64)
}

/// `KIND[:COUNT]`.
func fault(_ text: String) -> Fault {
    let parts = text.split(separator: ":")
    guard let first = parts.first, let kind = Fault.Kind(rawValue: String(first)) else {
        fail("unknown fault; use one of \(Fault.Kind.allCases.map(\.rawValue))")
    }
    return Fault(kind: kind, remaining: parts.count > 1 ? Int(parts[1]) : nil)
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
        case "--max-page-records": settings.maxPageRecords = Int(value()) ?? 0
        case "--retry-after": settings.retryAfter = Int(value()) ?? 1
        case "--slow-seconds": settings.slowSeconds = TimeInterval(value()) ?? 3
        case "--token-seconds": settings.tokenSeconds = Int(value()) ?? 3600
        case "--fault": settings.faults.append(fault(value()))
        case "--token-fault": settings.tokenFaults.append(fault(value()))
        case "--help", "-h":
            FileHandle.standardOutput.write(Data((Usage.text + "\n").utf8))
            exit(0)
        default: fail("unknown argument \(argument); see --help")
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

import Foundation
import Testing

@testable import ScoreKit

/// The built binary against a real server, nginx, as gateways and proxies are: Basic auth answered with a
/// `WWW-Authenticate` challenge, gzip on the fly and precompressed, HTML pages, 404, 407 and 501, over IPv4 and
/// IPv6 loopback. Skipped visibly when nginx is missing outside CI (`Tests/test-deps.sh` installs it); under
/// `CI=true` a missing nginx fails.
@Suite struct NginxFetchTests {
    static let available: Bool = {
        if !Nginx.isInstalled && ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("nginx is missing: run Tests/test-deps.sh")
        }
        return Nginx.isInstalled
    }()

    func rows(_ path: String) throws -> [Substring] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\r\n")
    }

    /// Basic auth, plain, gzip on the fly (chunked, no Content-Length) and gzip_static (Content-Length of the
    /// compressed file); IPv4, IPv6 and `localhost`.
    @Test(
        .enabled(if: available),
        arguments: [
            ("basic", "127.0.0.1"), ("gzip", "127.0.0.1"), ("gzip-static", "127.0.0.1"), ("basic", "[::1]"),
            ("gzip", "localhost"),
        ])
    func readsTheStaticAnswer(prefix: String, host: String) throws {
        let nginx = try Nginx(ipv6Only: host == "[::1]")
        let scene = try FetchScene()
        let result = try scene.run(nginx.endpoint(prefix, host: host), ["--full", "-t", "compact"])
        let log = nginx.accessLog
        nginx.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try rows(scene.output).count == 7)
        #expect(result.stderrText.contains("User-Agent") == false)
        #expect(log.count == 1 && log[0].contains(" 200 "), "\(log)")
        #expect(log.first?.hasSuffix(" ua=scoreimport/\(CLI.version)") == true, "\(log)")
        if host == "[::1]" { #expect(log[0].hasPrefix("::1 "), "\(log)") }
        switch prefix {
        case "gzip": #expect(log[0].contains("encoding=gzip length=-"), "\(log)")
        case "gzip-static": #expect(log[0].contains("encoding=gzip length=") && !log[0].contains("length=-"))
        default: #expect(log[0].contains("encoding=- length=4802"), "\(log)")
        }
    }

    @Test(.enabled(if: available)) func readsTOEFLBehindAnAuthcodeCheck() throws {
        let nginx = try Nginx()
        let scene = try FetchScene(service: "toefl")
        let result = try scene.run(nginx.endpoint("toefl"), ["--full", "--since", "2026-01-01"])
        nginx.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try rows(scene.output).count == 7)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var service = "ielts"
        var prefix: String
        var extra: [String] = []
        var environment: [String: String] = [:]
        var status: Int32
        var says: String
        var testDescription: String { "\(service) /\(prefix) \(extra.joined(separator: " "))" }
    }

    /// Every challenge ends at once with 77 (both services, both IELTS auth kinds); the other answers a gateway
    /// gives end with their own status; nothing is written.
    static let cases: [Case] = [
        Case(
            prefix: "basic", environment: ["IELTS_CLIENT_SECRET": "expired-secret"], status: 77,
            says: "credentials rejected (HTTP 401): Cambridge renews them every 12 months"),
        Case(prefix: "challenge", status: 77, says: "credentials rejected (HTTP 401): Cambridge"),
        Case(prefix: "challenge", extra: ["--auth", "token"], status: 77, says: "credentials rejected (HTTP 401)"),
        Case(service: "toefl", prefix: "challenge", status: 77, says: "credentials rejected (HTTP 401): ETS"),
        Case(
            service: "toefl", prefix: "toefl", environment: ["TOEFL_AUTHCODE": "bm9wZTpub3Bl"], status: 77,
            says: "credentials rejected (HTTP 401): ETS"),
        Case(
            prefix: "html", status: 69,
            says: "after 2 attempts: IELTS 2026-11-01T00:00:00 to 2026-11-22T00:00:00, page 1: an HTML page"),
        // A static file ignores `page`: with a page size of its 6 records, page 2 repeats page 1.
        Case(
            prefix: "basic", extra: ["--limit", "6"], status: 65, says: "page 2: unexpected answer: the same records"),
        Case(prefix: "proxy", status: 77, says: "a proxy asks for its own credentials (HTTP 407)"),
        Case(prefix: "notimpl", status: 69, says: "does not implement this request (HTTP 501"),
        Case(
            prefix: "missing", status: 64,
            says: "wrong endpoint: the server has no /missing/v1/ielts/result-verification (HTTP 404: an HTML page: "
                + "404 Not Found)"),
    ]

    @Test(.enabled(if: available), arguments: cases) func endsPromptlyWritingNothing(_ hostile: Case) throws {
        let nginx = try Nginx()
        let scene = try FetchScene(service: hostile.service)
        let started = Date()
        let result = try scene.run(nginx.endpoint(hostile.prefix), hostile.extra, environment: hostile.environment)
        let seconds = Date().timeIntervalSince(started)
        nginx.stop()
        scene.expectNothingWritten(result, status: hostile.status)
        #expect(result.stderrText.contains(hostile.says), "\(result.stderrText)")
        #expect(!result.stderrText.contains("expired-secret") && !result.stderrText.contains("bm9wZTpub3Bl"))
        // Before the fix a challenge hung until killed; the bound is generous, the run takes a fraction of it.
        #expect(seconds < 10)
    }
}

import Foundation
import Testing

/// The built binary against the sandbox behaving as a hostile or broken server would: each run ends promptly with
/// its exit status, writes nothing, leaves the state byte for byte, and shows no secret.
@Suite struct HostileServerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var service = "ielts"
        var fault: [String]
        var extra: [String] = []
        var status: Int32
        var says: String
        var testDescription: String { "\(service) \(fault.joined(separator: " "))" }
    }

    /// How messages name the one request of FetchScene's window.
    static let page1 = "IELTS 2026-11-01T00:00:00 to 2026-11-22T00:00:00, page 1"

    static let cases: [Case] = [
        Case(fault: ["--fault", "html"], status: 69, says: "after 2 attempts: \(page1): an HTML page (text/html)"),
        Case(service: "toefl", fault: ["--fault", "html"], status: 69, says: "an HTML page"),
        Case(fault: ["--fault", "html502"], status: 69, says: "after 2 attempts: \(page1): HTTP 502"),
        Case(fault: ["--fault", "array"], status: 65, says: "unexpected answer: a JSON array, not the IELTS"),
        Case(fault: ["--fault", "other-shape"], status: 65, says: "an object with a \"data\" array, not the IELTS"),
        Case(
            service: "toefl", fault: ["--fault", "other-shape"], status: 65,
            says: "an object with a \"results\" array, not the TOEFL"),
        Case(fault: ["--fault", "error-member"], status: 65, says: "an error instead of results: \"quota exceeded\""),
        Case(service: "toefl", fault: ["--fault", "error-member"], status: 65, says: "\"quota exceeded\""),
        Case(fault: ["--fault", "text-plain"], status: 65, says: "a text/plain answer, not the IELTS"),
        Case(
            fault: ["--fault", "drip"], extra: ["--timeout", "1", "--max-retries", "0"], status: 69,
            says: "no complete answer within 1 s"),
        Case(
            fault: ["--fault", "drip"], extra: ["--timeout", "60", "--max-run-time", "2"], status: 69,
            says: "the run took longer than its bound of 2 s (--max-run-time)"),
        Case(fault: ["--fault", "endless"], extra: ["--max-body", "2"], status: 69, says: "larger than 2 MB"),
        Case(
            fault: ["--fault", "same-page"], extra: ["--limit", "1"], status: 65,
            says: "page 2: unexpected answer: the same records as page 1"),
        Case(
            fault: ["--fault", "404"], status: 64,
            says: "wrong endpoint: the server has no /v1/ielts/result-verification"),
        Case(fault: ["--fault", "407"], status: 77, says: "a proxy asks for its own credentials (HTTP 407)"),
        Case(fault: ["--fault", "501"], status: 69, says: "does not implement this request (HTTP 501"),
        Case(fault: ["--fault", "401"], status: 77, says: "credentials rejected (HTTP 401): Cambridge"),
        Case(service: "toefl", fault: ["--fault", "401"], status: 77, says: "credentials rejected (HTTP 401): ETS"),
        Case(fault: ["--fault", "403"], status: 77, says: "credentials rejected (HTTP 403): Cambridge"),
        Case(fault: ["--fault", "302"], status: 65, says: "(HTTP 302): redirects are not followed"),
        Case(
            fault: ["--fault", "401"], extra: ["--auth", "token"], status: 77, says: "credentials rejected (HTTP 401)"),
        Case(fault: ["--fault", "truncate"], status: 69, says: "service unavailable after 2 attempts: \(page1): "),
        Case(
            fault: ["--fault", "gzip-truncate"], status: 69, says: "service unavailable after 2 attempts: \(page1): "),
        // A proxy's page in place of the token is the service away, as it is for the results: retried, then 69.
        Case(
            fault: ["--token-fault", "html"], extra: ["--auth", "token"], status: 69,
            says: "after 2 attempts: Cambridge token: an HTML page (text/html), not Cambridge's token answer"),
        Case(
            fault: ["--token-fault", "html502"], extra: ["--auth", "token"], status: 69,
            says: "after 2 attempts: Cambridge token: HTTP 502"),
        Case(
            fault: ["--token-fault", "501"], extra: ["--auth", "token"], status: 69,
            says: "after 1 attempt: Cambridge token: the server does not implement this request (HTTP 501"),
    ]

    @Test(arguments: cases) func writesNothingAndSaysWhy(_ hostile: Case) throws {
        let scene = try FetchScene(service: hostile.service)
        let sandbox = try Sandbox(hostile.fault)
        let started = Date()
        let result = try scene.run(sandbox.endpoint, hostile.extra)
        let seconds = Date().timeIntervalSince(started)
        _ = sandbox.stop()
        scene.expectNothingWritten(result, status: hostile.status)
        #expect(result.stderrText.contains(hostile.says), "\(result.stderrText)")
        #expect(result.stderrText.contains("the state was left as it was"))
        // A hang check, not a timing: the slowest case (drip) takes about one --timeout.
        #expect(seconds < 15)
    }

    /// Nothing listening: the message names the page and the host and port it could not reach.
    @Test func aClosedPortIsNamedWithThePage() throws {
        let scene = try FetchScene()
        let port = try Nginx.freePort()
        let result = try scene.run("http://127.0.0.1:\(port)")
        scene.expectNothingWritten(result, status: 69)
        #expect(
            result.stderrText.contains(
                "service unavailable after 2 attempts: \(Self.page1): cannot connect to 127.0.0.1:\(port); nothing "
                    + "was written"), "\(result.stderrText)")
        #expect(result.stderrText.contains("\(Self.page1): cannot connect to 127.0.0.1:\(port); retrying in"))
    }

    /// A proxy's page once in place of the token: the token request is tried again and the run delivers; the
    /// credentials check says 69 while the page stays.
    @Test func aProxyPageInPlaceOfTheTokenIsRetried() throws {
        let scene = try FetchScene()
        let once = try Sandbox(["--token-fault", "html:1"])
        let result = try scene.run(once.endpoint, ["--auth", "token"])
        let log = once.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(log.filter { $0.contains("POST /v1/cambridge.id/token") }.count == 2, "\(log)")
        #expect(result.stderrText.contains("Cambridge token: an HTML page (text/html), not Cambridge's token answer; "))

        let away = try Sandbox(["--token-fault", "html"])
        let check = try BinaryRunner.run(
            [
                "fetch", "ielts", "--endpoint", away.endpoint, "--check-credentials", "--auth", "token",
                "--max-retries", "1",
            ],
            environment: Sandbox.ieltsEnvironment)
        _ = away.stop()
        #expect(check.status == 69, "\(check.stderrText)")
        #expect(check.stdout.isEmpty)
        #expect(check.stderrText.contains("service unavailable after 2 attempts: Cambridge token: an HTML page"))
    }

    /// gzip and deflate bodies, with and without Content-Length, read as the plain answer.
    @Test(arguments: ["gzip", "deflate", "gzip-unsized"]) func compressedBodies(_ fault: String) throws {
        let scene = try FetchScene()
        let sandbox = try Sandbox(["--fault", fault])
        let result = try scene.run(sandbox.endpoint, ["--full", "-t", "compact"])
        _ = sandbox.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        let text = try String(contentsOfFile: scene.output, encoding: .utf8)
        #expect(text.split(separator: "\r\n").count == 3)
        #expect(text.contains("26SB000009SAND009A,REPORTED,Ivanova,Olga,2003-09-18,2026-11-13,6.0,5.5,6.0,6.0,6.0,B2"))
    }

    /// Tokens from the sandbox's token endpoint: a refusal gets one fresh token, a token living 2 s is renewed
    /// before it runs out, and TOEFL has no token auth.
    @Test func tokenAuthRenewsAndRefreshesOnce() throws {
        let scene = try FetchScene()
        let refused = try Sandbox(["--fault", "401:1"])
        let once = try scene.run(refused.endpoint, ["--auth", "token"])
        let log = refused.stop()
        #expect(once.status == 0, "\(once.stderrText)")
        #expect(log.filter { $0.contains("POST /v1/cambridge.id/token -> 200") }.count == 2)
        #expect(once.stderrText.contains("the token was refused; asking for a new one"))

        // Slices answered 2.5 s late each: a token living 4 s (renewed 2 s after issue, half its life) is renewed
        // between them, never used once expired.
        let short = try Sandbox(["--token-seconds", "4", "--fault", "slow:2", "--slow-seconds", "2.5"])
        let renewed = try BinaryRunner.run(
            [
                "fetch", "ielts", "--endpoint", short.endpoint, "--auth", "token", "--since", "2026-09-01", "--until",
                "2026-11-22",
            ],
            environment: Sandbox.ieltsEnvironment)
        let shortLog = short.stop()
        #expect(renewed.status == 0, "\(renewed.stderrText)")
        #expect(shortLog.filter { $0.contains("POST /v1/cambridge.id/token") }.count >= 2, "\(shortLog)")
        #expect(!shortLog.contains { $0.hasSuffix("-> 401") })

        let toefl = try BinaryRunner.run(
            ["fetch", "toefl", "--auth", "token"] + Sandbox.window, environment: Sandbox.toeflEnvironment)
        #expect(toefl.status == 64)
        #expect(toefl.stderrText.contains("--auth token is for fetch ielts only"))
    }

    @Test func checkCredentialsSaysAcceptedOrRejectedAndWhenDue() throws {
        let sandbox = try Sandbox()
        let good = try BinaryRunner.run(
            [
                "fetch", "ielts", "--endpoint", sandbox.endpoint, "--check-credentials", "--credentials-issued",
                "2026-03-01",
            ],
            environment: Sandbox.ieltsEnvironment)
        let token = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", sandbox.endpoint, "--check-credentials", "--auth", "token"],
            environment: Sandbox.ieltsEnvironment)
        var wrong = Sandbox.ieltsEnvironment
        wrong["IELTS_CLIENT_SECRET"] = "expired-secret"
        let bad = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", sandbox.endpoint, "--check-credentials", "--auth", "token"],
            environment: wrong)
        let toefl = try BinaryRunner.run(
            ["fetch", "toefl", "--endpoint", sandbox.endpoint, "--check-credentials"],
            environment: ["TOEFL_AUTHCODE": "bm9wZTpub3Bl"])
        let log = sandbox.stop()
        let wrongShape = try Sandbox(["--fault", "array"])
        let notService = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", wrongShape.endpoint, "--check-credentials"],
            environment: Sandbox.ieltsEnvironment)
        _ = wrongShape.stop()
        #expect(notService.status == 65)
        #expect(notService.stdout.isEmpty)
        #expect(notService.stderrText.contains("IELTS credentials check: unexpected answer: a JSON array"))
        #expect(good.status == 0, "\(good.stderrText)")
        #expect(
            good.stdoutText
                == "IELTS credentials accepted (HTTP 200); the credentials issued 2026-03-01 must be renewed by "
                + "2027-03-01 (99 days): Cambridge renews them every 12 months\n")
        #expect(token.status == 0)
        #expect(token.stdoutText.hasPrefix("IELTS credentials accepted (HTTP 200); renewal date unknown"))
        #expect(bad.status == 77)
        #expect(bad.stdoutText.hasPrefix("IELTS credentials rejected (HTTP 401): ask Cambridge for new ones"))
        #expect(toefl.status == 77)
        #expect(toefl.stdoutText.hasPrefix("TOEFL credentials rejected (HTTP 401): ask ETS for new ones"))
        #expect(!bad.stderrText.contains("expired-secret") && !bad.stdoutText.contains("expired-secret"))
        // One request each (the token check asks for the token first).
        #expect(log.count == 5, "\(log)")
        #expect(log.allSatisfy { !$0.contains("limit=2000") })
    }

    @Test func endpointsAreCheckedBeforeAnyCredentialIsSent() throws {
        let sandbox = try Sandbox()
        let withUser = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", "http://demo-client:hunter2-pass@127.0.0.1:\(sandbox.port)"]
                + Sandbox.window,
            environment: Sandbox.ieltsEnvironment)
        let attacker = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", "http://127.attacker.example:\(sandbox.port)"] + Sandbox.window,
            environment: Sandbox.ieltsEnvironment)
        let localhost = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", "http://localhost:\(sandbox.port)", "--since", "2026-11-01"],
            environment: Sandbox.ieltsEnvironment)
        let log = sandbox.stop()
        #expect(withUser.status == 64)
        #expect(withUser.stderrText.contains("--endpoint must not hold a user name or password"))
        #expect(!withUser.stderrText.contains("hunter2-pass"))
        #expect(attacker.status == 64)
        #expect(attacker.stderrText.contains("refusing plain http:// to 127.attacker.example"))
        #expect(localhost.status == 0, "\(localhost.stderrText)")
        #expect(log.count == 1)
    }

    /// A start far in the past is clamped to the service's two-year horizon: 24 slices of 31 days, not 435.
    @Test func anAncientWatermarkIsClampedToTheHorizon() throws {
        let sandbox = try Sandbox()
        let result = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", sandbox.endpoint, "--since", "1990-01-01", "--dry-run"],
            environment: Sandbox.ieltsEnvironment.merging(["SCOREIMPORT_NOW": "2026-11-22T02:00:00Z"]) { $1 })
        let log = sandbox.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(
            result.stderrText.contains(
                "the window starts 1990-01-01T00:00:00, before the service's two-year horizon: fetching from "
                    + "2024-11-21T02:00:00 instead"))
        #expect(log.count == 24)
    }
}

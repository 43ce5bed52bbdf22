import Foundation
import Testing

/// `scoreimport fetch` end to end: the built binary over real TCP to the loopback sandbox. Nothing reaches the
/// internet.
@Suite(.serialized) struct FetchEndToEndTests {
    func fetchIELTS(_ sandbox: Sandbox, _ extra: [String], environment: [String: String] = Sandbox.ieltsEnvironment)
        throws -> BinaryRunner.Result
    {
        try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", sandbox.endpoint, "-t", "compact"] + Sandbox.window + extra,
            environment: environment)
    }

    func rows(_ result: BinaryRunner.Result) -> [String] {
        result.stdoutText.split(separator: "\r\n").map(String.init)
    }

    @Test func pagesSlicesAndWritesDuplicatesOnce() throws {
        let sandbox = try Sandbox()
        let result = try fetchIELTS(sandbox, ["--limit", "2"])
        let log = sandbox.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(rows(result).count == 10)  // header + 9 distinct results (one TRF came twice)
        #expect(result.stdoutText.components(separatedBy: "26SB000001SAND001A").count == 2)
        #expect(
            result.stdoutText.contains(
                "26SB000001SAND001A,REPORTED,García,María,1995-01-10,2026-01-08,7.0,6.5,6.5,7.0,7.0"))
        #expect(result.stderrText.contains("appears twice: kept"))
        // 31-day slices; a full page (2 of 2) asks for the next page; nextResultSetUrl is never followed.
        #expect(log.count == 12)
        #expect(log.contains { $0.contains("endDateTime=2026-02-01T00:00:00&page=1&limit=2") })
        #expect(log.contains { $0.contains("page=2&limit=2") })
        #expect(!log.contains { $0.contains("broken") })
        #expect(log.allSatisfy { !$0.contains("photoFlag") })
    }

    /// A server that answers fewer records a page than --limit asks, and declares the window's count: a short
    /// page cannot be taken for the last (the rest of the window would be lost). Exit 65 naming the --limit that
    /// works, nothing written; with it, every record comes.
    @Test func aServerThatCapsItsPagesIsCaughtByItsCount() throws {
        // One record a page: the last slice holds two.
        let sandbox = try Sandbox(["--max-page-records", "1"])
        let capped = try fetchIELTS(sandbox, [])
        #expect(capped.status == 65, "\(capped.stderrText)")
        #expect(
            capped.stderrText.contains(
                ", page 1: unexpected answer: the page holds 1 record where --limit asked 2000, and its recordCount "
                    + "says 2 for the window"))
        #expect(capped.stderrText.contains("Run again with --limit 1"))
        #expect(capped.stdoutText.isEmpty)
        let paged = try fetchIELTS(sandbox, ["--limit", "1"])
        _ = sandbox.stop()
        #expect(paged.status == 0, "\(paged.stderrText)")
        #expect(rows(paged).count == 10)
    }

    @Test func halvesASliceRefusedAsTooLarge() throws {
        let sandbox = try Sandbox(["--max-window-records", "1"])
        let result = try fetchIELTS(sandbox, ["--since", "2026-11-01", "--until", "2026-11-22"])
        let log = sandbox.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.contains("as too large; halving it"))
        #expect(log.filter { $0.hasSuffix("-> 400") }.count >= 1)
        #expect(rows(result).count == 3)
    }

    @Test(arguments: [
        ["--fault", "503:2", "--retry-after", "0"], ["--fault", "429:1", "--retry-after", "0"],
        ["--fault", "500:2"], ["--fault", "truncate:1"], ["--fault", "slow:1", "--slow-seconds", "3"],
    ])
    func retriesTransientFailures(sandboxArguments: [String]) throws {
        let sandbox = try Sandbox(sandboxArguments)
        let result = try fetchIELTS(sandbox, ["--since", "2026-11-01", "--timeout", "1"])
        _ = sandbox.stop()
        #expect(result.status == 0, "\(sandboxArguments): \(result.stderrText)")
        #expect(result.stderrText.contains("retrying in"))
        #expect(rows(result).count == 3)
    }

    @Test func honoursRetryAfter() throws {
        let sandbox = try Sandbox(["--fault", "503:1", "--retry-after", "1"])
        let start = Date()
        let result = try fetchIELTS(sandbox, ["--since", "2026-11-01"])
        _ = sandbox.stop()
        #expect(result.status == 0)
        #expect(Date().timeIntervalSince(start) >= 1)
    }

    @Test func retriesExhaustedExit69WritingNothing() throws {
        let sandbox = try Sandbox(["--fault", "503", "--retry-after", "0"])
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("out.csv").path
        let result = try fetchIELTS(sandbox, ["--since", "2026-11-01", "--max-retries", "2", "-o", target])
        let log = sandbox.stop()
        #expect(result.status == 69)
        #expect(
            result.stderrText.contains(
                "service unavailable after 3 attempts: IELTS 2026-11-01T00:00:00 to 2026-11-22T00:00:00, page 1: "
                    + "HTTP 503; nothing was written"), "\(result.stderrText)")
        #expect(log.count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func truncatedBodiesEveryTimeExit69() throws {
        let sandbox = try Sandbox(["--fault", "truncate"])
        let result = try fetchIELTS(sandbox, ["--since", "2026-11-01", "--max-retries", "1"])
        _ = sandbox.stop()
        #expect(result.status == 69)
        #expect(result.stdout.isEmpty)
    }

    @Test func rejectedCredentialsExit77() throws {
        let sandbox = try Sandbox()
        var environment = Sandbox.ieltsEnvironment
        environment["IELTS_CLIENT_SECRET"] = "wrong-secret-value"
        let result = try fetchIELTS(sandbox, [], environment: environment)
        let forced = try Sandbox(["--fault", "401"])
        let again = try fetchIELTS(forced, [])
        _ = sandbox.stop()
        _ = forced.stop()
        for run in [result, again] {
            #expect(run.status == 77)
            #expect(run.stderrText.contains("credentials rejected (HTTP 401): Cambridge renews them every 12 months"))
            #expect(run.stdout.isEmpty)
        }
        #expect(!result.stderrText.contains("wrong-secret-value"))
    }

    @Test func malformedJSONExit65WithItsLocation() throws {
        let sandbox = try Sandbox(["--fault", "malformed:1"])
        let result = try fetchIELTS(sandbox, ["--since", "2026-11-01"])
        _ = sandbox.stop()
        #expect(result.status == 65)
        #expect(result.stderrText.contains("malformed document: expected ',' or '}' after object member"))
        #expect(result.stderrText.contains("line 1, column"))
    }

    /// A 404 is a wrong endpoint (a setting to fix, exit 64), named with its path and the service's message.
    @Test func aWrongEndpointIsNamed() throws {
        let sandbox = try Sandbox()
        let result = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", sandbox.endpoint + "/wrong-prefix"] + Sandbox.window,
            environment: Sandbox.ieltsEnvironment)
        _ = sandbox.stop()
        #expect(result.status == 64)
        #expect(
            result.stderrText.contains(
                "wrong endpoint: the server has no /wrong-prefix/v1/ielts/result-verification (HTTP 404: no such "
                    + "endpoint"))
    }

    @Test func photosAreSavedPrivatelyOnlyWhenAskedFor() throws {
        let sandbox = try Sandbox()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let photos = directory.appendingPathComponent("photos").path
        let result = try BinaryRunner.run(
            [
                "fetch", "ielts", "--endpoint", sandbox.endpoint, "--photos", photos, "-t", "e-delivery", "-f", "json",
                "--since", "2026-06-01", "--until", "2026-06-30",
            ],
            environment: Sandbox.ieltsEnvironment)
        let log = sandbox.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(log.allSatisfy { $0.contains("photoFlag=Y") })
        let file = photos + "/26SB000005SAND005A.jpg"
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(data.prefix(2) == Data([0xFF, 0xD8]))
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        // The photo column names the file; the base64 data itself is not in the output.
        let columns = try Tool.run(
            "python3",
            ["-c", "import json,sys; print(*[r['trfNumber'] + '=' + r['photo_data'] for r in json.load(sys.stdin)])"],
            stdin: result.stdout)
        #expect(columns == "26SB000005SAND005A=26SB000005SAND005A.jpg\n")
        #expect(!result.stdoutText.contains("/9j/") && !result.stdoutText.contains("c2FuZGJveCBwaG90"))

        // Without --photos, photoFlag is not sent and no photo is asked for.
        let plain = try Sandbox()
        let without = try fetchIELTS(plain, ["--since", "2026-06-01", "--until", "2026-06-30", "-t", "e-delivery"])
        #expect(without.status == 0)
        #expect(plain.stop().allSatisfy { !$0.contains("photoFlag") })
    }

    @Test func secretsNeverAppearInOutputOrErrors() throws {
        let sandbox = try Sandbox(["--fault", "503:1", "--retry-after", "0"])
        let result = try fetchIELTS(sandbox, ["--since", "2026-11-01"])
        _ = sandbox.stop()
        let token = Data("demo-client:demo-secret".utf8).base64EncodedString()
        for text in [result.stdoutText, result.stderrText] {
            #expect(!text.contains("demo-secret"))
            #expect(!text.contains(token))
        }
        // An option carrying a secret is refused without echoing the value.
        let option = try BinaryRunner.run(["fetch", "ielts", "--client-secret=hunter2-secret"])
        #expect(option.status == 64)
        #expect(!option.stderrText.contains("hunter2-secret"))
    }

    @Test func plainHTTPToAnotherHostIsRefused() throws {
        let result = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", "http://scores.example.org"] + Sandbox.window,
            environment: Sandbox.ieltsEnvironment)
        #expect(result.status == 64)
        #expect(result.stderrText.contains("refusing plain http:// to scores.example.org"))
    }

    @Test func credentialsFilesMustBePrivate() throws {
        let sandbox = try Sandbox()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("ielts.credentials").path
        try Data("# IELTS API\nclient_id=demo-client\nclient_secret=demo-secret\n".utf8).write(
            to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let loose = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", sandbox.endpoint, "--credentials", file] + Sandbox.window)
        #expect(loose.status == 64)
        #expect(loose.stderrText.contains("can be read by others (mode 644); refusing it. Run: chmod 600 \(file)"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let tight = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", sandbox.endpoint, "--credentials", file, "--since", "2026-11-01"])
        _ = sandbox.stop()
        #expect(tight.status == 0, "\(tight.stderrText)")
        let missing = try BinaryRunner.run(["fetch", "ielts"] + Sandbox.window)
        #expect(missing.status == 64)
        #expect(missing.stderrText.contains("set IELTS_CLIENT_ID and IELTS_CLIENT_SECRET or pass --credentials FILE"))
    }

    /// A credentials file setting client_secret twice (an old line left behind at renewal) is refused before any
    /// request, naming the lines and not the secrets.
    @Test func aCredentialsFileSettingAKeyTwiceIsAUsageError() throws {
        let sandbox = try Sandbox()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("ielts.credentials").path
        try Data("client_id=demo-client\nclient_secret=old-secret\nclient_secret=demo-secret\n".utf8).write(
            to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let result = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", sandbox.endpoint, "--credentials", file] + Sandbox.window)
        #expect(sandbox.stop() == [])
        #expect(result.status == 64, "\(result.stderrText)")
        #expect(
            result.stderrText.contains("error: credentials file \(file) sets client_secret= on lines 2 and 3: keep one")
        )
        #expect(!result.stderrText.contains("old-secret") && !result.stderrText.contains("demo-secret"))
    }

    @Test func looksUpOneTRF() throws {
        let sandbox = try Sandbox()
        let result = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", sandbox.endpoint, "--trf", "26SB000003SAND003A", "-t", "compact"],
            environment: Sandbox.ieltsEnvironment)
        let log = sandbox.stop()
        #expect(result.status == 0)
        #expect(rows(result).count == 2)
        #expect(log.count == 1 && log[0].contains("trfNumber=26SB000003SAND003A"))
        #expect(result.stderrText.contains("note: looking up IELTS TRF 26SB000003SAND003A\n"))
        #expect(!result.stderrText.contains("window"), "a look-up has no window")
        #expect(result.stderrText.contains("scoreimport: TRF 26SB000003SAND003A, 1 request, read 1, written 1"))
    }

    /// A start before the service's two-year horizon is clamped, and the note and the summary say the window
    /// actually fetched, as the requests do.
    @Test func theNoteAndTheSummaryShowTheClampedWindow() throws {
        let sandbox = try Sandbox()
        let result = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", sandbox.endpoint, "--since", "2023-01-01"],
            environment: Sandbox.ieltsEnvironment.merging(["SCOREIMPORT_NOW": "2026-11-22T02:00:00Z"]) { $1 })
        let log = sandbox.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(log.first?.contains("startDateTime=2024-11-21T02:00:00&") == true, "\(log)")
        #expect(
            result.stderrText.contains(
                "note: the window starts 2023-01-01T00:00:00, before the service's two-year horizon: fetching from "
                    + "2024-11-21T02:00:00 instead"))
        #expect(
            result.stderrText.contains("note: fetching IELTS results 2024-11-21T02:00:00 to 2026-11-22T02:00:00 UTC"))
        #expect(result.stderrText.contains("scoreimport: window 2024-11-21T02:00:00 to 2026-11-22T02:00:00, "))
        #expect(!result.stderrText.contains("2023-01-01T00:00:00 to"))
    }

    @Test func fetchesTOEFLWithAnAuthcode() throws {
        let sandbox = try Sandbox()
        let result = try BinaryRunner.run(
            ["fetch", "toefl", "--endpoint", sandbox.endpoint, "-t", "compact"] + Sandbox.window,
            environment: Sandbox.toeflEnvironment)
        let bad = try BinaryRunner.run(
            ["fetch", "toefl", "--endpoint", sandbox.endpoint] + Sandbox.window,
            environment: ["TOEFL_AUTHCODE": "bm9wZTpub3Bl"])
        let log = sandbox.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(rows(result).count == 7)
        #expect(result.stdoutText.contains("2026000000000004,CANCELLED"))
        #expect(log.allSatisfy { $0.contains("type=TOEFL&reportby=scorelinkbyreportdate&format=json") })
        #expect(bad.status == 77)
        #expect(bad.stderrText.contains("ETS renews them"))
        #expect(!bad.stderrText.contains("bm9wZTpub3Bl"))
    }

    @Test func windowsAcceptOffsetsAndConvertToUTC() throws {
        let sandbox = try Sandbox()
        let result = try fetchIELTS(
            sandbox, ["--since", "2026-11-20T08:00:00+02:00", "--until", "2026-11-21T00:00:00Z"])
        let log = sandbox.stop()
        #expect(result.status == 0)
        #expect(log.first?.contains("startDateTime=2026-11-20T06:00:00&endDateTime=2026-11-21T00:00:00") == true)
        let bad = try BinaryRunner.run(
            ["fetch", "ielts", "--since", "yesterday"], environment: Sandbox.ieltsEnvironment)
        #expect(bad.status == 64)
    }

    /// Any ordinary HTTP server that answers as the service does: Python's http.server serving the same page to
    /// every request (it ignores the query and the credentials). Every slice gets the same results; each is
    /// written once.
    @Test func worksAgainstAnOrdinaryHTTPServer() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("v1/ielts/result-verification")
        try FileManager.default.createDirectory(
            at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Paths.fixtures.appendingPathComponent("cases/ielts-api-response/input.json"), to: page)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", directory.path]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        server.environment = ["PYTHONUNBUFFERED": "1", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""]
        try server.run()
        defer {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        var banner = Data()
        while !banner.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner.append(chunk)
        }
        // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        let port = try #require(
            String(decoding: banner, as: UTF8.self).firstMatch(of: /port (\d+)/).flatMap { Int($0.1) })
        let result = try BinaryRunner.run(
            [
                "fetch", "ielts", "--endpoint", "http://127.0.0.1:\(port)", "-t", "compact", "--since", "2026-09-01",
                "--until", "2026-11-22",
            ],
            environment: Sandbox.ieltsEnvironment)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(rows(result).count == 7)
        #expect(result.stderrText.contains("duplicates 12"))
    }
}

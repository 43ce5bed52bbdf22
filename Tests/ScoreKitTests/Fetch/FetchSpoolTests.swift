import Foundation
import Testing

@testable import ScoreKit

/// An answer that TMPDIR cannot hold is a local fault, not the service's: exit 74 at once (no retry), the message
/// names the answer and TMPDIR's folder, and nothing is left there or anywhere else.
@Suite struct FetchSpoolTests {
    /// A client whose spool cannot be written, counting the requests it was given.
    final class FullSpoolClient: HTTPClient, @unchecked Sendable {
        private let lock = NSLock()
        private(set) var requests = 0

        func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
            lock.withLock { requests += 1 }
            throw .io(URLSessionHTTPClient.spoolError(request.name, code: ENOSPC))
        }
    }

    @Test func aSpoolThatCannotGrowIsNotRetriedAndIsAnIOError() throws {
        let client = FullSpoolClient()
        let captured = try CapturedDiagnostics()
        let sender = RequestSender(
            client: client, retry: RetryPolicy(maxRetries: 5, baseDelay: 0), limits: FetchLimits(),
            clock: FakeClock(), diagnostics: captured.diagnostics)
        let url = try #require(URL(string: "https://apis.example/v1/ielts/result-verification"))
        let error = #expect(throws: FetchError.self) {
            _ = try sender.send(HTTPRequest(url: url, name: "IELTS 2026-11-01T00:00:00 to 2026-11-22T00:00:00, page 1"))
        }
        #expect(client.requests == 1)
        #expect(error?.exitCode == .ioError)
        #expect(
            error?.description
                == "cannot spool IELTS 2026-11-01T00:00:00 to 2026-11-22T00:00:00, page 1 in "
                + "\(TemporaryFile.directory) (TMPDIR): No space left on device; nothing was written")
        #expect(!captured.text.contains("retrying"))
    }

    /// The spool grows past a file size limit partway through the body (`ulimit -f`, SIGXFSZ ignored as a shell
    /// can), so the test needs no privileges: EFBIG stands for ENOSPC, and the path taken is the same.
    @Test func anAnswerPastWhatTMPDIRTakesIsExit74AndLeavesNothing() throws {
        let scene = try FetchScene()
        let tmp = scene.directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: false)
        let sandbox = try Sandbox()
        let result = try scene.run(
            sandbox.endpoint, environment: ["TMPDIR": tmp.path], shell: "trap '' XFSZ; ulimit -f 1")
        let log = sandbox.stop()
        scene.expectNothingWritten(result, status: 74)
        #expect(
            result.stderrText.contains(
                "error: cannot spool IELTS 2026-11-01T00:00:00 to 2026-11-22T00:00:00, page 1 in \(tmp.path) "
                    + "(TMPDIR): File too large; nothing was written"), "\(result.stderrText)")
        #expect(!result.stderrText.contains("retrying"))
        #expect(log.filter { $0.contains("GET ") }.count == 1, "not retried: \(log)")
        #expect(entries(tmp) == [])
    }

    /// A real full TMPDIR (a 64 KiB tmpfs) filling partway through an endless body: exit 74, "No space left on
    /// device", nothing left there and the space given back.
    @Test(.enabled(if: InputFileTests.canMount, "needs root to mount a small tmpfs; the ulimit test covers the path"))
    func aFullTMPDIRWhileSpoolingAnAnswerIsExit74() throws {
        let scene = try FetchScene()
        let tmp = scene.directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: false)
        _ = try Tool.run("mount", ["-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", tmp.path])
        defer { _ = try? Tool.run("umount", [tmp.path]) }
        let sandbox = try Sandbox(["--fault", "endless"])
        let result = try scene.run(sandbox.endpoint, environment: ["TMPDIR": tmp.path])
        let log = sandbox.stop()
        scene.expectNothingWritten(result, status: 74)
        #expect(
            result.stderrText.contains(
                "error: cannot spool IELTS 2026-11-01T00:00:00 to 2026-11-22T00:00:00, page 1 in \(tmp.path) "
                    + "(TMPDIR): No space left on device; nothing was written"), "\(result.stderrText)")
        #expect(log.filter { $0.contains("GET ") }.count == 1, "not retried: \(log)")
        #expect(entries(tmp) == [])
        let used = try Tool.run("df", ["--output=used", tmp.path]).split(separator: "\n").last
        #expect(used?.trimmingCharacters(in: .whitespaces) == "0", "the space is given back")
    }
}

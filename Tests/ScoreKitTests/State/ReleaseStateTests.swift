import Foundation
import Testing

/// State files written by release 0.1.0 (`Fixtures/state/`, made by that release's binary against the sandbox on
/// 2026-11-22) are read by this build, and nothing is re-delivered only because the code changed.
@Suite struct ReleaseStateTests {
    @Test(arguments: [
        ("ielts", Sandbox.ieltsEnvironment, "unchanged 9"),
        ("toefl", Sandbox.toeflEnvironment, "unchanged 6"),
    ])
    func aReleaseStateDeliversNothingAgain(service: String, environment: [String: String], unchanged: String)
        throws
    {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("\(service).state")
        try FileManager.default.copyItem(
            at: Paths.fixtures.appendingPathComponent("state/release-0.1.0-\(service).state"), to: state)
        let sandbox = try Sandbox()
        defer { _ = sandbox.stop() }
        let output = directory.appendingPathComponent("out.csv").path
        let result = try BinaryRunner.run(
            [
                "fetch", service, "--endpoint", sandbox.endpoint, "--state", state.path, "-o", output,
                "--since", "2024-11-21T02:00:00",
            ],
            environment: environment.merging(["SCOREIMPORT_NOW": "2026-11-23T02:00:00Z"]) { $1 })
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(
            result.stderrText.contains("records new 0, changed 0, cancelled 0, \(unchanged)"), "\(result.stderrText)")
        let rows = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\r\n")
        #expect(rows.count == 1, "only the header row")
    }
}

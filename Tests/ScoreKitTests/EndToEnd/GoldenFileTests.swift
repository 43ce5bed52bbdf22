import Foundation
import Testing

/// Each folder under Fixtures/cases is a command line (`args`), its inputs, and the exact expected stdout
/// (`expected.out`), stderr (`expected.err`) and exit status (`expected.status`). `stdin`, if present, is piped in.
/// `SCOREIMPORT_RECORD=1 swift test` re-records the expectations after a deliberate change.
@Suite struct GoldenFileTests {
    static let casesDirectory = Paths.fixtures.appendingPathComponent("cases")
    static let cases: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: casesDirectory.path)) ?? []).sorted()
    static let recording = ProcessInfo.processInfo.environment["SCOREIMPORT_RECORD"] == "1"

    @Test func casesArePresent() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases)
    func golden(name: String) throws {
        let directory = Self.casesDirectory.appendingPathComponent(name)
        let arguments = try String(contentsOf: directory.appendingPathComponent("args"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let stdinURL = directory.appendingPathComponent("stdin")
        let stdin = FileManager.default.fileExists(atPath: stdinURL.path) ? try Data(contentsOf: stdinURL) : nil
        let result = try BinaryRunner.run(arguments, in: directory, stdin: stdin)
        let expected = (
            out: directory.appendingPathComponent("expected.out"),
            err: directory.appendingPathComponent("expected.err"),
            status: directory.appendingPathComponent("expected.status")
        )
        if Self.recording {
            try result.stdout.write(to: expected.out)
            try result.stderr.write(to: expected.err)
            try Data("\(result.status)\n".utf8).write(to: expected.status)
            return
        }
        let status = try String(contentsOf: expected.status, encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect("\(result.status)" == status, "exit status of \(name)")
        let expectedOut = try Data(contentsOf: expected.out)
        #expect(result.stdout == expectedOut, "stdout of \(name):\n\(result.stdoutText)")
        #expect(result.stderrText == (try String(contentsOf: expected.err, encoding: .utf8)), "stderr of \(name)")
    }
}

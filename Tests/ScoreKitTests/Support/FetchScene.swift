import Foundation
import Testing

/// A working folder for one fetch against a hostile server: an output path, and a state file made by an earlier
/// good run, so a test can show that a failed run wrote nothing and left the state as it was, byte for byte.
final class FetchScene {
    let directory: URL
    let service: String
    let stateBefore: Data

    /// Values that must never appear on stderr: the demo secrets, their Basic token, the TOEFL authcode and what
    /// it encodes.
    static let secrets = [
        "demo-secret", Data("demo-client:demo-secret".utf8).base64EncodedString(),
        "ZXh0c3lzaWJ0MjZ0c3Q6cGFzczAxMDIwMw==", "pass010203",
    ]

    var output: String { directory.appendingPathComponent("out.csv").path }
    var state: String { directory.appendingPathComponent("\(service).state").path }
    var environment: [String: String] { service == "ielts" ? Sandbox.ieltsEnvironment : Sandbox.toeflEnvironment }

    init(service: String = "ielts") throws {
        self.service = service
        directory = try temporaryDirectory()
        let state = directory.appendingPathComponent("\(service).state").path
        let first = directory.appendingPathComponent("first.csv").path
        let sandbox = try Sandbox()
        let good = try BinaryRunner.run(
            [
                "fetch", service, "--endpoint", sandbox.endpoint, "--state", state, "-o", first, "--since",
                "2026-11-01", "--until", "2026-11-22",
            ],
            environment: service == "ielts" ? Sandbox.ieltsEnvironment : Sandbox.toeflEnvironment)
        _ = sandbox.stop()
        guard good.status == 0, let bytes = FileManager.default.contents(atPath: state) else {
            throw Tool.Failed(description: "the good run failed: \(good.stderrText)")
        }
        try FileManager.default.removeItem(atPath: first)
        stateBefore = bytes
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The cron line against `endpoint`, with short bounds: 2 s a request, one retry.
    func run(_ endpoint: String, _ extra: [String] = [], environment extraEnvironment: [String: String] = [:])
        throws -> BinaryRunner.Result
    {
        try BinaryRunner.run(arguments(endpoint, extra), environment: environment.merging(extraEnvironment) { $1 })
    }

    /// The same line run by `/bin/sh -c 'SHELL; exec scoreimport ...'`, as cron would after a `ulimit`.
    func run(
        _ endpoint: String, _ extra: [String] = [], environment extraEnvironment: [String: String] = [:],
        shell: String
    ) throws -> BinaryRunner.Result {
        let result = try Tool.capture(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "\(shell); exec \"$0\" \"$@\"", BinaryRunner.binary.path] + arguments(endpoint, extra),
            environment: BinaryRunner.baseEnvironment.merging(environment.merging(extraEnvironment) { $1 }) { $1 })
        return BinaryRunner.Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    private func arguments(_ endpoint: String, _ extra: [String]) -> [String] {
        [
            "fetch", service, "--endpoint", endpoint, "--state", state, "-o", output, "--timeout", "2",
            "--max-retries", "1", "--since", "2026-11-01", "--until", "2026-11-22",
        ] + extra
    }

    /// The exit status is `status`, no output file exists, the state is byte for byte as before, and no secret
    /// shows on stderr.
    func expectNothingWritten(
        _ result: BinaryRunner.Result, status: Int32, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == status, "\(result.stderrText)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: output), sourceLocation: sourceLocation)
        #expect(FileManager.default.contents(atPath: state) == stateBefore, sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        for secret in Self.secrets {
            #expect(!result.stderrText.contains(secret), sourceLocation: sourceLocation)
        }
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        #expect(leftovers.allSatisfy { !$0.hasPrefix(".") }, "\(leftovers)", sourceLocation: sourceLocation)
    }
}

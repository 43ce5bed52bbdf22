import Foundation
import Testing

/// What a cron operator meets running the built binary against the sandbox: options that cannot work together,
/// a state that is not this run's, a window before the watermark. Each is refused before the first request (the
/// sandbox's request log stays empty), with the state, the output and the folder as they were.
@Suite(.serialized) struct CronOperatorTests {
    /// A working folder with the state and the outputs.
    final class Folder {
        let directory: URL

        init() throws { directory = try temporaryDirectory() }
        deinit { try? FileManager.default.removeItem(at: directory) }

        var state: String { path("ielts.state") }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        var names: [String] { entries(directory) }

        /// `fetch ielts` against `sandbox` at `now`.
        func fetch(_ sandbox: Sandbox, _ extra: [String], now: String = "2026-11-22T02:00:00Z") throws
            -> BinaryRunner.Result
        {
            try BinaryRunner.run(
                ["fetch", "ielts", "--endpoint", sandbox.endpoint, "-t", "compact"] + extra,
                environment: Sandbox.ieltsEnvironment.merging(
                    ["SCOREIMPORT_NOW": now, "SCOREIMPORT_TODAY": String(now.prefix(10))]) { $1 })
        }
    }

    /// `--trf` asks for one result: with `--state` it would move the watermark to now and the next night would
    /// skip everything since the last window.
    @Test func aLookUpWithAStateIsAUsageErrorBeforeAnyRequest() throws {
        let folder = try Folder()
        let sandbox = try Sandbox()
        let result = try folder.fetch(
            sandbox, ["--state", folder.state, "--trf", "26SB000001SAND001A", "-o", folder.path("out.csv")])
        let log = sandbox.stop()
        #expect(result.status == 64, "\(result.stderrText)")
        #expect(result.stderrText.contains("error: --trf looks up one result and cannot run with --state"))
        #expect(log == [], "nothing was fetched")
        #expect(folder.names == [], "no state, no lock, no output")

        // Without --state the look-up works as before.
        let lookup = try Sandbox()
        let alone = try folder.fetch(lookup, ["--trf", "26SB000001SAND001A", "-o", folder.path("out.csv")])
        #expect(lookup.stop().count == 1)
        #expect(alone.status == 0, "\(alone.stderrText)")
        #expect(folder.names == ["out.csv"])
    }
}

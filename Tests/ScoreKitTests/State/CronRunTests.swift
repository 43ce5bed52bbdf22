import Foundation
import Testing

/// The nightly cron line, night after night, against the sandbox: every record delivered exactly once (again only
/// when it changes), nothing lost when the network, the service, the disk or the process fails mid-run.
@Suite(.serialized) struct CronRunTests {
    /// A working folder with the sandbox's data, the state and the nightly outputs.
    final class Night {
        let directory: URL
        var results: [[String: Any]]

        init() throws {
            directory = try temporaryDirectory()
            let data = try Data(contentsOf: Paths.fixtures.appendingPathComponent("sandbox/ielts-results.json"))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            // Night one starts with the first three results.
            results = Array((object?["results"] as? [[String: Any]] ?? []).prefix(3))
            try FileManager.default.copyItem(
                at: Paths.fixtures.appendingPathComponent("sandbox/toefl-scores.json"),
                to: directory.appendingPathComponent("toefl-scores.json"))
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        var state: String { directory.appendingPathComponent("ielts.state").path }
        func output(_ name: String) -> String { directory.appendingPathComponent(name).path }

        func sandbox(_ arguments: [String] = []) throws -> Sandbox {
            let body = try JSONSerialization.data(withJSONObject: ["results": results])
            try body.write(to: directory.appendingPathComponent("ielts-results.json"))
            return try Sandbox(["--data", directory.path] + arguments)
        }

        /// The cron line at `now`.
        func run(
            _ sandbox: Sandbox, now: String, output: String, extra: [String] = [],
            environment: [String: String] = [:]
        ) throws -> BinaryRunner.Result {
            try BinaryRunner.run(
                ["fetch", "ielts", "--endpoint", sandbox.endpoint, "--state", state, "-o", output, "-t", "compact"]
                    + extra,
                environment: Sandbox.ieltsEnvironment.merging(
                    ["SCOREIMPORT_NOW": now, "SCOREIMPORT_TODAY": String(now.prefix(10))]) { $1 }
                    .merging(environment) { $1 })
        }

        /// (scoreId, deliveryType) of each row of a delivered file.
        func delivered(_ path: String) throws -> [String] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return text.split(separator: "\r\n").dropFirst().map { line in
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                return "\(cells[1]) \(cells.last ?? "")"
            }
        }

        func stateBytes() -> Data? { FileManager.default.contents(atPath: state) }
    }

    @Test func nightAfterNightEachChangeIsDeliveredOnce() throws {
        let night = try Night()
        var sandbox = try night.sandbox()
        // Night 1: the first fetch goes two years back.
        let first = try night.run(sandbox, now: "2026-04-01T02:00:00Z", output: night.output("1.csv"))
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(
            try night.delivered(night.output("1.csv")).sorted()
                == ["26SB000001SAND001A new", "26SB000002SAND002A new", "26SB000003SAND003A new"])
        #expect(first.stderrText.contains("records new 3, changed 0, cancelled 0, unchanged 0"))
        _ = sandbox.stop()

        // By night 2: a score corrected, a result withdrawn, a new result, and a late arrival modified before the
        // watermark but inside the 48-hour overlap.
        night.results[0]["writingScore"] = "6.50"
        night.results[0]["overallBandScore"] = "7.00"
        night.results[0]["lastModifiedDate"] = "2026-04-01T10:00:00"
        night.results[1]["status"] = "WITHDRAWN"
        night.results[1]["lastModifiedDate"] = "2026-04-01T11:00:00"
        var fresh = night.results[2]
        fresh["trfNumber"] = "26SB000010SAND010A"
        fresh["lastModifiedDate"] = "2026-04-01T20:00:00"
        var late = night.results[2]
        late["trfNumber"] = "26SB000011SAND011A"
        late["lastModifiedDate"] = "2026-03-31T20:00:00"
        night.results += [fresh, late]
        sandbox = try night.sandbox()
        let second = try night.run(sandbox, now: "2026-04-02T02:00:00Z", output: night.output("2.csv"))
        #expect(second.status == 0, "\(second.stderrText)")
        #expect(
            try night.delivered(night.output("2.csv")).sorted()
                == [
                    "26SB000001SAND001A update", "26SB000002SAND002A cancellation", "26SB000010SAND010A new",
                    "26SB000011SAND011A new",
                ])
        #expect(second.stderrText.contains("records new 2, changed 1, cancelled 1, unchanged 0"))

        // Night 3: nothing changed. The file holds the header only; --skip-empty writes none.
        let third = try night.run(sandbox, now: "2026-04-03T02:00:00Z", output: night.output("3.csv"))
        #expect(third.status == 0)
        #expect(try night.delivered(night.output("3.csv")).isEmpty)
        let fourth = try night.run(
            sandbox, now: "2026-04-04T02:00:00Z", output: night.output("4.csv"),
            extra: ["--skip-empty"])
        #expect(fourth.status == 0)
        #expect(!FileManager.default.fileExists(atPath: night.output("4.csv")))
        _ = sandbox.stop()
        let attributes = try FileManager.default.attributesOfItem(atPath: night.state)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test(arguments: [["--fault", "503", "--retry-after", "0"], ["--fault", "truncate"]])
    func aFailedFetchLeavesTheStateForTheNextRun(faults: [String]) throws {
        let night = try Night()
        let healthy = try night.sandbox()
        _ = try night.run(healthy, now: "2026-04-01T02:00:00Z", output: night.output("1.csv"))
        _ = healthy.stop()
        night.results[2]["familyName"] = "Corrected"
        night.results[2]["lastModifiedDate"] = "2026-04-01T09:00:00"
        let before = night.stateBytes()
        let failing = try night.sandbox(faults)
        let storm = try night.run(
            failing, now: "2026-04-02T02:00:00Z", output: night.output("2.csv"),
            extra: ["--max-retries", "2"])
        _ = failing.stop()
        #expect(storm.status == 69)
        #expect(night.stateBytes() == before)
        #expect(!FileManager.default.fileExists(atPath: night.output("2.csv")))
        let recovered = try night.sandbox()
        let again = try night.run(recovered, now: "2026-04-03T02:00:00Z", output: night.output("3.csv"))
        _ = recovered.stop()
        #expect(again.status == 0)
        #expect(try night.delivered(night.output("3.csv")) == ["26SB000003SAND003A update"])
    }

    @Test func anUnwritableOutputDirectoryLeavesTheState() throws {
        let night = try Night()
        let sandbox = try night.sandbox()
        let failed = try night.run(sandbox, now: "2026-04-01T02:00:00Z", output: "/nonexistent-directory/1.csv")
        #expect(failed.status == 73)
        #expect(night.stateBytes() == nil)
        let fixed = try night.run(sandbox, now: "2026-04-01T02:05:00Z", output: night.output("1.csv"))
        _ = sandbox.stop()
        #expect(fixed.status == 0)
        #expect(try night.delivered(night.output("1.csv")).count == 3)
    }

    @Test func aSecondRunOnTheSameStateExits75AtOnce() throws {
        let night = try Night()
        let sandbox = try night.sandbox(["--fault", "slow:1", "--slow-seconds", "3"])
        let first = Process()
        first.executableURL = BinaryRunner.binary
        first.arguments = [
            "fetch", "ielts", "--endpoint", sandbox.endpoint, "--state", night.state, "-o",
            night.output("1.csv"), "--since", "2026-03-01",
        ]
        first.environment = BinaryRunner.baseEnvironment.merging(Sandbox.ieltsEnvironment) { $1 }
            .merging(["SCOREIMPORT_NOW": "2026-04-01T02:00:00Z"]) { $1 }
        first.standardError = FileHandle.nullDevice
        try first.run()
        Thread.sleep(forTimeInterval: 0.7)
        let start = Date()
        let second = try night.run(sandbox, now: "2026-04-01T02:00:00Z", output: night.output("2.csv"))
        #expect(second.status == 75)
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(second.stderrText.contains("another scoreimport run holds the lock"))
        #expect(!FileManager.default.fileExists(atPath: night.output("2.csv")))
        first.waitUntilExit()
        _ = sandbox.stop()
        #expect(first.terminationStatus == 0)
    }

    @Test func aCorruptStateExits65AndIsNotOverwritten() throws {
        let night = try Night()
        let sandbox = try night.sandbox()
        try Data("{\"scoreimportState\": \"1\", \"ledger\": {\"IELTS:X\": [1,".utf8).write(
            to: URL(fileURLWithPath: night.state))
        let before = night.stateBytes()
        let result = try night.run(sandbox, now: "2026-04-01T02:00:00Z", output: night.output("1.csv"))
        _ = sandbox.stop()
        #expect(result.status == 65)
        #expect(result.stderrText.contains("is corrupt"))
        #expect(result.stderrText.contains("it was left untouched. To recover, move it aside"))
        #expect(night.stateBytes() == before)
        #expect(!FileManager.default.fileExists(atPath: night.output("1.csv")))
    }

    @Test func aDryRunWritesNothingAndKeepsTheState() throws {
        let night = try Night()
        let sandbox = try night.sandbox()
        let result = try night.run(
            sandbox, now: "2026-04-01T02:00:00Z", output: night.output("1.csv"),
            extra: ["--dry-run"])
        _ = sandbox.stop()
        #expect(result.status == 0)
        #expect(result.stderrText.contains("dry run, nothing written: "))
        #expect(result.stderrText.contains("records new 3"))
        #expect(night.stateBytes() == nil)
        #expect(!FileManager.default.fileExists(atPath: night.output("1.csv")))
    }

    @Test func logsAreTimestampedOrJSON() throws {
        let night = try Night()
        let sandbox = try night.sandbox(["--fault", "503:1", "--retry-after", "0"])
        let json = try night.run(
            sandbox, now: "2026-04-01T02:00:00Z", output: night.output("1.csv"),
            extra: ["--log-format", "json"])
        _ = sandbox.stop()
        #expect(json.status == 0)
        let levels = try Tool.run(
            "python3", ["-c", "import json,sys; print(sorted({json.loads(l)['level'] for l in sys.stdin}))"],
            stdin: json.stderr)
        #expect(levels == "['info', 'note']\n")
        #expect(json.stderrText.contains("HTTP 503; retrying"))
        let text = try night.run(try night.sandbox(), now: "2026-04-02T02:00:00Z", output: night.output("2.csv"))
        let pattern = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ scoreimport: "#)
        #expect(text.stderrText.split(separator: "\n").allSatisfy { $0.firstMatch(of: pattern) != nil })
    }

    @Test func credentialsDueForRenewalAreAnnounced() throws {
        let night = try Night()
        let sandbox = try night.sandbox()
        let result = try night.run(
            sandbox, now: "2026-04-01T02:00:00Z", output: night.output("1.csv"),
            extra: ["--credentials-issued", "2025-04-20"])
        _ = sandbox.stop()
        #expect(result.status == 0)
        #expect(
            result.stderrText.contains(
                "warning: the credentials issued 2025-04-20 must be renewed by 2026-04-20 (19 days): Cambridge renews"))
        #expect(result.stderrText.contains("warnings 0"))
        let rejected = try Sandbox(["--fault", "401"])
        let refused = try night.run(
            rejected, now: "2026-05-01T02:00:00Z", output: night.output("2.csv"),
            extra: ["--credentials-issued", "2025-04-20"])
        _ = rejected.stop()
        #expect(refused.status == 77)
        #expect(refused.stderrText.contains("expired on 2026-04-20"))
    }

    @Test func fullDeliversEverythingAndKeepsTheLedger() throws {
        let night = try Night()
        let sandbox = try night.sandbox()
        _ = try night.run(sandbox, now: "2026-04-01T02:00:00Z", output: night.output("1.csv"))
        let again = try night.run(
            sandbox, now: "2026-04-02T02:00:00Z", output: night.output("2.csv"),
            extra: ["--full", "--since", "2026-01-01"])
        let after = try night.run(
            sandbox, now: "2026-04-03T02:00:00Z", output: night.output("3.csv"),
            extra: ["--since", "2026-01-01"])
        _ = sandbox.stop()
        #expect(again.status == 0)
        #expect(
            try night.delivered(night.output("2.csv")).sorted()
                == ["26SB000001SAND001A unchanged", "26SB000002SAND002A unchanged", "26SB000003SAND003A unchanged"])
        #expect(try night.delivered(night.output("3.csv")).isEmpty)
        #expect(after.stderrText.contains("unchanged 3"))
    }
}

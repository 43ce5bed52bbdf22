import Foundation
import Testing

@testable import ScoreKit

/// The scheduled fetch as a library: a fake service, a fixed clock and injected faults, no network.
@Suite struct ScheduledFetchTests {
    /// A working folder, and an IELTS service answering with the first `count` sandbox results.
    struct Night {
        let directory: URL
        let results: Data

        init(count: Int = 3) throws {
            directory = try temporaryDirectory()
            let data = try Data(contentsOf: Paths.fixtures.appendingPathComponent("sandbox/ielts-results.json"))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let first = Array((object?["results"] as? [[String: Any]] ?? []).prefix(count))
            results = try JSONSerialization.data(withJSONObject: ["results": first])
        }

        var state: String { directory.appendingPathComponent("ielts.state").path }
        func output(_ name: String) -> String { directory.appendingPathComponent(name).path }

        func fetch(
            output: String, fault: @escaping @Sendable (ScheduledFetch.FaultPoint) throws -> Void = { _ in }
        ) throws -> ScheduledFetch.Outcome {
            let body = results
            let client = FakeHTTPClient { _ in FakeHTTPClient.Answer(body: body) }
            let clock = FixedClock("2026-04-01T02:00:00Z")
            var pipeline = ScorePipeline.Options(today: clock.today)
            pipeline.template = .compact
            pipeline.destination = .file(output)
            var configuration = ScheduledFetch.Configuration(
                service: .ielts, endpoint: "http://127.0.0.1:9", pipeline: pipeline)
            configuration.statePath = state
            configuration.since = TimeWindow.parse("2026-03-31T00:00:00Z")
            let environment = ["IELTS_CLIENT_ID": "demo-client", "IELTS_CLIENT_SECRET": "demo-secret"]
            return try ScheduledFetch(
                configuration, environment: environment, client: client, clock: clock,
                diagnostics: Diagnostics(fd: -1), fault: fault
            ).run()
        }

        func rows(_ path: String) throws -> Int {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\r\n").count - 1
        }
    }

    struct Crash: Error {}

    @Test func aCrashBetweenOutputAndStateDeliversAgainNeverSkips() throws {
        let night = try Night()
        defer { try? FileManager.default.removeItem(at: night.directory) }
        #expect(throws: Crash.self) {
            _ = try night.fetch(output: night.output("1.csv")) { point in
                if case .afterOutputCommitted = point { throw Crash() }
            }
        }
        // The output is durable, the state never moved ...
        #expect(try night.rows(night.output("1.csv")) == 3)
        #expect(!FileManager.default.fileExists(atPath: night.state))
        // ... so the next run delivers the same records again (at least once) ...
        let retry = try night.fetch(output: night.output("2.csv"))
        #expect(try night.rows(night.output("2.csv")) == 3)
        #expect(retry.summary.deliveries[.new] == 3)
        // ... and from then on the ledger suppresses them.
        let next = try night.fetch(output: night.output("3.csv"))
        #expect(try night.rows(night.output("3.csv")) == 0)
        #expect(next.summary.deliveries[.unchanged] == 3)
    }
}

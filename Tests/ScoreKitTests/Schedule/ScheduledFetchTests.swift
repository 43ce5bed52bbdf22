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
            let first = Array(try Records.sandboxIELTS().prefix(count))
            results = try JSONSerialization.data(withJSONObject: ["results": first])
        }

        var state: String { directory.appendingPathComponent("ielts.state").path }
        func output(_ name: String) -> String { directory.appendingPathComponent(name).path }
        func stateBytes() -> Data? { FileManager.default.contents(atPath: state) }

        func fetch(
            output: String, diagnostics: Diagnostics = Diagnostics(fd: -1),
            respond: (@Sendable (HTTPRequest) -> FakeHTTPClient.Answer)? = nil,
            configure: (inout ScheduledFetch.Configuration) -> Void = { _ in },
            fault: @escaping @Sendable (ScheduledFetch.FaultPoint) throws -> Void = { _ in }
        ) throws -> ScheduledFetch.Outcome {
            let body = results
            let client = FakeHTTPClient(respond ?? { _ in FakeHTTPClient.Answer(body: body) })
            let clock = FixedClock("2026-04-01T02:00:00Z")
            var pipeline = ScorePipeline.Options(today: clock.today)
            pipeline.template = .compact
            pipeline.destination = .file(output)
            var configuration = ScheduledFetch.Configuration(
                service: .ielts, endpoint: "http://127.0.0.1:9", pipeline: pipeline)
            configuration.statePath = state
            configuration.since = TimeWindow.parse("2026-03-31T00:00:00Z")
            configure(&configuration)
            let environment = ["IELTS_CLIENT_ID": "demo-client", "IELTS_CLIENT_SECRET": "demo-secret"]
            return try ScheduledFetch(
                configuration, environment: environment, client: client, clock: clock, diagnostics: diagnostics,
                fault: fault
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
            _ = try night.fetch(
                output: night.output("1.csv"),
                fault: { point in
                    if case .afterOutputCommitted = point { throw Crash() }
                })
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

    /// A look-up asks for one result: with a state it would move the watermark over a window it never fetched.
    @Test func aLookUpWithAStateIsRefusedBeforeAnyRequest() throws {
        let night = try Night()
        defer { try? FileManager.default.removeItem(at: night.directory) }
        let requests = Counter()
        let error = try #require(throws: UsageError.self) {
            _ = try night.fetch(
                output: night.output("1.csv"),
                respond: { _ in
                    requests.increment()
                    return FakeHTTPClient.Answer(body: Data(#"{"results": []}"#.utf8))
                },
                configure: { $0.trf = "26SB000001SAND001A" })
        }
        #expect(error.exitCode == .usage)
        #expect(error.message.hasPrefix("--trf looks up one result and cannot run with --state"))
        #expect(requests.value == 0)
        #expect(entries(night.directory) == [])
    }

    @Test func aDryRunWritesNothingAndKeepsTheState() throws {
        let night = try Night(count: 2)
        defer { try? FileManager.default.removeItem(at: night.directory) }
        _ = try night.fetch(output: night.output("1.csv"))
        let before = try #require(night.stateBytes())
        let bigger = try Night(count: 4)
        defer { try? FileManager.default.removeItem(at: bigger.directory) }
        let body = bigger.results
        let outcome = try night.fetch(
            output: night.output("2.csv"), respond: { _ in FakeHTTPClient.Answer(body: body) },
            configure: { $0.dryRun = true })
        #expect(outcome.dryRun)
        #expect(outcome.summary.deliveries == [.new: 2, .unchanged: 2], "it reports what it would deliver")
        #expect(outcome.line.hasPrefix("dry run, nothing written: window 2026-03-31T00:00:00 to 2026-04-01T02:00:00"))
        #expect(!FileManager.default.fileExists(atPath: night.output("2.csv")))
        #expect(night.stateBytes() == before)
        #expect(entries(night.directory).filter { $0.hasPrefix(".") } == [], "no temporary file")
    }

    /// The output is durable but the state cannot be saved: exit 74, and the message says the records come again.
    @Test func aStateThatCannotBeSavedIsExit74AndSaysTheNextRunDeliversAgain() throws {
        let night = try Night()
        defer { try? FileManager.default.removeItem(at: night.directory) }
        let state = night.state
        let error = try #require(throws: StateSaveFailure.self) {
            // After the output is committed, something takes the state's place (a folder: the rename must fail).
            _ = try night.fetch(
                output: night.output("1.csv"),
                fault: { _ in
                    try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: false)
                })
        }
        #expect(error.exitCode == .ioError)
        #expect(error.description.hasPrefix("cannot rename onto \(state): "))
        #expect(error.description.hasSuffix("; the output was written, so the next run delivers it again"))
        #expect(try night.rows(night.output("1.csv")) == 3)
        #expect(entries(night.directory).filter { $0.hasPrefix(".") } == [], "no temporary state file left")
    }

    @Test func rejectedCredentialsAreExit77AndLeaveTheState() throws {
        let night = try Night()
        defer { try? FileManager.default.removeItem(at: night.directory) }
        _ = try night.fetch(output: night.output("1.csv"))
        let before = try #require(night.stateBytes())
        let captured = try CapturedDiagnostics()
        let error = try #require(throws: FetchError.self) {
            _ = try night.fetch(
                output: night.output("2.csv"), diagnostics: captured.diagnostics,
                respond: { _ in FakeHTTPClient.Answer(status: 401, body: Data(#"{"message": "Unauthorized"}"#.utf8)) },
                configure: { $0.credentialsIssued = "2025-06-01" })
        }
        #expect(error.exitCode == .credentialsRejected)
        #expect(error.description.hasPrefix("credentials rejected (HTTP 401): Cambridge renews them every 12 months"))
        #expect(night.stateBytes() == before)
        #expect(!FileManager.default.fileExists(atPath: night.output("2.csv")))
        // Not due for renewal, so no alert at the start; the rejection brings the renewal date up.
        #expect(
            captured.lines.filter { $0.contains("warning:") } == [
                "scoreimport: warning: the credentials issued 2025-06-01 must be renewed by 2026-06-01 (61 days): "
                    + "Cambridge renews them every 12 months"
            ])
        #expect(captured.text.contains("note: the state was left as it was: the next run fetches this window again"))
        #expect(captured.diagnostics.warningCount == 0, "an alert is no record warning: --strict does not fail on it")
        #expect(!captured.text.contains("demo-secret"))
    }

    @Test(arguments: [
        ("2025-05-01", "must be renewed by 2026-05-01 (30 days)"),
        ("2025-04-03", "must be renewed by 2026-04-03 (2 days)"),
        ("2025-04-01", "must be renewed by 2026-04-01 (0 days)"),
        ("2025-03-31", "expired on 2026-03-31"),
    ])
    func credentialsDueForRenewalAreAnnouncedAndTheRunGoesOn(issued: String, text: String) throws {
        let night = try Night()
        defer { try? FileManager.default.removeItem(at: night.directory) }
        let captured = try CapturedDiagnostics()
        let outcome = try night.fetch(
            output: night.output("1.csv"), diagnostics: captured.diagnostics,
            configure: { $0.credentialsIssued = issued })
        #expect(outcome.summary.written == 3)
        #expect(outcome.summary.warnings == 0)
        let alerts = captured.lines.filter { $0.contains("warning:") }
        #expect(alerts.count == 1)
        #expect(alerts.first?.contains("the credentials issued \(issued) \(text)") == true, "\(alerts)")
    }

    @Test func notDueForRenewalSaysNothing() throws {
        let night = try Night()
        defer { try? FileManager.default.removeItem(at: night.directory) }
        let captured = try CapturedDiagnostics()
        _ = try night.fetch(
            output: night.output("1.csv"), diagnostics: captured.diagnostics,
            configure: { $0.credentialsIssued = "2025-05-02" })
        #expect(!captured.text.contains("warning:"))
        #expect(throws: UsageError.self) {
            _ = try night.fetch(output: night.output("2.csv"), configure: { $0.credentialsIssued = "May 2025" })
        }
    }
}

/// Counts calls from any thread.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

import Foundation
import Testing

@testable import ScoreKit

/// stderr as cron mail and log shippers read it: three styles that parse, no secret ever, `--quiet` silencing
/// notes only, and a warning count that `--strict` can trust.
@Suite struct DiagnosticsTests {
    /// One of each kind of line.
    static func emitAll(_ diagnostics: Diagnostics) {
        diagnostics.problem(
            .scoreOffStep(field: .writingScore, value: "6.25", scale: "0-9"),
            at: RecordLocation(file: "in.json", record: 2, id: "X"))
        diagnostics.note("fetching IELTS results")
        diagnostics.alert("the credentials issued 2025-04-20 must be renewed by 2026-04-20 (19 days)")
        diagnostics.error("credentials rejected (HTTP 401)")
        diagnostics.line("read 3, written 3, warnings 1")
    }

    @Test func plainLinesNameTheProgramAndTheKind() throws {
        let captured = try CapturedDiagnostics()
        Self.emitAll(captured.diagnostics)
        #expect(
            captured.lines == [
                "scoreimport: warning: in.json: record 2 (id X): writingScore 6.25 is not a step of the 0-9 scale",
                "scoreimport: note: fetching IELTS results",
                "scoreimport: warning: the credentials issued 2025-04-20 must be renewed by 2026-04-20 (19 days)",
                "scoreimport: error: credentials rejected (HTTP 401)",
                "scoreimport: read 3, written 3, warnings 1",
            ])
    }

    @Test func timestampedLinesStartWithUTCTime() throws {
        let captured = try CapturedDiagnostics(style: .timestamped)
        Self.emitAll(captured.diagnostics)
        let pattern = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ scoreimport: (warning: |note: |error: |read )"#)
        #expect(captured.lines.count == 5)
        for line in captured.lines { #expect(line.firstMatch(of: pattern) != nil, "\(line)") }
    }

    @Test func jsonLinesParseWithALevelEach() throws {
        let captured = try CapturedDiagnostics(style: .json)
        Self.emitAll(captured.diagnostics)
        captured.diagnostics.note("a \"quoted\" value, a back\\slash,\ta tab and a\nnew line")
        let script = """
            import json, sys, datetime
            for line in sys.stdin:
                o = json.loads(line)
                datetime.datetime.strptime(o["time"], "%Y-%m-%dT%H:%M:%SZ")
                print(sorted(o), o["level"], repr(o["message"][:26]))
            """
        let parsed = try Tool.run("python3", ["-c", script], stdin: Data(captured.text.utf8))
        #expect(
            parsed == """
                ['field', 'file', 'id', 'kind', 'level', 'message', 'record', 'time'] warning 'in.json: record 2 (id X): '
                ['level', 'message', 'time'] note 'fetching IELTS results'
                ['level', 'message', 'time'] warning 'the credentials issued 202'
                ['level', 'message', 'time'] error 'credentials rejected (HTTP'
                ['level', 'message', 'time'] info 'read 3, written 3, warning'
                ['level', 'message', 'time'] note 'a "quoted" value, a back\\\\s'

                """)
    }

    @Test(arguments: [Diagnostics.Style.plain, .timestamped, .json])
    func secretsAreRedactedInEveryKindOfLine(style: Diagnostics.Style) throws {
        let captured = try CapturedDiagnostics(style: style)
        let token = Data("demo-client:demo-secret".utf8).base64EncodedString()
        captured.diagnostics.secrets = ["demo-secret", token]
        captured.diagnostics.problem(
            .photoNotSaved(reason: "sent demo-secret"), at: RecordLocation(file: "in.json", record: 1, id: ""))
        captured.diagnostics.note("header Basic \(token)")
        captured.diagnostics.alert("demo-secret")
        captured.diagnostics.error("GET https://x/?secret=demo-secret&again=demo-secret")
        captured.diagnostics.line("demo-secretdemo-secret")
        captured.diagnostics.note("client demo-client")
        let text = captured.text
        #expect(captured.lines.count == 6)
        #expect(!text.contains("demo-secret"))
        #expect(!text.contains(token))
        #expect(text.contains("[redacted]"))
        #expect(text.contains("demo-client"), "only the secrets go")
    }

    @Test func quietSilencesNotesOnly() throws {
        let captured = try CapturedDiagnostics()
        captured.diagnostics.quiet = true
        Self.emitAll(captured.diagnostics)
        #expect(captured.lines.count == 4)
        #expect(!captured.text.contains("note:"))
        #expect(captured.diagnostics.warningCount == 1, "a quiet run still counts its warnings for --strict")
    }

    @Test func onlyRecordWarningsAreCounted() throws {
        let captured = try CapturedDiagnostics()
        for _ in 0..<3 { captured.diagnostics.problem(.missingID, at: RecordLocation(file: "f", record: 1, id: "")) }
        captured.diagnostics.alert("renew the credentials")
        captured.diagnostics.note("n")
        captured.diagnostics.error("e")
        #expect(captured.diagnostics.warningCount == 3)
    }

    /// Progress lines are for a person at a terminal, never for a file or cron.
    @Test func noProgressLinesOutsideATerminal() throws {
        let captured = try CapturedDiagnostics()
        captured.diagnostics.progress("records read 128")
        captured.diagnostics.progress(nil)
        #expect(captured.text.isEmpty)
    }

    /// Many warnings are buffered, not lost: with --all-warnings every line arrives, in order.
    @Test func aLongRunLosesNoLine() throws {
        let captured = try CapturedDiagnostics()
        captured.diagnostics.allWarnings = true
        for number in 1...5000 {
            captured.diagnostics.problem(.missingName, at: RecordLocation(file: "in.csv", record: number, id: "X"))
        }
        let lines = captured.lines
        #expect(lines.count == 5000)
        #expect(
            lines.last == "scoreimport: warning: in.csv: record 5000 (id X): missing name (no family or first name)")
    }

    /// Past 20 of a kind, problems are counted, not printed, and the tally says how many of each kind there were.
    @Test func warningsOfAKindStopAfterTwentyWithATally() throws {
        let captured = try CapturedDiagnostics()
        for number in 1...30 {
            captured.diagnostics.problem(.missingName, at: RecordLocation(file: "in.csv", record: number, id: "X"))
            captured.diagnostics.problem(.missingID, at: RecordLocation(file: "in.csv", record: number, id: ""))
        }
        captured.diagnostics.tally()
        let lines = captured.lines
        #expect(lines.filter { $0.contains("missing name") }.count == 20)
        #expect(lines.filter { $0.contains("missing id") }.count == 20)
        #expect(lines.contains("scoreimport: warnings by kind: missing-id 30, missing-name 30"))
        #expect(lines.last?.contains("20 more record problems not shown") == true)
        #expect(captured.diagnostics.warningCount == 60, "every problem still counts for --strict")
    }
}

/// A cron log shows what a run was doing when it was stopped: only record problems wait in the buffer.
@Suite struct DiagnosticsFlushTests {
    /// What has reached the descriptor, without flushing.
    static func written(_ fd: Int32) -> String {
        let length = Int(lseek(fd, 0, SEEK_END))
        var bytes = [UInt8](repeating: 0, count: length)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, length, 0) }
        return String(decoding: bytes.prefix(max(0, got)), as: UTF8.self)
    }

    @Test(arguments: [Diagnostics.Style.plain, .timestamped, .json])
    func notesAlertsAndSummaryLinesAreWrittenAtOnce(style: Diagnostics.Style) throws {
        let fd = try TemporaryFile.anonymous()
        defer { close(fd) }
        let diagnostics = Diagnostics(fd: fd)
        diagnostics.style = style
        diagnostics.problem(
            .scoreOffStep(field: .writingScore, value: "6.25", scale: "0-9"),
            at: RecordLocation(file: "in.json", record: 2, id: "X"))
        #expect(Self.written(fd).isEmpty, "a record problem waits for the next line")
        diagnostics.note("HTTP 503; retrying in 10.0 s")
        var text = Self.written(fd)
        #expect(text.contains("writingScore") && text.contains("retrying in 10.0 s"))
        diagnostics.alert("credentials due for renewal")
        text = Self.written(fd)
        #expect(text.contains("credentials due for renewal"))
        diagnostics.line("read 3, written 3, warnings 1")
        #expect(Self.written(fd).contains("read 3, written 3"))
    }

    @Test(arguments: [Diagnostics.Style.plain, .timestamped, .json])
    func theStopLineHasTheRunsStyle(style: Diagnostics.Style) throws {
        let line = Diagnostics.standalone(error: "stopped by SIGTERM; temporary files removed", style: style)
        #expect(line.hasSuffix("\n") && line.filter { $0 == "\n" }.count == 1)
        switch style {
        case .plain: #expect(line == "scoreimport: stopped by SIGTERM; temporary files removed\n")
        case .timestamped:
            #expect(line.firstMatch(of: #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ scoreimport: stopped by SIGTERM/#) != nil)
        case .json:
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            #expect(object["level"] == "error")
            #expect(object["message"] == "stopped by SIGTERM; temporary files removed")
        }
    }
}

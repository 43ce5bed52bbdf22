import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Everything that is not data goes here, to stderr: record problems, notes, errors and the summary.
///
/// Record problems are buffered (a run can warn about every record) and flushed at 32 KiB and with the next line of
/// any other kind; every other line (notes, alerts, errors, the summary) is written at once, so a cron log shows
/// what a run was doing when it was stopped. Record problems scale: after ``perKindLimit`` of a kind, further ones
/// are counted rather than printed (unless ``allWarnings``), ``tally()`` sums them up by kind, and a ``ProblemLog``
/// (`--problems FILE`) gets every one. Text lines are escaped, so text from a server or a file cannot forge a log
/// line.
public final class Diagnostics {
    private let fd: Int32
    public var quiet = false
    /// Print every record problem, not only the first ``perKindLimit`` of each kind.
    public var allWarnings = false
    public static let perKindLimit = 20
    public private(set) var warningCount = 0
    /// Credentials and header values that must never appear: every line is scrubbed of them.
    public var secrets: [String] = []
    /// How lines look: plain (convert), with a UTC timestamp (fetch), or JSON objects for log shippers.
    public var style = Style.plain
    private var progressShown = false
    /// Record problems by kind, and how many of them were not printed.
    private var kinds: [String: (count: Int, severity: RecordProblem.Severity)] = [:]
    private var unprinted = 0
    var problemLog: ProblemLog?

    public enum Style: String, Sendable {
        case plain, timestamped, json
    }
    private var pending = OutputBuffer(capacity: 1 << 15)

    public init(fd: Int32 = STDERR_FILENO) {
        self.fd = fd
    }

    deinit { flush() }

    /// The current UTC time, yyyy-MM-ddTHH:mm:ssZ.
    static func now() -> String { TimeWindow.format(Int(time(nil))) + "Z" }

    /// Writes what is buffered.
    public func flush() {
        try? FileOutput.drain(&pending, to: fd, name: "standard error")
    }

    /// A record-level problem: a warning (counted, and fatal under `--strict`) or a note; printed unless its kind
    /// has been printed ``perKindLimit`` times; always written to the problems file.
    public func problem(_ problem: RecordProblem, at location: RecordLocation) {
        let severity = problem.severity
        if severity == .warning { warningCount += 1 }
        let seen = (kinds[problem.kind]?.count ?? 0) + 1
        kinds[problem.kind] = (seen, severity)
        problemLog?.add(problem, at: location)
        guard severity == .warning || !quiet else { return }
        guard allWarnings || seen <= Self.perKindLimit else {
            unprinted += 1
            return
        }
        let text = "\(location.description): \(problem.message)"
        emit(
            severity.rawValue, text,
            fields: style == .json
                ? [
                    ("file", location.file), ("record", String(location.record)), ("id", location.id),
                    ("field", problem.field), ("kind", problem.kind),
                ] : [])
    }

    /// The problems of the run by kind, when some were not printed: one line each for warnings and notes, and how
    /// to see the rest. Nothing when every problem was printed.
    public func tally() {
        guard unprinted > 0 else { return }
        for severity in [RecordProblem.Severity.warning, .note] {
            let counts = kinds.filter { $0.value.severity == severity }.sorted { $0.key < $1.key }
            guard !counts.isEmpty else { continue }
            let parts = counts.map { "\($0.key) \($0.value.count)" }
            line("\(severity.rawValue)s by kind: " + parts.joined(separator: ", "))
        }
        note(
            "\(unprinted) more record problem\(unprinted == 1 ? "" : "s") not shown (\(Self.perKindLimit) of each "
                + "kind are): --all-warnings shows them, --problems FILE lists every one")
    }

    /// A warning about the run itself (credentials due for renewal): shown, never counted as a record warning.
    public func alert(_ text: String) {
        emit("warning", text)
        flush()
    }

    /// Whether progress lines show: stderr is a terminal, and the run is neither quiet nor logging JSON.
    public var showsProgress: Bool { !quiet && style != .json && isatty(fd) == 1 }

    /// A progress line, only when stderr is a terminal (never in cron); nil clears it.
    public func progress(_ text: String?) {
        guard showsProgress else { return }
        flush()
        let line = text.map { "\r\u{1B}[Kscoreimport: \($0)" } ?? (progressShown ? "\r\u{1B}[K" : "")
        progressShown = text != nil
        try? FileOutput.writeAll(fd, Array(line.utf8)[...], name: "standard error")
    }

    /// Something the user should know that is not a problem with a record.
    public func note(_ text: String) {
        guard !quiet else { return }
        emit("note", text)
        flush()
    }

    public func error(_ text: String) {
        emit("error", text)
        flush()
    }

    /// A line as it is (the summary).
    public func line(_ text: String) {
        emit(nil, text)
        flush()
    }

    /// A line the signal thread writes when the run is stopped: `text` after the program's name (plain, or
    /// timestamped), or as the message of a JSON object with level "error"; made without the shared buffer.
    static func standalone(error text: String, style: Style) -> String {
        switch style {
        case .plain: return "scoreimport: \(text)\n"
        case .timestamped: return "\(now()) scoreimport: \(text)\n"
        case .json:
            var line = OutputBuffer(capacity: 256)
            line.append("{\"time\": " as StaticString)
            JSONWriter.string(now(), to: &line)
            line.append(", \"level\": \"error\", \"message\": " as StaticString)
            JSONWriter.string(text, to: &line)
            line.append("}\n" as StaticString)
            return String(decoding: line.bytes, as: UTF8.self)
        }
    }

    private func emit(_ level: String?, _ text: String, fields: [(String, String)] = []) {
        var text = text
        for secret in secrets where secret.count >= 4 && text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: "[redacted]")
        }
        switch style {
        case .plain, .timestamped:
            if style == .timestamped {
                pending.append(Self.now())
                pending.append(" " as StaticString)
            }
            pending.append("scoreimport: " as StaticString)
            if let level {
                pending.append(level)
                pending.append(": " as StaticString)
            }
            Self.appendEscaped(text, to: &pending)
        case .json:
            pending.append(UInt8(ascii: "{"))
            let all = [("time", Self.now()), ("level", level ?? "info"), ("message", text)] + fields
            for (index, (key, value)) in all.enumerated() {
                if index > 0 { pending.append(", " as StaticString) }
                JSONWriter.string(key, to: &pending)
                pending.append(": " as StaticString)
                JSONWriter.string(value, to: &pending)
            }
            pending.append(UInt8(ascii: "}"))
        }
        pending.append(UInt8(ascii: "\n"))
        if pending.count >= 1 << 15 { flush() }
    }

    /// Appends text with control characters shown as escapes (`\n`, `\u{1B}`), so no text makes a line of its own.
    static func appendEscaped(_ text: String, to out: inout OutputBuffer) {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out.append("\\n" as StaticString)
            case 0x0D: out.append("\\r" as StaticString)
            case 0x09: out.append("\\t" as StaticString)
            case 0..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029: out.append("\\u{\(String(scalar.value, radix: 16))}")
            default: out.append(String(scalar))
            }
        }
    }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything that is not data goes here, to stderr: warnings, notes, errors and the summary.
///
/// Lines are buffered (a run can warn about every record) and flushed at 32 KiB, before every error, and at the end.
public final class Diagnostics {
    private let fd: Int32
    public var quiet = false
    public private(set) var warningCount = 0
    /// Credentials and header values that must never appear: every line is scrubbed of them.
    public var secrets: [String] = []
    /// How lines look: plain (convert), with a UTC timestamp (fetch), or JSON objects for log shippers.
    public var style = Style.plain
    private var progressShown = false

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

    /// A record-level problem: counted, and fatal under `--strict`.
    public func warning(_ text: String) {
        warningCount += 1
        emit("warning: \(text)")
    }

    /// A warning about the run itself (credentials due for renewal): shown, never counted as a record warning.
    public func alert(_ text: String) {
        emit("warning: \(text)")
    }

    /// A progress line, only when stderr is a terminal (never in cron); nil clears it.
    public func progress(_ text: String?) {
        guard !quiet, style != .json, isatty(fd) == 1 else { return }
        flush()
        let line = text.map { "\r\u{1B}[Kscoreimport: \($0)" } ?? (progressShown ? "\r\u{1B}[K" : "")
        progressShown = text != nil
        try? FileOutput.writeAll(fd, Array(line.utf8)[...], name: "standard error")
    }

    /// Something the user should know that is not a problem with a record.
    public func note(_ text: String) {
        if !quiet { emit("note: \(text)") }
    }

    public func error(_ text: String) {
        emit("error: \(text)")
        flush()
    }

    /// A line as it is (the summary).
    public func line(_ text: String) {
        emit(text)
    }

    private func emit(_ text: String) {
        var text = text
        for secret in secrets where secret.count >= 4 && text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: "[redacted]")
        }
        switch style {
        case .plain:
            pending.append("scoreimport: " as StaticString)
            pending.append(text)
        case .timestamped:
            pending.append(Self.now())
            pending.append(" scoreimport: " as StaticString)
            pending.append(text)
        case .json:
            var level = "info"
            for prefix in ["warning", "note", "error"] where text.hasPrefix(prefix + ": ") {
                level = prefix
                text.removeFirst(prefix.count + 2)
            }
            pending.append("{\"time\": " as StaticString)
            JSONWriter.string(Self.now(), to: &pending)
            pending.append(", \"level\": " as StaticString)
            JSONWriter.string(level, to: &pending)
            pending.append(", \"message\": " as StaticString)
            JSONWriter.string(text, to: &pending)
            pending.append(UInt8(ascii: "}"))
        }
        pending.append(UInt8(ascii: "\n"))
        if pending.count >= 1 << 15 { flush() }
    }
}

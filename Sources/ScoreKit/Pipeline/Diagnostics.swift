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
    private var pending = OutputBuffer(capacity: 1 << 15)

    public init(fd: Int32 = STDERR_FILENO) {
        self.fd = fd
    }

    deinit { flush() }

    /// Writes what is buffered.
    public func flush() {
        try? FileOutput.drain(&pending, to: fd, name: "standard error")
    }

    /// A record-level problem: counted, and fatal under `--strict`.
    public func warning(_ text: String) {
        warningCount += 1
        emit("warning: \(text)")
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
        pending.append("scoreimport: " as StaticString)
        pending.append(text)
        pending.append(UInt8(ascii: "\n"))
        if pending.count >= 1 << 15 { flush() }
    }
}

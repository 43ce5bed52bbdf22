#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything that is not data goes here, to stderr: warnings, notes, errors and the summary.
public final class Diagnostics {
    private let fd: Int32
    public var quiet = false
    public private(set) var warningCount = 0

    public init(fd: Int32 = STDERR_FILENO) {
        self.fd = fd
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
    }

    /// A line as it is (the summary).
    public func line(_ text: String) {
        emit(text)
    }

    private func emit(_ text: String) {
        try? FileOutput.writeAll(fd, Array("scoreimport: \(text)\n".utf8)[...], name: "standard error")
    }
}

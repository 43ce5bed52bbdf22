/// A command-line mistake: exit 64 with the message and a pointer to help.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var command: String?

    public init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    public var description: String { message }
}

extension UsageError: ScoreImportError {
    public var exitCode: ExitCode { .usage }
}

/// Why the state could not be used: each maps to an exit status.
public enum StateError: Error, Sendable, CustomStringConvertible {
    /// Another run holds the lock (exit 75).
    case locked(path: String)
    /// The state file is not a scoreimport state (exit 65); it is left as it is.
    case corrupt(path: String, detail: String)
    case io(IOError)

    public var description: String {
        switch self {
        case .locked(let path):
            "another scoreimport run holds the lock \(path); this run changed nothing (try again when it ends)"
        case .corrupt(let path, let detail):
            "state file \(path) is corrupt (\(detail)); it was left untouched. To recover, move it aside "
                + "(mv \(path) \(path).bad) and run once with --since set to the last night that was delivered: "
                + "the ledger is rebuilt and records delivered since then come again"
        case .io(let error): error.description
        }
    }
}

extension StateError: ScoreImportError {
    public var exitCode: ExitCode {
        switch self {
        case .locked: .temporaryFailure
        case .corrupt: .dataError
        case .io: .ioError
        }
    }
}

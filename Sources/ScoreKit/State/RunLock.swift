#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive flock on `STATE.lock`, held for the whole run: a second run on the same state stops at once.
public final class RunLock {
    private let fd: Int32
    public let path: String

    /// Takes the lock or fails without waiting.
    public init(statePath: String) throws(StateError) {
        path = statePath + ".lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(IOError("open", path: path, code: errno)) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { throw .locked(path: path) }
            throw .io(IOError("lock", path: path, code: code))
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

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

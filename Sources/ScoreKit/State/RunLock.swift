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
        path = Self.path(forState: statePath)
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            let folder = splitPath(statePath).directory
            var status = stat()
            let isFolder = stat(folder, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
            if code == ENOENT || code == ENOTDIR, !isFolder { throw .missingFolder(path: statePath, folder: folder) }
            throw .io(IOError("open", path: path, code: code))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { throw .locked(path: path) }
            throw .io(IOError("lock", path: path, code: code))
        }
    }

    /// The lock's path beside the state: `STATE.lock`.
    public static func path(forState statePath: String) -> String { statePath + ".lock" }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

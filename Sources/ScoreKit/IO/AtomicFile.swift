#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replacing a file so that it is either whole and durable or untouched: a temporary file beside it (mode 0600),
/// fsync, rename, fsync of the directory. Outputs, the state file and photos are all written this way.
public enum AtomicFile {
    /// The operation an `IOError` names when the rename itself failed.
    public static let renameOperation = "rename onto"

    /// Writes a new `target` with `write`, which gets the temporary file's descriptor and path.
    public static func replace(
        _ target: String, prefix: String? = nil, write: (Int32, String) throws(IOError) -> Void
    ) throws(IOError) {
        let (directory, base) = splitPath(target)
        let (fd, temporary) = try TemporaryFile.create(
            in: directory, prefix: prefix ?? TemporaryFile.prefix(beside: base))
        defer { close(fd) }
        do {
            try write(fd, temporary)
            try publish(fd, from: temporary, to: target)
        } catch {
            unlink(temporary)
            TemporaryFile.unregister(temporary)
            throw error
        }
    }

    /// Makes the written file `temporary` durable and puts it at `target`.
    public static func publish(_ fd: Int32, from temporary: String, to target: String) throws(IOError) {
        guard fsync(fd) == 0 else { throw IOError("fsync", path: target, code: errno) }
        guard rename(temporary, target) == 0 else { throw IOError(renameOperation, path: target, code: errno) }
        TemporaryFile.unregister(temporary)
        try syncDirectory(of: target)
    }

    /// fsync of the directory, so a rename into it is durable.
    public static func syncDirectory(of path: String) throws(IOError) {
        let directory = splitPath(path).directory
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { throw IOError("open", path: directory, code: errno) }
        defer { close(dirFD) }
        guard fsync(dirFD) == 0 else { throw IOError("fsync", path: directory, code: errno) }
    }
}

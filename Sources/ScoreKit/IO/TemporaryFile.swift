import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The directory and the last component of a path ("." for a bare name, "/" at the root).
public func splitPath(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
}

/// Temporary files for personal data: mode 0600, never left behind.
///
/// A named temporary file (a staged output, a state being replaced, a photo staging folder) is registered while it
/// exists, so ``removeRegistered()`` can delete it when a signal stops the run, and it is held with an exclusive
/// `flock` by the process that made it, so ``removeLeftovers(in:prefix:)`` can tell the leftovers of a killed run
/// (nobody holds them) from the files of a run still going.
public enum TemporaryFile {
    private static let registry = Mutex<Set<String>>([])

    /// The directory for spool files: $TMPDIR or /tmp.
    static var directory: String {
        if let dir = getenv("TMPDIR").map({ String(cString: $0) }), !dir.isEmpty { return dir }
        return "/tmp"
    }

    /// An open read-write file with no name: created 0600 and unlinked at once.
    public static func anonymous() throws(IOError) -> Int32 {
        let (fd, path) = try create(in: directory, prefix: ".scoreimport-spool")
        unlink(path)
        unregister(path)
        return fd
    }

    /// Creates `DIR/PREFIX-XXXXXX` with mode 0600, locked and registered; returns the descriptor and the path.
    /// Call ``unregister(_:)`` once the path is renamed or unlinked.
    public static func create(in directory: String, prefix: String) throws(IOError) -> (Int32, String) {
        var template = Array("\(directory)/\(prefix)-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress.unsafelyUnwrapped) }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard fd >= 0 else { throw IOError("create a temporary file in", path: directory, code: errno) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        fchmod(fd, 0o600)
        flock(fd, LOCK_EX | LOCK_NB)
        register(path)
        return (fd, path)
    }

    /// Notes a temporary path to remove if a signal stops the run.
    public static func register(_ path: String) {
        registry.withLock { _ = $0.insert(path) }
    }

    /// Forgets a path that was renamed into place or removed.
    public static func unregister(_ path: String) {
        registry.withLock { _ = $0.remove(path) }
    }

    /// Removes every registered temporary file and folder (after SIGTERM or SIGINT).
    public static func removeRegistered() {
        for path in registry.withLock({ Array($0) }) {
            if unlink(path) != 0 { removeFolder(path) }
        }
    }

    /// Removes what a killed run left in `directory` under names starting with `prefix`: files and folders that no
    /// live process holds locked. Returns how many were removed.
    @discardableResult
    public static func removeLeftovers(in directory: String, prefix: String) -> Int {
        guard let dir = opendir(directory) else { return 0 }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(prefix) && name != "." && name != ".." { names.append(name) }
        }
        closedir(dir)
        var removed = 0
        for name in names {
            let path = "\(directory)/\(name)"
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            // A live run holds its temporary files locked; a leftover is held by nobody.
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }
            var info = stat()
            guard fstat(fd, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                removeFolder(path)
            } else {
                unlink(path)
            }
            removed += 1
        }
        return removed
    }

    /// Removes a folder and the files in it.
    static func removeFolder(_ path: String) {
        guard let dir = opendir(path) else { return }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { unlink("\(path)/\(name)") }
        }
        closedir(dir)
        rmdir(path)
    }
}

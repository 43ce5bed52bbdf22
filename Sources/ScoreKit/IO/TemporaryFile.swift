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
/// A named temporary file (a staged output, review or problems file, a state being replaced, a photo staging
/// folder) sits beside its destination as `.scoreimport-NAME-XXXXXX`. It is registered while it exists, so
/// ``removeRegistered()`` can delete it when a signal stops the run, and it is held with an exclusive `flock` by the
/// process that made it, so ``removeLeftovers(in:)`` can tell the leftovers of a killed run (nobody holds them) from
/// the files of a run still going, whatever their destination's name was (a cron line names its output by date).
public enum TemporaryFile {
    private static let registry = Mutex<Set<String>>([])

    /// The start of every temporary name scoreimport gives beside a destination.
    public static let besidePrefix = ".scoreimport-"

    /// The start of the temporary names beside `name`: `.scoreimport-NAME` (`-XXXXXX` follows). A long name is cut
    /// so the whole stays within a file name's 255 bytes.
    public static func prefix(beside name: String) -> String {
        var kept = Substring(name)
        while kept.utf8.count > 200 { kept = kept.dropLast() }
        return besidePrefix + kept
    }

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
        while true {
            var template = Array("\(directory)/\(prefix)-XXXXXX".utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress.unsafelyUnwrapped) }
            let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard fd >= 0 else { throw IOError("create a temporary file in", path: directory, code: errno) }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            fchmod(fd, 0o600)
            // Between mkstemp and the lock another run's clean-up may have taken the new file for a leftover: then
            // it is gone (or going), and another name is tried.
            guard holds(fd, path) else {
                close(fd)
                continue
            }
            register(path)
            return (fd, path)
        }
    }

    /// Creates the folder `DIR/PREFIXXXXXXX` (mode 0700), locked and registered; returns the open folder, which
    /// holds the lock while the run lives, and the path.
    static func createFolder(in directory: String, prefix: String) throws(IOError) -> (Int32, String) {
        while true {
            var template = Array("\(directory)/\(prefix)XXXXXX".utf8CString)
            guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress.unsafelyUnwrapped) }) != nil else {
                throw IOError("create a temporary folder in", path: directory, code: errno)
            }
            let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            guard holds(fd, path) else {
                close(fd)
                continue
            }
            register(path)
            return (fd, path)
        }
    }

    /// Takes the lock on a file just made and checks that `path` is still that file.
    private static func holds(_ fd: Int32, _ path: String) -> Bool {
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
        var opened = stat()
        var named = stat()
        return fstat(fd, &opened) == 0 && lstat(path, &named) == 0 && opened.st_dev == named.st_dev
            && opened.st_ino == named.st_ino
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

    /// Removes what killed runs left in `directory`: `.scoreimport-NAME-XXXXXX` files and folders, private and
    /// of this user, that no live process holds locked. Returns how many were removed.
    @discardableResult
    public static func removeLeftovers(in directory: String) -> Int {
        removeLeftovers(in: directory) { name in
            // The name mkstemp and mkdtemp give: the prefix, something, and six letters or digits after a dash.
            let suffix = name.utf8.suffix(7)
            return name.hasPrefix(besidePrefix) && name.utf8.count > besidePrefix.utf8.count + 7
                && suffix.first == UInt8(ascii: "-")
                && suffix.dropFirst().allSatisfy { ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) || ($0 >= 48 && $0 <= 57) }
        }
    }

    /// Removes what a killed run left in `directory` under names starting with `prefix` (the names release 0.2.0
    /// gave: `.NAME.tmp-XXXXXX`): files and folders that no live process holds locked. Returns how many.
    @discardableResult
    public static func removeLeftovers(in directory: String, prefix: String) -> Int {
        removeLeftovers(in: directory) { $0.hasPrefix(prefix) }
    }

    private static func removeLeftovers(in directory: String, matching: (String) -> Bool) -> Int {
        guard let dir = opendir(directory) else { return 0 }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." && matching(name) { names.append(name) }
        }
        closedir(dir)
        var removed = 0
        for name in names {
            let path = "\(directory)/\(name)"
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            // A live run holds its temporary files locked; a leftover is held by nobody. What scoreimport makes is
            // private and the user's own: anything else with such a name is not its to remove.
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_uid == geteuid(), info.st_mode & 0o077 == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: removeFolder(path)
            case S_IFREG: unlink(path)
            default: continue
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

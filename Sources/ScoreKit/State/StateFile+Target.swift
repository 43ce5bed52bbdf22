#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension StateFile {
    /// How many symbolic links in a row a state path may go through, as the kernel allows (Linux's 40).
    static let maxLinks = 40

    /// The file a state path names: a symbolic link is followed to its target, so every run on one state takes the
    /// same lock whichever name it was given, and the save replaces the state, never the link.
    ///
    /// The link is followed with `readlink`, not `realpath`, because on a first run its target is not there yet and
    /// `realpath` fails for it: the run would lock `LINK.lock`, a run given the target would lock `TARGET.lock`,
    /// both would deliver everything, and the save would put a file where the link was. A relative link is
    /// relative to the folder holding it; once the chain ends, the folder is resolved with `realpath` (when it
    /// exists: a missing one is left for the lock to report, naming it). A path that is no link is used as given,
    /// so messages name it as the user wrote it (any spelling of it reaches the same lock file).
    ///
    /// Throws ``StateError/notAFile(path:kind:)`` (exit 64) for a chain of more than ``maxLinks`` links: a loop.
    public static func target(of path: String) throws(StateError) -> String {
        var current = path
        var followed = 0
        while let destination = linkDestination(current) {
            guard followed < maxLinks else {
                throw .notAFile(path: path, kind: "a loop of symbolic links (more than \(maxLinks) in a row)")
            }
            followed += 1
            current = destination.hasPrefix("/") ? destination : realFolder(of: current) + "/" + destination
        }
        guard followed > 0 else { return path }
        let (folder, name) = splitPath(current)
        guard let real = realpath(folder, nil) else { return current }
        defer { free(real) }
        let resolved = String(cString: real)
        return (resolved == "/" ? "" : resolved) + "/" + name
    }

    /// What the symbolic link at `path` points to, as it is stored; nil when `path` is no link (or not there).
    static func linkDestination(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The folder holding `path` (a link, so the folder exists), through `realpath`, so a relative destination
    /// with `..` means what the kernel would make of it.
    private static func realFolder(of path: String) -> String {
        let folder = splitPath(path).directory
        guard let real = realpath(folder, nil) else { return folder }
        defer { free(real) }
        let resolved = String(cString: real)
        return resolved == "/" ? "" : resolved
    }
}

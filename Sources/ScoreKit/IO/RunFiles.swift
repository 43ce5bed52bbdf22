#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files one run reads and writes, each named by what gave it (an option, an input), checked before anything
/// is read or fetched: every file a run writes must differ from every other file it writes and from every file it
/// reads, or the run would replace its own input, its policy, or one output with another.
///
/// Two names are one file when they reach the same device and inode (hard links, symbolic links, `./x` and `x`),
/// or, for a file that does not exist yet, the same absolute path once its folder's symbolic links are resolved.
public struct RunFiles: Sendable {
    /// A file and what names it in messages (`--output`, `an input`, `standard input`).
    public struct File: Sendable, Equatable {
        public var role: String
        /// The path as given; "-" for standard input.
        public var path: String
        /// A folder the run writes files into (`--photos`), rather than a file it replaces.
        public var isFolder: Bool

        /// `--output (scores.csv)`; standard input has no path to show.
        var label: String { path == "-" ? role : "\(role) (\(path))" }
    }

    public private(set) var written: [File] = []
    public private(set) var read: [File] = []

    public init() {}

    /// Notes a file (or, with `folder`, a folder) the run writes; nil is nothing.
    public mutating func writes(_ path: String?, as role: String, folder: Bool = false) {
        if let path { written.append(File(role: role, path: path, isFolder: folder)) }
    }

    /// Notes a file the run reads; nil is nothing, "-" is standard input.
    public mutating func reads(_ path: String?, as role: String) {
        if let path { read.append(File(role: role, path: path, isFolder: false)) }
    }

    /// Throws a usage error naming both files when a file written is another file written, or a file read; or
    /// naming one that is there but is no file (a folder where a file goes, a device, a FIFO).
    public func check(command: String) throws(UsageError) {
        for file in written {
            guard let kind = Self.wrongKind(file) else { continue }
            var message = "\(file.role) \(file.path) is \(kind), not a \(file.isFolder ? "folder" : "file"): "
            if file.isFolder {
                message += "pass a folder (a missing one is made)"
            } else if kind == "a directory" {
                message += "pass the path of a file"
            } else {
                // As root, renaming over /dev/null would put a regular file in its place.
                message += "a run writes a new file and renames it over the old one, which would replace it"
                if file.role == "--output" { message += "; leave out --output to write to standard output" }
            }
            throw UsageError(message, command: command)
        }
        let writtenIDs = written.map(Self.identity)
        let readIDs = read.map(Self.identity)
        for (index, file) in written.enumerated() {
            guard let id = writtenIDs[index] else { continue }
            if let other = writtenIDs.indices.first(where: { $0 > index && writtenIDs[$0] == id }) {
                throw UsageError(
                    "\(file.label) and \(written[other].label) are the same file: each file a run writes needs a "
                        + "name of its own", command: command)
            }
            if let other = readIDs.indices.first(where: { readIDs[$0] == id }) {
                throw UsageError(
                    "\(file.label) is the same file as \(read[other].label), which the run reads: it would be "
                        + "written over; choose another \(file.role)", command: command)
            }
        }
    }

    /// Removes what killed runs left in every folder the run writes to (beside each file it writes, and inside a
    /// folder it writes into): the `.scoreimport-` names nobody holds (``TemporaryFile/removeLeftovers(in:)``),
    /// and the `.NAME.tmp-` names release 0.2.0 gave beside these same files. Notes how many it removed.
    public func removeLeftovers(noting diagnostics: Diagnostics) {
        var folders: Set<String> = []
        var removed = 0
        for file in written {
            let (folder, name): (String, String?) = file.isFolder ? (file.path, nil) : splitPath(file.path)
            if folders.insert(folder).inserted { removed += TemporaryFile.removeLeftovers(in: folder) }
            if let name { removed += TemporaryFile.removeLeftovers(in: folder, prefix: ".\(name).tmp-") }
        }
        if removed > 0 {
            diagnostics.note("removed \(removed) temporary file(s) an earlier run left when it was stopped")
        }
    }

    /// What an existing written path is when it is not what the run writes there: a file, or a folder for
    /// `--photos`. Symbolic links are followed (a link to a file is replaced by the new file).
    static func wrongKind(_ file: File) -> String? {
        var info = stat()
        guard stat(file.path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return file.isFolder ? "a file" : nil
        case S_IFDIR: return file.isFolder ? nil : "a directory"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO (a pipe)"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// What makes two names one file.
    enum Identity: Hashable {
        /// An existing file: its device and inode.
        case inode(device: UInt64, inode: UInt64)
        /// A file not there yet: its absolute path, the folder's symbolic links resolved.
        case path(String)
    }

    /// The file's identity; nil for standard input when it is not a regular file (a pipe cannot be written over).
    static func identity(_ file: File) -> Identity? {
        var info = stat()
        if file.path == "-" {
            guard fstat(STDIN_FILENO, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            return .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }
        if stat(file.path, &info) == 0 { return .inode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)) }
        return .path(resolved(file.path))
    }

    /// The absolute path of a file that does not exist: its folder through `realpath` when the folder exists,
    /// else the path with `.` and `..` taken out.
    static func resolved(_ path: String) -> String {
        var absolute = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if getcwd(&buffer, buffer.count) != nil {
                let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                absolute = cwd + "/" + path
            }
        }
        let (directory, name) = splitPath(absolute)
        if let real = realpath(directory, nil) {
            defer { free(real) }
            let folder = String(cString: real)
            return (folder == "/" ? "" : folder) + "/" + name
        }
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }
}

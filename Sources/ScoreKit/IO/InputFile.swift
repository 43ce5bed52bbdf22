#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One input: a file, or standard input spooled to an unlinked temporary file so it can be read twice.
public final class InputFile: @unchecked Sendable {
    /// The path as given, or "<stdin>".
    public let name: String
    public private(set) var fd: Int32

    private init(name: String, fd: Int32) {
        self.name = name
        self.fd = fd
    }

    deinit { close(fd) }

    /// An input over an already spooled, seekable file descriptor, which it now owns.
    public convenience init(spooled fd: Int32, name: String) {
        self.init(name: name, fd: fd)
    }

    /// Opens `path` for reading ("-" is standard input).
    public static func open(_ path: String) throws(InputError) -> InputFile {
        if path == "-" { return try standardInput() }
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .missing(path) }
            throw .io(IOError("open", path: path, code: code))
        }
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw .io(IOError("read", path: path, code: EISDIR))
        }
        let file = InputFile(name: path, fd: fd)
        try file.spoolIfNotSeekable()
        return file
    }

    /// Standard input, spooled when it is a pipe or terminal.
    public static func standardInput() throws(InputError) -> InputFile {
        let fd = dup(STDIN_FILENO)
        guard fd >= 0 else { throw .io(IOError("read", path: "<stdin>", code: errno)) }
        let file = InputFile(name: "<stdin>", fd: fd)
        try file.spoolIfNotSeekable()
        return file
    }

    /// A source reading from the start of the input.
    public func source() throws(InputError) -> FileDescriptorSource {
        guard lseek(fd, 0, SEEK_SET) == 0 else { throw .io(IOError("seek", path: name, code: errno)) }
        return FileDescriptorSource(fd: fd, name: name)
    }

    /// Up to `count` bytes from the start, without moving the read position.
    public func prefix(_ count: Int) throws(InputError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, 0) }
        guard n >= 0 else { throw .io(IOError("read", path: name, code: errno)) }
        return Array(bytes[..<n])
    }

    /// Pipes cannot be read twice: copy them to a temporary file (mode 0600, unlinked at once).
    private func spoolIfNotSeekable() throws(InputError) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(IOError("stat", path: name, code: errno)) }
        if (info.st_mode & S_IFMT) == S_IFREG { return }
        let spool: Int32
        do {
            spool = try TemporaryFile.anonymous()
        } catch {
            throw .io(error)
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 {
                let code = errno
                close(spool)
                throw .io(IOError("read", path: name, code: code))
            }
            if n == 0 { break }
            do {
                try FileOutput.writeAll(spool, chunk[..<n], name: "spool file")
            } catch {
                close(spool)
                throw .io(error)
            }
        }
        close(fd)
        fd = spool
    }
}

/// Why an input could not be read: each maps to an exit status.
public enum InputError: Error, Sendable, CustomStringConvertible {
    /// The input file does not exist (exit 66).
    case missing(String)
    /// Reading failed (exit 74).
    case io(IOError)
    /// The document is malformed: a JSON or CSV syntax error, with its location (exit 65).
    case malformed(file: String, detail: String)
    /// The document is none of the kinds scoreimport reads (exit 65).
    case unrecognized(file: String, detail: String)
    /// The dates of a heading-based file fit more than one format (exit 65).
    case ambiguousDates(file: String, detail: String)
    /// `--sheet` names no worksheet of the workbook (exit 64); the detail lists the sheets.
    case sheetNotFound(file: String, detail: String)

    public var description: String {
        switch self {
        case .missing(let path): "\(path): no such file"
        case .io(let error): error.description
        case .malformed(let file, let detail): "\(file): malformed document: \(detail)"
        case .unrecognized(let file, let detail): "\(file): unrecognized document: \(detail)"
        case .ambiguousDates(let file, let detail): "\(file): ambiguous dates: \(detail)"
        case .sheetNotFound(let file, let detail): "\(file): \(detail)"
        }
    }
}

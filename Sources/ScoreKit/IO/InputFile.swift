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

    /// The input's size in bytes (0 when it cannot be told).
    public var size: Int {
        var info = stat()
        return fstat(fd, &info) == 0 ? Int(info.st_size) : 0
    }

    /// How far reading has got: the descriptor's offset (for progress; the reading thread moves it).
    public var position: Int { max(0, Int(lseek(fd, 0, SEEK_CUR))) }

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

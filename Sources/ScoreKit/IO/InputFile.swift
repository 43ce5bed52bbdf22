#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One input: a file, or a pipe (standard input, a FIFO) spooled to an unlinked temporary file so it can be read
/// twice. Nothing else is read: a device, a socket or a directory is refused before a byte is read (a device such as
/// /dev/zero would be spooled without end).
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
        // Looked at before opening: opening a device can do something (a tape rewinds).
        var info = stat()
        if stat(path, &info) == 0, let kind = refusedKind(info.st_mode, fd: -1) { throw .notAFile(path, kind: kind) }
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .missing(path) }
            throw .io(IOError("open", path: path, code: code))
        }
        let file = InputFile(name: path, fd: fd)
        try file.checkKindAndSpool()
        return file
    }

    /// Standard input: a file, or a pipe (spooled).
    public static func standardInput() throws(InputError) -> InputFile {
        let fd = dup(STDIN_FILENO)
        guard fd >= 0 else { throw .io(IOError("read", path: "<stdin>", code: errno)) }
        let file = InputFile(name: "<stdin>", fd: fd)
        try file.checkKindAndSpool()
        return file
    }

    /// What an input of this mode is when it is refused: anything but a regular file or a pipe.
    static func refusedKind(_ mode: mode_t, fd: Int32) -> String? {
        switch mode & S_IFMT {
        case S_IFREG, S_IFIFO: nil
        case S_IFDIR: "a directory"
        case S_IFCHR: fd >= 0 && isatty(fd) == 1 ? "a terminal" : "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
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

    /// Refuses what is neither a regular file nor a pipe; pipes cannot be read twice, so they are copied to a
    /// temporary file in TMPDIR (mode 0600, unlinked at once: a run that fails, however, leaves nothing there).
    private func checkKindAndSpool() throws(InputError) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(IOError("stat", path: name, code: errno)) }
        if let kind = Self.refusedKind(info.st_mode, fd: fd) { throw .notAFile(name, kind: kind) }
        if (info.st_mode & S_IFMT) == S_IFREG { return }
        let spool: Int32
        do {
            spool = try TemporaryFile.anonymous()
        } catch {
            throw .io(error)
        }
        do throws(IOError) {
            try Self.copy(from: fd, name: name, to: spool)
        } catch {
            close(spool)
            throw .io(error)
        }
        close(fd)
        fd = spool
    }

    /// Copies everything `source` holds to `spool`; a spool that cannot be written (a full TMPDIR) says where it
    /// was.
    static func copy(from source: Int32, name: String, to spool: Int32) throws(IOError) {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw IOError("read", path: name, code: errno) }
            if n == 0 { return }
            do {
                try FileOutput.writeAll(spool, chunk[..<n], name: "")
            } catch {
                throw IOError("spool \(name) to", path: "\(TemporaryFile.directory) (TMPDIR)", code: error.code)
            }
        }
    }
}

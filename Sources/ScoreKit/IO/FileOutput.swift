#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Low-level writes: every byte or an error.
public enum FileOutput {
    /// Writes all of `bytes` to `fd`, retrying short writes and EINTR.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, name: String) throws(IOError) {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress.unsafelyUnwrapped + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw IOError("write", path: name, code: errno)
            }
            offset += n
        }
    }

    /// Writes all of `bytes` to `fd`.
    public static func writeAll(_ fd: Int32, _ bytes: ArraySlice<UInt8>, name: String) throws(IOError) {
        var failure: IOError?
        bytes.withUnsafeBytes { raw in
            do throws(IOError) {
                try writeAll(fd, raw, name: name)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Copies `length` bytes from the start of `source` to `out`.
    public static func copy(from source: Int32, length: Int, to out: Int32, name: String) throws(IOError) {
        try copy(from: source, range: 0..<length, to: out, name: name)
    }

    /// Copies the bytes at `range` of `source` to `out`.
    public static func copy(from source: Int32, range: Range<Int>, to out: Int32, name: String) throws(IOError) {
        try forEachChunk(of: source, range: range) { (chunk) throws(IOError) in try writeAll(out, chunk, name: name) }
    }

    /// Adds the first `length` bytes of `source` to `crc`.
    public static func checksum(_ source: Int32, length: Int, into crc: inout CRC32) throws(IOError) {
        var running = crc
        try forEachChunk(of: source, range: 0..<length) { (chunk) throws(IOError) in
            chunk.withUnsafeBytes { running.update($0) }
        }
        crc = running
    }

    /// Reads `range` of `source` in 64 KiB chunks.
    private static func forEachChunk(
        of source: Int32, range: Range<Int>, _ body: (ArraySlice<UInt8>) throws(IOError) -> Void
    ) throws(IOError) {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = range.lowerBound
        while offset < range.upperBound {
            let want = min(chunk.count, range.upperBound - offset)
            let got = chunk.withUnsafeMutableBytes { pread(source, $0.baseAddress, want, off_t(offset)) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw IOError("read", path: "staging file", code: got < 0 ? errno : EIO) }
            try body(chunk[..<got])
            offset += got
        }
    }

    /// Writes a buffer's bytes and empties it.
    public static func drain(_ buffer: inout OutputBuffer, to fd: Int32, name: String) throws(IOError) {
        try writeAll(fd, UnsafeRawBufferPointer(buffer.bytes), name: name)
        buffer.removeAll()
    }
}

/// The directory and the last component of a path ("." for a bare name, "/" at the root).
public func splitPath(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
}

/// Temporary files for personal data: mode 0600, never left behind.
public enum TemporaryFile {
    /// The directory for spool files: $TMPDIR or /tmp.
    static var directory: String {
        if let dir = getenv("TMPDIR").map({ String(cString: $0) }), !dir.isEmpty { return dir }
        return "/tmp"
    }

    /// An open read-write file with no name: created 0600 and unlinked at once.
    public static func anonymous() throws(IOError) -> Int32 {
        let (fd, path) = try create(in: directory, prefix: ".scoreimport-spool")
        unlink(path)
        return fd
    }

    /// Creates `DIR/PREFIX-XXXXXX` with mode 0600; returns the descriptor and the path.
    public static func create(in directory: String, prefix: String) throws(IOError) -> (Int32, String) {
        var template = Array("\(directory)/\(prefix)-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress.unsafelyUnwrapped) }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard fd >= 0 else { throw IOError("create a temporary file in", path: directory, code: errno) }
        fchmod(fd, 0o600)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        return (fd, path)
    }
}

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

    /// Copies the bytes at `range` of `source` to `out`: in the kernel (sendfile) where `out` allows it, so the
    /// bytes never pass through this process, else through a buffer.
    public static func copy(from source: Int32, range: Range<Int>, to out: Int32, name: String) throws(IOError) {
        var offset = off_t(range.lowerBound)
        let end = off_t(range.upperBound)
        while offset < end {
            let sent = sendfile(out, source, &offset, Int(min(end - offset, 1 << 30)))
            if sent > 0 { continue }
            if sent < 0 && errno == EINTR { continue }
            // Not every kind of output takes sendfile: copy the rest through a buffer.
            if sent < 0 && (errno == EINVAL || errno == ENOSYS) { break }
            // The source ended before the range did.
            if sent == 0 { throw IOError("read", path: "staging file", code: EIO) }
            throw IOError("write", path: name, code: errno)
        }
        guard offset < end else { return }
        try forEachChunk(of: source, range: Int(offset)..<range.upperBound) { (chunk) throws(IOError) in
            try writeAll(out, chunk, name: name)
        }
    }

    /// Reads `range` of `source` in 64 KiB chunks.
    static func forEachChunk(
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

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor from a given offset with pread(2), leaving the descriptor's own offset alone, so that
/// two threads can read two parts of one file at once. It does not own the descriptor.
struct PositionedSource: ByteSource {
    let fd: Int32
    private(set) var offset: Int
    let name: String

    init(fd: Int32, offset: Int, name: String) {
        self.fd = fd
        self.offset = offset
        self.name = name
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int {
        while true {
            let n = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 {
                offset += n
                return n
            }
            if errno == EINTR { continue }
            throw IOError("read", path: name, code: errno)
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fingerprint of a page's records, to notice a service sending the same page again and again.
///
/// It covers the body from the records array on (metadata before it, such as a request id, differs on every
/// answer): its length, its first MiB and its last 64 KiB. Two different pages of records differ in their first
/// records, so reading the whole body (up to --max-body) is not needed.
struct PageDigest: Hashable {
    var length: Int
    var head: UInt64
    var tail: UInt64

    /// The digest of `file` from byte `offset`, or nil when it cannot be read.
    init?(_ file: InputFile, from offset: Int) {
        var info = stat()
        guard fstat(file.fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        length = max(0, size - offset)
        guard let head = Self.hash(file.fd, from: offset, count: min(length, 1 << 20)),
            let tail = Self.hash(file.fd, from: max(offset, size - (1 << 16)), count: min(length, 1 << 16))
        else { return nil }
        self.head = head
        self.tail = tail
    }

    private static func hash(_ fd: Int32, from offset: Int, count: Int) -> UInt64? {
        var hasher = FNV1a()
        var buffer = [UInt8](repeating: 0, count: min(count, 1 << 16))
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress, min($0.count, count - done), off_t(offset + done))
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return n == 0 ? hasher.value : nil }
            hasher.combine(buffer[..<n])
            done += n
        }
        return hasher.value
    }
}

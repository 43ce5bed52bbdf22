#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An append-only temporary file (0600, unlinked) that keeps per-record bookkeeping off the heap, so memory
/// does not grow with the input. Written once, then read back sequentially, as often as needed.
final class Spill {
    private let fd: Int32
    /// Small: a run may hold 64 of these (the duplicate index's partitions), and they never grow.
    private static let bufferSize = 1 << 14
    private var buffer = OutputBuffer(capacity: Spill.bufferSize)
    private(set) var count = 0

    init() throws(IOError) {
        fd = try TemporaryFile.anonymous()
    }

    deinit { close(fd) }

    func append(_ bytes: UnsafeRawBufferPointer) throws(IOError) {
        if buffer.count + bytes.count > Self.bufferSize { try FileOutput.drain(&buffer, to: fd, name: "spill file") }
        buffer.append(bytes.assumingMemoryBound(to: UInt8.self))
        count += 1
    }

    func append<T: FixedWidthInteger>(integer value: T) throws(IOError) {
        var value = value.littleEndian
        try withUnsafeBytes(of: &value) { (bytes) throws(IOError) in try append(bytes) }
    }

    /// Flushes and returns every byte written, for a spill small enough to hold at once (a partition).
    func contents() throws(IOError) -> [UInt8] {
        try FileOutput.drain(&buffer, to: fd, name: "spill file")
        let length = Int(lseek(fd, 0, SEEK_END))
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let got = bytes.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress.unsafelyUnwrapped + done, length - done, off_t(done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw IOError("read", path: "spill file", code: got < 0 ? errno : EIO) }
            done += got
        }
        return bytes
    }

    /// Flushes and returns a reader from the start.
    func reader() throws(IOError) -> SpillReader {
        try FileOutput.drain(&buffer, to: fd, name: "spill file")
        return SpillReader(fd: fd)
    }
}

/// Reads a spill file from the start in 64 KiB chunks.
struct SpillReader: ~Copyable {
    private let fd: Int32
    private var offset: off_t = 0
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var pos = 0
    private var end = 0

    init(fd: Int32) {
        self.fd = fd
    }

    /// The next `count` bytes, or nil at the end.
    mutating func read(_ count: Int) throws(IOError) -> ArraySlice<UInt8>? {
        if count > chunk.count {
            // A value larger than the chunk (a record with a photo): grow to fit it.
            chunk.append(contentsOf: repeatElement(0, count: count - chunk.count))
        }
        if end - pos < count {
            chunk.replaceSubrange(0..<(end - pos), with: chunk[pos..<end])
            end -= pos
            pos = 0
            while end < count {
                let got = chunk.withUnsafeMutableBytes {
                    pread(fd, $0.baseAddress.unsafelyUnwrapped + end, $0.count - end, offset)
                }
                if got < 0 {
                    if errno == EINTR { continue }
                    throw IOError("read", path: "spill file", code: errno)
                }
                if got == 0 { return nil }
                offset += off_t(got)
                end += got
            }
        }
        defer { pos += count }
        return chunk[pos..<pos + count]
    }

    mutating func readInteger<T: FixedWidthInteger>(_: T.Type) throws(IOError) -> T? {
        guard let bytes = try read(MemoryLayout<T>.size) else { return nil }
        var value: T = 0
        for (index, byte) in bytes.enumerated() { value |= T(byte) << (8 * index) }
        return value
    }
}

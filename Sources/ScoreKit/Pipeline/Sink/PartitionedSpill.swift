#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Append-only spills split into partitions, all in one temporary file (0600, unlinked): each partition fills a
/// small buffer of its own, which goes to the end of the file as a chunk when full, and a partition is read back
/// whole by gathering its chunks. One file rather than one per partition spares a run dozens of files to create,
/// lock and close.
final class PartitionedSpill {
    private let fd: Int32
    private let partitions: Int
    /// Each partition's buffer, one after another, and how much of each is filled.
    private let buffers: UnsafeMutablePointer<UInt8>
    private var filled: [Int]
    /// Where each partition's flushed chunks are in the file: (offset, length).
    private var chunks: [[(offset: Int, length: Int)]]
    private var fileLength = 0
    /// Entries appended to each partition.
    private(set) var counts: [Int]
    /// Small: memory stays a partition count times this, however many records the run holds.
    private static let bufferSize = 1 << 14

    init(partitions: Int) throws(IOError) {
        self.partitions = max(1, partitions)
        fd = try TemporaryFile.anonymous()
        buffers = .allocate(capacity: self.partitions * Self.bufferSize)
        filled = Array(repeating: 0, count: self.partitions)
        chunks = Array(repeating: [], count: self.partitions)
        counts = Array(repeating: 0, count: self.partitions)
    }

    deinit {
        close(fd)
        buffers.deallocate()
    }

    /// Appends one entry to `partition`.
    func append(_ bytes: UnsafeRawBufferPointer, to partition: Int) throws(IOError) {
        if filled[partition] + bytes.count > Self.bufferSize { try flush(partition) }
        counts[partition] += 1
        guard bytes.count <= Self.bufferSize else {
            // Larger than the buffer (an id of kilobytes): a chunk of its own.
            try write(bytes, partition: partition)
            return
        }
        let buffer = buffers + partition * Self.bufferSize
        if let base = bytes.baseAddress {
            UnsafeMutableRawPointer(buffer + filled[partition]).copyMemory(from: base, byteCount: bytes.count)
        }
        filled[partition] += bytes.count
    }

    /// Every byte appended to `partition`, in order.
    func contents(of partition: Int) throws(IOError) -> [UInt8] {
        let length = chunks[partition].reduce(0) { $0 + $1.length } + filled[partition]
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        for chunk in chunks[partition] {
            var read = 0
            while read < chunk.length {
                let got = bytes.withUnsafeMutableBytes { raw in
                    let into = raw.baseAddress.unsafelyUnwrapped + done + read
                    return pread(fd, into, chunk.length - read, off_t(chunk.offset + read))
                }
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { throw IOError("read", path: "spill file", code: got < 0 ? errno : EIO) }
                read += got
            }
            done += chunk.length
        }
        bytes.withUnsafeMutableBytes {
            ($0.baseAddress.unsafelyUnwrapped + done).copyMemory(
                from: buffers + partition * Self.bufferSize, byteCount: filled[partition])
        }
        return bytes
    }

    private func flush(_ partition: Int) throws(IOError) {
        let buffer = UnsafeRawBufferPointer(start: buffers + partition * Self.bufferSize, count: filled[partition])
        try write(buffer, partition: partition)
        filled[partition] = 0
    }

    /// Writes `bytes` at the end of the file as the next chunk of `partition`.
    private func write(_ bytes: UnsafeRawBufferPointer, partition: Int) throws(IOError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var written = 0
        while written < bytes.count {
            let n = pwrite(fd, base + written, bytes.count - written, off_t(fileLength + written))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw IOError("write", path: "spill file", code: n < 0 ? errno : EIO) }
            written += n
        }
        chunks[partition].append((fileLength, bytes.count))
        fileLength += bytes.count
    }
}

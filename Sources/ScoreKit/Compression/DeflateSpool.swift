#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Compresses bytes as they come into an unlinked temporary file (mode 0600), as raw deflate ending on a full flush:
/// the data is meant for the middle of a longer deflate stream (`prefix ++ spool ++ suffix`, only the suffix final),
/// so the XLSX writer can compress the rows while they stream and write the sheet's start only when it is known.
final class DeflateSpool {
    private let fd: Int32
    private let deflater: Deflater
    private var pending: [UInt8] = []
    /// Input bytes taken, and their CRC-32.
    private(set) var count = 0
    private(set) var crc = CRC32()
    /// Compressed bytes written.
    private(set) var length = 0

    init(level: Int32) throws(IOError) {
        fd = try TemporaryFile.anonymous()
        do {
            deflater = try Deflater(level: level, name: "XLSX staging file")
        } catch {
            close(fd)
            throw error
        }
        pending.reserveCapacity(1 << 18)
    }

    deinit { close(fd) }

    /// Compresses the next input bytes.
    func append(_ bytes: UnsafeRawBufferPointer) throws(IOError) {
        crc.update(bytes)
        count += bytes.count
        try deflater.compress(bytes, flush: .none) { (chunk) throws(IOError) in try self.spool(chunk) }
    }

    /// Ends the data on a byte boundary; call once, after the last `append`.
    func finish() throws(IOError) {
        try deflater.compress(UnsafeRawBufferPointer(start: nil, count: 0), flush: .full) {
            (chunk) throws(IOError) in try self.spool(chunk)
        }
        try drain()
    }

    /// Writes the compressed data to `out`.
    func write(to out: Int32, name: String) throws(IOError) {
        try FileOutput.copy(from: fd, length: length, to: out, name: name)
    }

    private func spool(_ chunk: UnsafeRawBufferPointer) throws(IOError) {
        pending.append(contentsOf: chunk)
        if pending.count >= 1 << 18 { try drain() }
    }

    private func drain() throws(IOError) {
        try FileOutput.writeAll(fd, pending[...], name: "XLSX staging file")
        length += pending.count
        pending.removeAll(keepingCapacity: true)
    }
}

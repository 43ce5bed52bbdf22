import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming raw deflate compressor (RFC 1951, the form ZIP stores) over the system zlib. Output is handed to the
/// caller in chunks as it is produced, so memory is zlib's state and one chunk whatever the input's size.
public final class Deflater {
    /// How far to flush after the input given.
    public enum Flush: Sendable {
        /// Keep data back for better compression.
        case none
        /// Emit everything so far, ending on a byte boundary (an empty stored block); later data may still refer
        /// back to it.
        case sync
        /// As `sync`, and forget the history: what follows can be decoded without what came before, so pieces
        /// compressed this way can be cut apart or concatenated.
        case full
        /// End the stream with a final block.
        case finish

        var zlib: Int32 {
            switch self {
            case .none: Z_NO_FLUSH
            case .sync: Z_SYNC_FLUSH
            case .full: Z_FULL_FLUSH
            case .finish: Z_FINISH
            }
        }
    }

    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    private let name: String
    private var open = false

    /// A compressor at zlib `level` (1 fastest to 9 smallest); `name` is the output's, for messages.
    public init(level: Int32, name: String) throws(IOError) {
        self.name = name
        stream.initialize(to: z_stream())
        guard czlib_deflate_init_raw(stream, level) == Z_OK else {
            throw IOError("start compressing", path: name, code: ENOMEM)
        }
        open = true
    }

    deinit {
        if open { deflateEnd(stream) }
        stream.deallocate()
        chunk.deallocate()
    }

    /// Bytes taken in and given out since the start (or the last reset).
    public var totalIn: Int { Int(stream.pointee.total_in) }
    public var totalOut: Int { Int(stream.pointee.total_out) }

    /// Compresses `input`, then flushes as asked, handing every chunk of output to `output`.
    public func compress(
        _ input: UnsafeRawBufferPointer, flush: Flush = .none,
        output: (UnsafeRawBufferPointer) throws(IOError) -> Void
    ) throws(IOError) {
        var remaining = input
        repeat {
            // zlib counts input in 32 bits.
            let piece = UnsafeRawBufferPointer(rebasing: remaining.prefix(1 << 30))
            remaining = UnsafeRawBufferPointer(rebasing: remaining.dropFirst(piece.count))
            stream.pointee.next_in = UnsafeMutablePointer(
                mutating: piece.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.pointee.avail_in = UInt32(piece.count)
            let mode = remaining.isEmpty ? flush.zlib : Z_NO_FLUSH
            while true {
                stream.pointee.next_out = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self)
                stream.pointee.avail_out = UInt32(chunk.count)
                let status = deflate(stream, mode)
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw IOError("compress (zlib error \(status))", path: name, code: EIO)
                }
                let produced = chunk.count - Int(stream.pointee.avail_out)
                if produced > 0 { try output(UnsafeRawBufferPointer(rebasing: chunk[..<produced])) }
                // A full chunk may have more behind it; otherwise zlib has taken all input and done the flush.
                if stream.pointee.avail_out != 0 && (mode != Z_FINISH || status == Z_STREAM_END) { break }
            }
        } while !remaining.isEmpty
        stream.pointee.next_in = nil
    }

    /// Compresses `bytes` with `flush`, returning the output.
    public func compress(_ bytes: [UInt8], flush: Flush) throws(IOError) -> [UInt8] {
        var out: [UInt8] = []
        var failure: IOError?
        bytes.withUnsafeBytes { raw in
            do throws(IOError) {
                try compress(raw, flush: flush) { (chunk) throws(IOError) in out.append(contentsOf: chunk) }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return out
    }

    /// Starts a new stream with no history, keeping the level (cheaper than a new compressor).
    public func reset() {
        deflateReset(stream)
    }
}

import CZlib

/// A streaming raw deflate decompressor (RFC 1951) over the system zlib. The caller brings both buffers, so memory
/// is zlib's state (a 32 KiB window) whatever the stream's size; damaged data is an error, never a crash.
public final class Inflater {
    /// Why inflating stopped.
    public enum Failure: Error, Sendable, Equatable {
        /// The data is not valid deflate; zlib's reason ("invalid distance too far back").
        case corrupt(String)
        /// zlib could not allocate its state.
        case outOfMemory
    }

    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var open = false
    /// Whether the final block has been decoded.
    public private(set) var finished = false

    public init() throws(Failure) {
        stream.initialize(to: z_stream())
        guard czlib_inflate_init_raw(stream) == Z_OK else {
            stream.deallocate()
            throw .outOfMemory
        }
        open = true
    }

    deinit {
        if open { inflateEnd(stream) }
        stream.deallocate()
    }

    /// Inflates from `input` into `output` as far as both allow; returns the bytes consumed and produced. Both are
    /// zero only when the stream has ended or `input` is empty and nothing is pending.
    public func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(Failure)
        -> (consumed: Int, produced: Int)
    {
        guard !finished, output.count > 0 else { return (0, 0) }
        let inCount = min(input.count, Int(UInt32.max))
        let outCount = min(output.count, Int(UInt32.max))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = UInt32(inCount)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(outCount)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let consumed = inCount - Int(stream.pointee.avail_in)
        let produced = outCount - Int(stream.pointee.avail_out)
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        switch status {
        case Z_OK, Z_BUF_ERROR:
            return (consumed, produced)
        case Z_STREAM_END:
            finished = true
            return (consumed, produced)
        case Z_MEM_ERROR:
            throw .outOfMemory
        default:
            let reason = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw .corrupt(reason)
        }
    }
}

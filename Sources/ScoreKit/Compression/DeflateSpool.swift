#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Compresses bytes as they come into an unlinked temporary file (mode 0600), as raw deflate in segments that each
/// end on a full flush. A segment decodes without the ones before it, so at the end the data can be copied out as it
/// is, or with byte ranges left out by recompressing only the segments those ranges touch. No segment is final: the
/// data is meant for the middle of a longer deflate stream (`prefix ++ spool ++ suffix`, only the suffix final).
final class DeflateSpool {
    /// A run of input compressed into one independent piece of the spool file.
    struct Segment {
        /// Where its input starts in the whole input, and how long it is.
        var start = 0
        var count = 0
        /// Where its output starts in the spool file, and how long it is.
        var offset = 0
        var length = 0
        var crc = CRC32()
    }

    /// The deflate data to write out: pieces of the spool or of a second file of recompressed segments.
    struct Output {
        fileprivate var pieces: [(fd: Int32, range: Range<Int>)] = []
        /// Compressed bytes in all.
        var length = 0
        /// Input bytes they decode to, and their CRC-32.
        var count = 0
        var crc = CRC32()
    }

    private let fd: Int32
    private var redone: Int32 = -1
    private let deflater: Deflater
    private let level: Int32
    private let segmentSize: Int
    private var segments: [Segment] = []
    private var current = Segment()
    private var pending: [UInt8] = []
    private var written = 0

    /// `segmentSize` input bytes go into each segment: a larger one compresses a little better, a smaller one
    /// costs less to redo when a range in it is dropped.
    init(level: Int32, segmentSize: Int = 4 << 20) throws(IOError) {
        fd = try TemporaryFile.anonymous()
        do {
            deflater = try Deflater(level: level, name: "XLSX staging file")
        } catch {
            close(fd)
            throw error
        }
        self.level = level
        self.segmentSize = segmentSize
        pending.reserveCapacity(1 << 18)
    }

    deinit {
        close(fd)
        if redone >= 0 { close(redone) }
    }

    /// Compresses the next input bytes.
    func append(_ bytes: UnsafeRawBufferPointer) throws(IOError) {
        var rest = bytes
        while !rest.isEmpty {
            let take = min(rest.count, segmentSize - current.count)
            let piece = UnsafeRawBufferPointer(rebasing: rest.prefix(take))
            rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(take))
            current.crc.update(piece)
            current.count += take
            let ends = current.count == segmentSize
            try deflater.compress(piece, flush: ends ? .full : .none) { (chunk) throws(IOError) in
                try self.spool(chunk)
            }
            if ends { try endSegment() }
        }
    }

    /// Ends the last segment; call once, after the last `append`.
    func finish() throws(IOError) {
        if current.count > 0 {
            try deflater.compress(UnsafeRawBufferPointer(start: nil, count: 0), flush: .full) {
                (chunk) throws(IOError) in try self.spool(chunk)
            }
            try endSegment()
        }
        try drain()
    }

    /// The compressed data without the input bytes in `dropped` (sorted, disjoint ranges of the whole input).
    func output(dropping dropped: [Range<Int>]) throws(IOError) -> Output {
        var output = Output()
        var next = dropped[...]
        for segment in segments {
            let end = segment.start + segment.count
            while let first = next.first, first.upperBound <= segment.start { next = next.dropFirst() }
            let inside = next.prefix { $0.lowerBound < end }
            if inside.isEmpty {
                output.pieces.append((fd, segment.offset..<segment.offset + segment.length))
                output.length += segment.length
                output.count += segment.count
                output.crc.append(segment.crc.value, length: segment.count)
            } else {
                try redo(segment, dropping: Array(inside), into: &output)
            }
        }
        return output
    }

    /// Writes `output` to `out`.
    func write(_ output: Output, to out: Int32, name: String) throws(IOError) {
        for piece in output.pieces { try FileOutput.copy(from: piece.fd, range: piece.range, to: out, name: name) }
    }

    private func spool(_ chunk: UnsafeRawBufferPointer) throws(IOError) {
        pending.append(contentsOf: chunk)
        if pending.count >= 1 << 18 { try drain() }
    }

    private func drain() throws(IOError) {
        try FileOutput.writeAll(fd, pending[...], name: "XLSX staging file")
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    private func endSegment() throws(IOError) {
        let end = written + pending.count
        current.length = end - current.offset
        segments.append(current)
        current = Segment(start: current.start + current.count, count: 0, offset: end)
    }

    /// Decompresses `segment`, leaves out `dropped`, and compresses the rest into the second file.
    private func redo(_ segment: Segment, dropping dropped: [Range<Int>], into output: inout Output) throws(IOError) {
        if redone < 0 { redone = try TemporaryFile.anonymous() }
        let target = redone
        let start = Int(lseek(target, 0, SEEK_END))
        let compressor = try Deflater(level: level, name: "XLSX staging file")
        var crc = CRC32()
        var count = 0
        var length = 0
        let emit = { (chunk: UnsafeRawBufferPointer) throws(IOError) in
            try FileOutput.writeAll(target, chunk, name: "XLSX staging file")
            length += chunk.count
        }
        var position = segment.start
        try inflate(segment) { (plain) throws(IOError) in
            // Keep the parts of `plain` (which starts at `position`) outside every dropped range.
            var from = position
            let end = position + plain.count
            for range in dropped where range.upperBound > from && range.lowerBound < end {
                if range.lowerBound > from {
                    let kept = UnsafeRawBufferPointer(
                        rebasing: plain[(from - position)..<(range.lowerBound - position)])
                    crc.update(kept)
                    count += kept.count
                    try compressor.compress(kept, output: emit)
                }
                from = min(end, range.upperBound)
            }
            if from < end {
                let kept = UnsafeRawBufferPointer(rebasing: plain[(from - position)...])
                crc.update(kept)
                count += kept.count
                try compressor.compress(kept, output: emit)
            }
            position = end
        }
        try compressor.compress(UnsafeRawBufferPointer(start: nil, count: 0), flush: .full, output: emit)
        output.pieces.append((target, start..<start + length))
        output.length += length
        output.count += count
        output.crc.append(crc.value, length: count)
    }

    /// Decompresses one segment, handing its bytes to `body` in order.
    private func inflate(_ segment: Segment, _ body: (UnsafeRawBufferPointer) throws(IOError) -> Void)
        throws(IOError)
    {
        let failed = IOError("decompress", path: "XLSX staging file", code: EIO)
        guard let inflater = try? Inflater() else { throw failed }
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        let plain = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer {
            input.deallocate()
            plain.deallocate()
        }
        var offset = segment.offset
        var produced = 0
        while offset < segment.offset + segment.length {
            let want = min(input.count, segment.offset + segment.length - offset)
            let got = pread(fd, input.baseAddress, want, off_t(offset))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw IOError("read", path: "XLSX staging file", code: got < 0 ? errno : EIO) }
            offset += got
            var consumed = 0
            var step: (consumed: Int, produced: Int)
            repeat {
                do {
                    step = try inflater.inflate(UnsafeRawBufferPointer(rebasing: input[consumed..<got]), into: plain)
                } catch {
                    throw failed
                }
                consumed += step.consumed
                produced += step.produced
                if step.produced > 0 { try body(UnsafeRawBufferPointer(rebasing: plain[..<step.produced])) }
            } while step.consumed + step.produced > 0 && (consumed < got || step.produced == plain.count)
        }
        guard produced == segment.count else { throw failed }
    }
}

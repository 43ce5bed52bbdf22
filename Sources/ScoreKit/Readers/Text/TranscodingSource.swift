#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads UTF-16, Windows-1252 or Mac Roman text from another source and hands it out as UTF-8, a chunk at a time:
/// memory stays at one 64 KiB buffer whatever the size of the input.
///
/// Nothing is ever replaced: input that is not valid in its encoding (an unpaired surrogate, an odd number of
/// bytes of UTF-16) stops the read with an `IOError` whose code is `EILSEQ` and whose operation is the problem and
/// its byte offset, which readers turn into a "malformed document" error.
final class TranscodingSource: ByteSource {
    private var inner: any ByteSource
    private let encoding: TextEncoding
    /// Bytes 0x80-0xFF of a single-byte encoding (``TextEncoding/highHalf``).
    private let highHalf: [UInt16]
    private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
    private var pos = 0
    private var end = 0
    private var atEOF = false
    /// Input bytes dropped from the front of `input` so far, for offsets in messages.
    private var consumed = 0
    private var skip: Int
    private let name: String
    /// The option that chose the encoding (`--input-encoding utf-16`), named when the text is not valid in it.
    private let option: String?

    /// Reads `inner` as `encoding`, first skipping `skipping` bytes (its byte order mark); `option` is the option
    /// that chose the encoding, if one did.
    init(_ inner: any ByteSource, encoding: TextEncoding, skipping: Int = 0, name: String, option: String? = nil) {
        self.inner = inner
        self.option = option
        self.encoding = encoding
        highHalf = encoding.highHalf ?? []
        self.skip = skipping
        self.name = name
    }

    deinit { input.deallocate() }

    /// Decoded bytes that did not fit the last, small, read.
    private var carry: [UInt8] = []

    func read(into out: UnsafeMutableRawBufferPointer) throws(IOError) -> Int {
        guard let target = out.baseAddress?.assumingMemoryBound(to: UInt8.self), out.count > 0 else { return 0 }
        if !carry.isEmpty {
            let count = min(carry.count, out.count)
            for index in 0..<count { target[index] = carry[index] }
            carry.removeFirst(count)
            return count
        }
        if out.count < 16 {
            // Room for less than a character or two: decode into a scratch buffer and keep what does not fit.
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 1)
            defer { scratch.deallocate() }
            let n = try decode(into: scratch)
            let count = min(n, out.count)
            for index in 0..<count { target[index] = scratch[index] }
            carry = Array(scratch[count..<n])
            return count
        }
        return try decode(into: out)
    }

    /// Decodes into `out`, which has room for at least 16 bytes; 0 only at the end of the input.
    private func decode(into out: UnsafeMutableRawBufferPointer) throws(IOError) -> Int {
        let target = out.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
        var written = 0
        while written + 4 <= out.count {
            if end - pos < 4 && !atEOF {
                try refill()
                continue
            }
            if pos == end { break }
            switch encoding {
            case .windows1252, .macRoman: written = decodeSingleByte(into: target, at: written, limit: out.count)
            case .utf16(let bigEndian):
                written = try decodeUTF16(into: target, at: written, limit: out.count, bigEndian)
            case .utf8: written = copy(into: target, at: written, limit: out.count)
            }
        }
        return written
    }

    /// Moves what is left to the front and reads more.
    private func refill() throws(IOError) {
        let base = input.baseAddress.unsafelyUnwrapped
        if pos > 0 {
            memmove(base, base + pos, end - pos)
            end -= pos
            consumed += pos
            pos = 0
        }
        let n = try inner.read(into: UnsafeMutableRawBufferPointer(start: base + end, count: input.count - end))
        if n == 0 {
            atEOF = true
        } else {
            end += n
        }
        if skip > 0 {
            let dropped = min(skip, end - pos)
            pos += dropped
            skip -= dropped
        }
    }

    private func byte(_ index: Int) -> UInt8 { input[index] }

    private func copy(into out: UnsafeMutablePointer<UInt8>, at start: Int, limit: Int) -> Int {
        let count = min(limit - start, end - pos)
        (out + start).update(
            from: input.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self) + pos, count: count)
        pos += count
        return start + count
    }

    private func decodeSingleByte(into out: UnsafeMutablePointer<UInt8>, at start: Int, limit: Int) -> Int {
        var written = start
        // Locals, not the properties: the loop then keeps them in registers.
        var at = pos
        let end = self.end
        let input = self.input
        highHalf.withUnsafeBufferPointer { high in
            while at < end && written + 3 <= limit {
                let b = input[at]
                at += 1
                if b < 0x80 {
                    out[written] = b
                    written += 1
                    continue
                }
                written = Self.appendUTF8(UInt32(high[Int(b & 0x7F)]), to: out, at: written)
            }
        }
        pos = at
        return written
    }

    private func decodeUTF16(into out: UnsafeMutablePointer<UInt8>, at start: Int, limit: Int, _ bigEndian: Bool)
        throws(IOError) -> Int
    {
        var written = start
        func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(input[at]) << 8 | UInt32(input[at + 1]) : UInt32(input[at + 1]) << 8 | UInt32(input[at])
        }
        while written + 4 <= limit {
            guard end - pos >= 2 else {
                if atEOF && end > pos { throw failure("an odd number of bytes at the end", at: pos) }
                break
            }
            let first = unit(pos)
            if first < 0x80 {
                out[written] = UInt8(first)
                written += 1
                pos += 2
                continue
            }
            if first >= 0xD800 && first <= 0xDFFF {
                guard first <= 0xDBFF else { throw failure("a low surrogate without a high one", at: pos) }
                guard end - pos >= 4 else {
                    if atEOF { throw failure("a high surrogate at the end of the text", at: pos) }
                    break
                }
                let second = unit(pos + 2)
                guard second >= 0xDC00 && second <= 0xDFFF else {
                    throw failure("a high surrogate without a low one", at: pos)
                }
                written = Self.appendUTF8(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), to: out, at: written)
                pos += 4
                continue
            }
            written = Self.appendUTF8(first, to: out, at: written)
            pos += 2
        }
        return written
    }

    private func failure(_ problem: String, at index: Int) -> IOError {
        let given = option.map { ", as \($0) says to read it" } ?? ""
        let hint = option == nil ? "" : "; drop --input-encoding unless the file is in that encoding"
        return IOError(
            "not valid \(encoding.name)\(given): \(problem) at byte \(consumed + index)\(hint)", path: name,
            code: EILSEQ)
    }

    /// Appends the UTF-8 form of `scalar` (a valid Unicode scalar value); returns the new count.
    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>, at index: Int) -> Int {
        switch scalar {
        case 0..<0x80:
            out[index] = UInt8(scalar)
            return index + 1
        case 0x80..<0x800:
            out[index] = UInt8(0xC0 | scalar >> 6)
            out[index + 1] = UInt8(0x80 | scalar & 0x3F)
            return index + 2
        case 0x800..<0x10000:
            out[index] = UInt8(0xE0 | scalar >> 12)
            out[index + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[index + 2] = UInt8(0x80 | scalar & 0x3F)
            return index + 3
        default:
            out[index] = UInt8(0xF0 | scalar >> 18)
            out[index + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            out[index + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            out[index + 3] = UInt8(0x80 | scalar & 0x3F)
            return index + 4
        }
    }
}

extension IOError {
    /// Whether this is a decoding failure from ``TranscodingSource`` (its operation then describes it).
    var isDecodingFailure: Bool { code == EILSEQ }
}

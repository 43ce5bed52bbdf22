/// Checks that bytes are well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates, nothing past
/// U+10FFFF) as they arrive in chunks; a sequence may be split between two chunks. ASCII goes eight bytes at a time.
struct UTF8Validator {
    /// The offset of the first byte that is not part of well-formed UTF-8, once one is found.
    private(set) var firstInvalid: Int?
    /// Bytes seen before the current chunk.
    private var offset = 0
    /// The start of a sequence the last chunk cut off, waiting for the rest.
    private var pending: [UInt8] = []

    /// Checks the next chunk.
    mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        guard firstInvalid == nil, let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            offset += chunk.count
            return
        }
        var start = 0
        if !pending.isEmpty {
            // Complete the cut-off sequence with the chunk's first bytes.
            let needed = Self.length(of: pending[0]) - pending.count
            let taken = min(needed, chunk.count)
            let joined = pending + Array(UnsafeBufferPointer(start: base, count: taken))
            let pendingStart = offset - pending.count
            pending = []
            let end = joined.withUnsafeBufferPointer { Self.scan($0.baseAddress.unsafelyUnwrapped, 0, joined.count) }
            if case .invalid(let at) = end {
                firstInvalid = pendingStart + at
                offset += chunk.count
                return
            }
            if case .cut = end {
                pending = joined
                offset += chunk.count
                return
            }
            start = taken
        }
        switch Self.scan(base, start, chunk.count) {
        case .valid: break
        case .invalid(let at): firstInvalid = offset + at
        case .cut(let at): pending = Array(UnsafeBufferPointer(start: base + at, count: chunk.count - at))
        }
        offset += chunk.count
    }

    /// Ends the input: a sequence still waiting for its last bytes is invalid.
    mutating func finish() {
        if firstInvalid == nil && !pending.isEmpty { firstInvalid = offset - pending.count }
        pending = []
    }

    /// Whether all of `bytes` is well-formed UTF-8.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        if case .valid = scan(base, 0, bytes.count) { return true }
        return false
    }

    private enum Outcome {
        case valid
        /// The byte at this index starts no well-formed sequence.
        case invalid(Int)
        /// A sequence starting at this index runs past the end.
        case cut(Int)
    }

    /// The sequence length a lead byte announces; 0 for a byte no sequence starts with.
    private static func length(of lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: 1
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
    }

    private static func scan(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Outcome {
        var i = start
        while i < end {
            if i + 8 <= end {
                let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let lead = p[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let count = length(of: lead)
            guard count > 0 else { return .invalid(i) }
            // The second byte's range depends on the lead (no overlong forms, surrogates or values past U+10FFFF).
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xE0: low = 0xA0
            case 0xED: high = 0x9F
            case 0xF0: low = 0x90
            case 0xF4: high = 0x8F
            default: break
            }
            for k in 1..<count {
                guard i + k < end else { return .cut(i) }
                let byte = p[i + k]
                if k == 1 {
                    guard byte >= low && byte <= high else { return .invalid(i) }
                } else {
                    guard byte & 0xC0 == 0x80 else { return .invalid(i) }
                }
            }
            i += count
        }
        return .valid
    }
}

/// Passes another source's bytes through unchanged while checking that they are UTF-8: the first pass over a CSV
/// file reads through this, so the file is read as UTF-8 (without a copy) only when all of it is.
final class UTF8CheckingSource: ByteSource {
    private var inner: any ByteSource
    private(set) var validator = UTF8Validator()
    /// The line ends from the chunk holding the first byte that is not UTF-8 on, which choose the encoding of such
    /// a file (``LegacyEncoding``). They are looked for only once the file is known not to be UTF-8, so reading
    /// UTF-8 costs nothing more.
    private(set) var lineEndsFromInvalid = LineEnds()

    init(_ inner: any ByteSource) {
        self.inner = inner
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int {
        let n = try inner.read(into: buffer)
        if n == 0 {
            validator.finish()
        } else {
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[..<n])
            validator.feed(chunk)
            if validator.firstInvalid != nil { lineEndsFromInvalid.scan(chunk) }
        }
        return n
    }
}

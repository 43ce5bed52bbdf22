#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension JSONReader {
    /// Reads a string value.
    public func readString() throws(JSONReadError) -> String {
        let byte = try skipWhitespace()
        guard byte == UInt8(ascii: "\"") else { throw expected("a string", byte) }
        let bytes = try scanString()
        valueDone()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads a string, a number (as its exact text) or null (as nil). `true` and `false` read as their text.
    /// An object or array is an error naming the current member's key.
    public func readText() throws(JSONReadError) -> String? {
        guard let bytes = try readTextBytes() else { return nil }
        return bytes.isEmpty ? "" : String(decoding: bytes, as: UTF8.self)
    }

    /// Reads what ``readText()`` reads, as UTF-8 bytes that stay valid until the next read: no `String` is made.
    @inline(__always)
    public func readTextBytes() throws(JSONReadError) -> UnsafeBufferPointer<UInt8>? {
        // The common value in place: a space at most, then a short string of printable ASCII without escapes,
        // closed in the window. Anything else (and any string the word test stops in) takes the general path.
        let base = buffer
        var i = pos
        if base[i] == 0x20 { i &+= 1 }
        if base[i] == UInt8(ascii: "\"") {
            let start = i &+ 1
            var k = start
            while true {
                let flags = Self.specialBytes(UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self))
                if flags != 0 {
                    k &+= flags.trailingZeroBitCount &>> 3
                    break
                }
                k &+= 8
                // Past sixteen bytes, a long string: skip it a vector at a time.
                if k &- start >= 16 { while !Self.hasSpecialByte(in16: UnsafeRawPointer(base + k)) { k &+= 16 } }
            }
            // A zero past the window's end is flagged too, and is no quote.
            if base[k] == UInt8(ascii: "\"") && k < end {
                pos = k &+ 1
                valueDone()
                return UnsafeBufferPointer(start: base + start, count: k &- start)
            }
        }
        return try readTextBytesAnyForm()
    }

    /// The top bit of each byte of `word` that is a quote, a backslash, a control byte or non-ASCII; the lowest
    /// flagged byte is always a real one (borrows only travel upwards).
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let quote = word ^ 0x2222_2222_2222_2222
        let slash = word ^ 0x5C5C_5C5C_5C5C_5C5C
        let special =
            ((quote &- 0x0101_0101_0101_0101) & ~quote)
            | ((slash &- 0x0101_0101_0101_0101) & ~slash)
            | (word &- 0x2020_2020_2020_2020) | word
        return special & 0x8080_8080_8080_8080
    }

    /// Whether any of the sixteen bytes at `bytes` is a quote, a backslash, a control byte or non-ASCII: long
    /// strings (a photo) are skipped a vector at a time, then the word test finds the byte.
    @inline(__always)
    static func hasSpecialByte(in16 bytes: UnsafeRawPointer) -> Bool {
        // Typed constants: with inferred ones the compares resolve to the generic, lane-by-lane operators.
        let block = bytes.loadUnaligned(as: SIMD16<UInt8>.self)
        let quote = SIMD16<UInt8>(repeating: 0x22)
        let backslash = SIMD16<UInt8>(repeating: 0x5C)
        let space = SIMD16<UInt8>(repeating: 0x20)
        let ascii = SIMD16<UInt8>(repeating: 0x7F)
        let special = (block .== quote) .| (block .== backslash) .| (block .< space) .| (block .> ascii)
        let words = unsafeBitCast(special, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// ``readTextBytes()`` for any value: whitespace, escapes, non-ASCII text, numbers, literals, refills.
    private func readTextBytesAnyForm() throws(JSONReadError) -> UnsafeBufferPointer<UInt8>? {
        let byte = try skipWhitespace()
        switch byte {
        case UInt8(ascii: "\""):
            let bytes = try scanString()
            valueDone()
            return bytes
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let count = try scanNumber()
            valueDone()
            return UnsafeBufferPointer(start: buffer + pos - count, count: count)
        case UInt8(ascii: "n"):
            try scanLiteral("null")
            valueDone()
            return nil
        case UInt8(ascii: "t"):
            try scanLiteral("true")
            valueDone()
            return Self.literalBytes("true")
        case UInt8(ascii: "f"):
            try scanLiteral("false")
            valueDone()
            return Self.literalBytes("false")
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let field = containers.last == true ? "\"\(key)\"" : "an array element"
            throw error("expected a string, number or null for \(field), found \(found(byte))")
        default:
            throw expected("a value", byte)
        }
    }

    private static func literalBytes(_ literal: StaticString) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
    }

    /// Reads until `count` bytes from `i` are in the window or the stream ends, keeping `buffer[keep...]`;
    /// returns how far indices moved down.
    func ensure(_ count: Int, at i: Int, keep: Int) throws(JSONReadError) -> Int {
        var shift = 0
        while end - (i - shift) < count {
            let drop = keep - shift
            let more = try refill(keep: drop)
            shift += drop
            if !more { break }
        }
        return shift
    }

    /// Grows the scratch buffer to hold at least `needed` bytes.
    @inline(__always)
    func reserveScratch(_ needed: Int) {
        guard needed > scratchCapacity else { return }
        var capacity = scratchCapacity * 2
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: scratch, count: scratchCapacity)
        scratch.deallocate()
        scratch = grown
        scratchCapacity = capacity
    }

    /// Scans the string whose opening quote is at `pos`, validating UTF-8 and decoding escapes, and leaves `pos`
    /// past the closing quote. The bytes returned live in the buffer or in `scratch` until the next read.
    func scanString() throws(JSONReadError) -> UnsafeBufferPointer<UInt8> {
        var i = pos + 1
        var segment = i  // start of the run not yet copied to scratch
        var decoded = -1  // bytes in scratch, or -1 while the string has had no escape
        while true {
            // Eight bytes at a time while none is a quote, a backslash, a control byte or non-ASCII.
            while true {
                let flags = Self.specialBytes(UnsafeRawPointer(buffer + i).loadUnaligned(as: UInt64.self))
                if flags != 0 {
                    // The lowest flagged byte is a real one (borrows only travel upwards): go straight to it.
                    i += flags.trailingZeroBitCount >> 3
                    break
                }
                i += 8
                // Past sixteen bytes of a run, a long string: skip it a vector at a time.
                if i &- segment >= 16 { while !Self.hasSpecialByte(in16: UnsafeRawPointer(buffer + i)) { i &+= 16 } }
            }
            let byte = buffer[i]
            if byte == UInt8(ascii: "\"") {
                break
            } else if byte == UInt8(ascii: "\\") {
                if decoded < 0 { decoded = 0 }
                let run = i - segment
                reserveScratch(decoded + run + 4)
                scratch.advanced(by: decoded).update(from: buffer + segment, count: run)
                decoded += run
                i = try decodeEscape(at: i, keep: segment, into: &decoded)
                segment = i
            } else if byte < 0x20 {
                if i == end {
                    let keep = decoded < 0 ? pos : segment
                    let more = try refill(keep: keep)
                    i -= keep
                    segment -= keep
                    if more { continue }
                    throw error("unexpected end of document inside a string", at: i)
                }
                throw error(
                    "control character U+00\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true)) in string; escape it",
                    at: i)
            } else if byte >= 0x80 {
                if end - i < 4 {
                    let keep = decoded < 0 ? pos : segment
                    let shift = try ensure(4, at: i, keep: keep)
                    i -= shift
                    segment -= shift
                }
                i = try validateUTF8(at: i)
            } else {
                i += 1
            }
        }
        let run = i - segment
        pos = i + 1
        if decoded < 0 {
            return UnsafeBufferPointer(start: buffer + segment, count: run)
        }
        reserveScratch(decoded + run)
        scratch.advanced(by: decoded).update(from: buffer + segment, count: run)
        return UnsafeBufferPointer(start: scratch, count: decoded + run)
    }

    /// Checks the multi-byte UTF-8 sequence at `i` (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
    @inline(__always)
    private func validateUTF8(at i: Int) throws(JSONReadError) -> Int {
        let lead = buffer[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw error("invalid UTF-8 byte 0x\(String(lead, radix: 16, uppercase: true))", at: i)
        }
        let second = buffer[i + 1]
        guard i + 1 < end, second >= low, second <= high else {
            throw error("invalid UTF-8 sequence", at: i)
        }
        var k = 2
        while k < length {
            let next = buffer[i + k]
            guard i + k < end, next & 0xC0 == 0x80 else { throw error("invalid UTF-8 sequence", at: i) }
            k += 1
        }
        return i + length
    }

    /// Decodes the escape at `i` (a backslash) into `scratch`; returns the index after it.
    private func decodeEscape(at start: Int, keep: Int, into decoded: inout Int) throws(JSONReadError) -> Int {
        // An escape is at most 12 bytes: a surrogate pair.
        var i = start
        if end - i < 12 { i -= try ensure(12, at: i, keep: keep) }
        let code = buffer[i + 1]
        guard i + 1 < end else { throw error("unexpected end of document inside a string", at: i) }
        let simple: UInt8
        switch code {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            var scalar = try hex4(at: i + 2)
            i += 6
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                guard buffer[i] == UInt8(ascii: "\\") && buffer[i + 1] == UInt8(ascii: "u") && i + 1 < end else {
                    throw error("lone surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in string", at: i - 6)
                }
                let low = try hex4(at: i + 2)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw error("lone surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in string", at: i - 6)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                i += 6
            } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                throw error("lone surrogate \\u\(String(scalar, radix: 16, uppercase: true)) in string", at: i - 6)
            }
            reserveScratch(decoded + 4)
            decoded += encodeUTF8(scalar, into: scratch + decoded)
            return i
        default:
            throw error("invalid escape in string", at: i)
        }
        reserveScratch(decoded + 1)
        scratch[decoded] = simple
        decoded += 1
        return i + 2
    }

    private func hex4(at i: Int) throws(JSONReadError) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 {
            guard i + k < end else { throw error("unexpected end of document in \\u escape", at: i + k) }
            let byte = buffer[i + k]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape: expected four hex digits", at: i + k)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func encodeUTF8(_ scalar: UInt32, into out: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            out[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            out[0] = UInt8(0xC0 | (scalar >> 6))
            out[1] = UInt8(0x80 | (scalar & 0x3F))
            return 2
        case 0x800..<0x10000:
            out[0] = UInt8(0xE0 | (scalar >> 12))
            out[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[2] = UInt8(0x80 | (scalar & 0x3F))
            return 3
        default:
            out[0] = UInt8(0xF0 | (scalar >> 18))
            out[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            out[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[3] = UInt8(0x80 | (scalar & 0x3F))
            return 4
        }
    }
}

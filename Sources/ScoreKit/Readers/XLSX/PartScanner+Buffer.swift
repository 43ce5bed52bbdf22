#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The scanner's buffer and the byte-level pieces of its tokens: names, white space, entities, searches, refills.
extension PartScanner {
    /// A range of the buffer as typed bytes (contiguous, so appending them is one copy).
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(
            start: (buffer.baseAddress.unsafelyUnwrapped + range.lowerBound).assumingMemoryBound(to: UInt8.self),
            count: range.count)
    }

    /// Decodes `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and character references in `range`, appending to `out`.
    func decode(_ range: Range<Int>, into out: inout [UInt8]) throws(InputError) {
        var index = range.lowerBound
        while index < range.upperBound {
            guard let ampersand = position(of: UInt8(ascii: "&"), from: index, to: range.upperBound) else {
                out.append(contentsOf: bytes(index..<range.upperBound))
                return
            }
            out.append(contentsOf: bytes(index..<ampersand))
            guard
                let semicolon = position(
                    of: UInt8(ascii: ";"), from: ampersand, to: min(range.upperBound, ampersand + 12))
            else { throw error("an '&' that starts no entity") }
            let entity = String(decoding: buffer[(ampersand + 1)..<semicolon], as: UTF8.self)
            switch entity {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                let digits = entity.dropFirst()
                let value = digits.first == "x" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                guard entity.first == "#", digits.allSatisfy({ $0.isHexDigit || $0 == "x" }), let value,
                    let scalar = Unicode.Scalar(value), Self.isXMLCharacter(value)
                else { throw error("an entity other than &lt; &gt; &amp; &quot; &apos; or a character reference") }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            index = semicolon + 1
        }
    }

    static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    /// Scans a name from `index` (stopping at the buffer's sentinel byte at `end`); empty if none starts there.
    func scanName(_ index: inout Int) -> Range<Int> {
        let from = index
        guard Self.isNameStart(buffer[index]) else { return from..<from }
        index += 1
        while true {
            let byte = buffer[index]
            guard
                Self.isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            else { break }
            index += 1
        }
        return from..<index
    }

    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    func skipSpace(_ index: inout Int) -> Bool {
        let from = index
        while buffer[index] == 0x20 || buffer[index] == 0x0A || buffer[index] == 0x0D || buffer[index] == 0x09 {
            index += 1
        }
        return index > from
    }

    func localName(_ qualified: Range<Int>) -> Range<Int> {
        var index = qualified.upperBound - 1
        while index > qualified.lowerBound {
            if buffer[index] == UInt8(ascii: ":") { return (index + 1)..<qualified.upperBound }
            index -= 1
        }
        return qualified
    }

    func equal(_ range: Range<Int>, _ name: StaticString) -> Bool {
        range.count == name.utf8CodeUnitCount
            && memcmp(buffer.baseAddress.unsafelyUnwrapped + range.lowerBound, name.utf8Start, range.count) == 0
    }

    /// The first index of `byte` in `from..<to` (to the buffer's end by default).
    func position(of byte: UInt8, from: Int, to: Int? = nil) -> Int? {
        let upper = to ?? end
        guard from < upper else { return nil }
        let base = buffer.baseAddress.unsafelyUnwrapped
        guard let found = memchr(base + from, Int32(byte), upper - from) else { return nil }
        return base.distance(to: found)
    }

    /// The index where `terminator` starts, at or after `from`, with it in the buffer.
    func find(_ terminator: StaticString, from: Int) throws(InputError) -> Int {
        let length = terminator.utf8CodeUnitCount
        var index = from
        while true {
            while let found = position(of: terminator.utf8Start.pointee, from: index), found + length <= end {
                if memcmp(buffer.baseAddress.unsafelyUnwrapped + found, terminator.utf8Start, length) == 0 {
                    return found
                }
                index = found + 1
            }
            if atEnd { throw error("the part ends before \(terminator)") }
            // The bytes move by the shift; `start` moves with them, so it is read after the refill.
            let shift = try refill()
            index = max(start, index - shift)
        }
    }

    func skip(until terminator: StaticString) throws(InputError) {
        start = try find(terminator, from: start + 2) + terminator.utf8CodeUnitCount
    }

    func lookingAt(_ prefix: StaticString) throws(InputError) -> Bool {
        let length = prefix.utf8CodeUnitCount
        while end - start < length && !atEnd { try refill() }
        guard end - start >= length else { return false }
        return memcmp(buffer.baseAddress.unsafelyUnwrapped + start, prefix.utf8Start, length) == 0
    }

    func peek(_ offset: Int) throws(InputError) -> UInt8? {
        while end - start <= offset && !atEnd { try refill() }
        return end - start > offset ? buffer[start + offset] : nil
    }

    /// Skips a UTF-8 byte order mark; refuses UTF-16.
    func begin() throws(InputError) {
        begun = true
        while end < 3 && !atEnd { try refill() }
        if end >= 2 && (buffer[0] == 0xFF && buffer[1] == 0xFE || buffer[0] == 0xFE && buffer[1] == 0xFF) {
            throw error("a UTF-16 part, which is not read (only UTF-8)")
        }
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
    }

    /// Moves unread bytes (from the current token on) to the front and reads more, growing the buffer when a token
    /// fills it. A zero byte always follows `end`, so a scan that stops at no zero stops there. Returns how far the
    /// bytes moved.
    @discardableResult
    func refill() throws(InputError) -> Int {
        guard !atEnd else { return 0 }
        let shift = tokenStart
        if shift > 0 {
            let base = buffer.baseAddress.unsafelyUnwrapped
            for index in 0..<shift where buffer[index] == 0x0A {
                discardedLines += 1
                lastDiscardedNewline = discarded + index
            }
            discarded += shift
            base.copyMemory(from: base + shift, byteCount: end - shift)
            end -= shift
            start -= shift
            tokenStart = 0
        }
        if buffer.count - end < 4097 {
            guard buffer.count < Self.maxToken else { throw error("a tag or text longer than 16 MB") }
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            grown.baseAddress?.copyMemory(from: buffer.baseAddress.unsafelyUnwrapped, byteCount: end)
            buffer.deallocate()
            buffer = grown
        }
        let got = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<(buffer.count - 1)]))
        if got == 0 { atEnd = true }
        end += got
        buffer[end] = 0
        return shift
    }
}

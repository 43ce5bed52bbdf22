/// Text, characters, names and references: what XML 1.0 allows, checked as the bytes are scanned.
extension XMLScanner {
    /// What character data is decoded as: which references it may hold, and what its line ends and white space
    /// become.
    enum Content {
        /// Character data: references resolved, CR LF and CR read as LF.
        case text
        /// An attribute value: references resolved, CR LF, CR, LF and tab read as a space (XML's normalization).
        case attribute
        /// A CDATA section: no references; CR LF and CR read as LF.
        case cdata
    }

    /// Character data up to the next `<` (or the document's end), checked, and decoded if it has references or CRs.
    func scanText() throws(InputError) {
        var index = start
        var plain = true
        while true {
            index = try scanCharacters(from: index, until: UInt8(ascii: "<"), plain: &plain, in: "text")
            if atEnd || (index < end && buffer[index] == UInt8(ascii: "<")) { break }
            // The bytes move by the shift; `start` moves with them.
            index -= try refill()
        }
        textRange = start..<index
        textDecoded = !plain
        if textDecoded {
            decoded.removeAll(keepingCapacity: true)
            try decode(textRange, into: &decoded, as: .text)
        }
        start = index
    }

    /// Checks characters from `index` to the first `stop` byte (`<` for text, the quote for an attribute value)
    /// and returns its index, or the index where the buffer ends first (its end, or the start of a UTF-8 sequence
    /// it cuts: more must be read). `plain` becomes false at a reference, or a line end or white space that
    /// decoding changes. `<` is an error in an attribute value, `]]>` in text.
    func scanCharacters(from index: Int, until stop: UInt8, plain: inout Bool, in place: String) throws(InputError)
        -> Int
    {
        let base = UnsafePointer(buffer.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self))
        let text = stop == UInt8(ascii: "<")
        // Text looks at '>' (for "]]>"); an attribute value at its quote.
        let stops = UInt64(text ? UInt8(ascii: ">") : stop) &* 0x0101_0101_0101_0101
        var index = index
        while true {
            // Eight bytes at a time while none needs a look: a stop, '<', '&', a control or non-ASCII byte.
            while index + 8 <= end {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let found = Self.notable(word, stops)
                if found != 0 {
                    index += found.trailingZeroBitCount >> 3
                    break
                }
                index += 8
            }
            guard index < end else { return end }
            let byte = base[index]
            if byte == stop { return index }
            switch byte {
            case UInt8(ascii: "&"), 0x0D:
                plain = false
                index += 1
            case 0x09, 0x0A:
                if !text { plain = false }
                index += 1
            case UInt8(ascii: ">"):
                if text && index - 2 >= tokenStart && base[index - 1] == UInt8(ascii: "]")
                    && base[index - 2] == UInt8(ascii: "]")
                {
                    throw error("']]>' in text, which XML does not allow (write ]]&gt;)", at: index - 2)
                }
                index += 1
            case UInt8(ascii: "<"):
                throw error("'<' in \(place)", at: index)
            case 0..<0x20:
                throw error("a control character, which XML 1.0 does not allow, in \(place)", at: index)
            case 0x80...:
                let length = try utf8Length(at: index, in: place)
                if length == 0 { return index }
                index += length
            default:
                index += 1
            }
        }
    }

    /// The bytes of `word` that need a look, as their high bits: `stops` (a byte in every lane), '<', '&', a byte
    /// below 0x20 or above 0x7F. The lowest bit set is exact (bits above it may not be).
    @inline(__always)
    static func notable(_ word: UInt64, _ stops: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let stop = word ^ stops
        let less = word ^ 0x3C3C_3C3C_3C3C_3C3C
        let ampersand = word ^ 0x2626_2626_2626_2626
        let zero = (stop &- ones) & ~stop | (less &- ones) & ~less | (ampersand &- ones) & ~ampersand
        let control = (word &- 0x2020_2020_2020_2020) & ~word
        return (zero | control | word) & 0x8080_8080_8080_8080
    }

    /// Checks the characters of a comment, processing instruction or CDATA section, all in the buffer; returns
    /// whether there is a CR (which a CDATA section's text reads as a line end).
    func checkCharacters(_ range: Range<Int>) throws(InputError) -> Bool {
        var sawCR = false
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = buffer[index]
            if byte >= 0x80 {
                index += try utf8Length(at: index, in: "the document")
                continue
            }
            guard byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else {
                throw error("a control character, which XML 1.0 does not allow", at: index)
            }
            if byte == 0x0D { sawCR = true }
            index += 1
        }
        return sawCR
    }

    /// The length of the UTF-8 character starting at `index` (a non-ASCII byte): 0 when the buffer ends inside it
    /// and more is to come; an error when it is not UTF-8, or U+FFFE or U+FFFF, which XML does not allow.
    func utf8Length(at index: Int, in place: String) throws(InputError) -> Int {
        let lead = buffer[index]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        if index + length > end {
            guard atEnd else { return 0 }
            throw error("bytes that are not UTF-8 in \(place)", at: index)
        }
        let sequence = bytes(index..<(index + length))
        guard UTF8Validator.isValid(sequence) else { throw error("bytes that are not UTF-8 in \(place)", at: index) }
        if lead == 0xEF && sequence[1] == 0xBF && sequence[2] >= 0xBE {
            throw error("U+FFFE or U+FFFF, which XML 1.0 does not allow, in \(place)", at: index)
        }
        return length
    }

    // MARK: Names

    /// Scans a name from `index`: its range, empty if none starts there, nil if the buffer ends first; `local`
    /// becomes where the part after its prefix starts. A name starts with a letter, `_`, `:` or a non-ASCII
    /// character; digits, `-` and `.` may follow.
    func scanName(_ index: inout Int, local: inout Int) throws(InputError) -> Range<Int>? {
        let from = index
        local = from
        let base = buffer.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
        while true {
            // The zero byte after `end` stops the scan there.
            let byte = base[index]
            if byte < 0x80 {
                let allowed = index == from ? Self.nameStartBytes : Self.nameBytes
                let bits = byte < 64 ? allowed.0 : allowed.1
                guard (bits &>> UInt64(byte & 63)) & 1 == 1 else { break }
                index += 1
                if byte == UInt8(ascii: ":") { local = index }
            } else {
                let length = try utf8Length(at: index, in: "a name")
                if length == 0 { return nil }
                index += length
            }
        }
        return index < end ? from..<index : nil
    }

    /// The ASCII bytes that may start a name (A-Z a-z _ :) and that may stand in one (also 0-9 - .), as bits
    /// 0-63 and 64-127.
    static var nameStartBytes: (UInt64, UInt64) { (1 << 0x3A, 0x07FF_FFFE_87FF_FFFE) }
    static var nameBytes: (UInt64, UInt64) {
        (1 << 0x3A | 0x03FF << 0x30 | 1 << 0x2D | 1 << 0x2E, 0x07FF_FFFE_87FF_FFFE)
    }

    /// Whether `byte` is XML white space: space, tab, LF or CR.
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// Moves `index` past white space (the zero byte after `end` stops it); returns whether there was any.
    func skipSpace(_ index: inout Int) -> Bool {
        let from = index
        while Self.isSpace(buffer[index]) { index += 1 }
        return index > from
    }

    /// The part of a qualified name after its prefix (`r:id` -> `id`).
    func localName(_ qualified: Range<Int>) -> Range<Int> {
        var index = qualified.upperBound - 1
        while index > qualified.lowerBound {
            if buffer[index] == UInt8(ascii: ":") { return (index + 1)..<qualified.upperBound }
            index -= 1
        }
        return qualified
    }

    // MARK: References

    /// Appends the characters of `range` (checked already) to `out`, decoded as `content`.
    func decode(_ range: Range<Int>, into out: inout [UInt8], as content: Content) throws(InputError) {
        var run = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = buffer[index]
            let changes =
                byte == 0x0D || (byte == UInt8(ascii: "&") && content != .cdata)
                || (content == .attribute && (byte == 0x0A || byte == 0x09))
            guard changes else {
                index += 1
                continue
            }
            out.append(contentsOf: bytes(run..<index))
            switch byte {
            case UInt8(ascii: "&"):
                index = try reference(at: index, before: range.upperBound, into: &out)
            case 0x0D:
                out.append(content == .attribute ? 0x20 : 0x0A)
                index += index + 1 < range.upperBound && buffer[index + 1] == 0x0A ? 2 : 1
            default:
                out.append(0x20)
                index += 1
            }
            run = index
        }
        out.append(contentsOf: bytes(run..<range.upperBound))
    }

    /// Resolves the reference at `ampersand` (`&amp;`, `&#233;`, `&#xE9;`), appending its character; returns where
    /// it ends.
    private func reference(at ampersand: Int, before limit: Int, into out: inout [UInt8]) throws(InputError) -> Int {
        guard let semicolon = position(of: UInt8(ascii: ";"), from: ampersand + 1, to: min(limit, ampersand + 32))
        else { throw error("an '&' that starts no entity or character reference (write &amp; for '&')", at: ampersand) }
        let body = bytes((ampersand + 1)..<semicolon)
        if let character = Self.predefined(body) {
            out.append(character)
            return semicolon + 1
        }
        guard body.count > 1, body[0] == UInt8(ascii: "#") else {
            throw error("an entity other than &lt; &gt; &amp; &quot; &apos; or a character reference", at: ampersand)
        }
        let hex = body[1] == UInt8(ascii: "x")
        let digits = body[(hex ? 2 : 1)...]
        var value: UInt32 = 0
        for byte in digits {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("a character reference that is not a number", at: ampersand)
            }
            // Past U+10FFFF the value only has to stay out of range.
            value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
        }
        guard !digits.isEmpty else { throw error("a character reference that is not a number", at: ampersand) }
        guard Self.isXMLCharacter(value) else {
            throw error("a character reference to a character XML 1.0 does not allow", at: ampersand)
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4) { scratch in
            let base = scratch.baseAddress.unsafelyUnwrapped
            out.append(
                contentsOf: UnsafeBufferPointer(
                    start: base, count: TranscodingSource.appendUTF8(value, to: base, at: 0)))
        }
        return semicolon + 1
    }

    /// The character of `lt`, `gt`, `amp`, `quot` or `apos`.
    private static func predefined(_ name: UnsafeBufferPointer<UInt8>) -> UInt8? {
        switch name.count {
        case 2 where name[1] == UInt8(ascii: "t"):
            if name[0] == UInt8(ascii: "l") { return UInt8(ascii: "<") }
            if name[0] == UInt8(ascii: "g") { return UInt8(ascii: ">") }
            return nil
        case 3 where name[0] == UInt8(ascii: "a") && name[1] == UInt8(ascii: "m") && name[2] == UInt8(ascii: "p"):
            return UInt8(ascii: "&")
        case 4 where name.elementsEqual("quot".utf8):
            return UInt8(ascii: "\"")
        case 4 where name.elementsEqual("apos".utf8):
            return UInt8(ascii: "'")
        default:
            return nil
        }
    }

    /// Whether XML 1.0 allows the character `value` (its `Char` production).
    static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }
}

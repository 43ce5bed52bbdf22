/// Character data: references resolved, line ends normalized, every character checked against XML 1.0.
extension XMLScanner {
    /// Decodes text from `start` to `stop` into `text`: references resolved, CRLF and CR read as LF.
    func decode(from start: Int, to stop: Int) throws(any Error) {
        var i = start
        while i < stop {
            let byte = buffer[i]
            if byte == UInt8(ascii: "&") {
                i = try reference(at: i, stop: stop)
            } else if byte == 0x0D {
                appendText(0x0A)
                i += i + 1 < stop && buffer[i + 1] == 0x0A ? 2 : 1
            } else if byte >= 0x80 {
                let next = try utf8Character(at: i, in: "text")
                for k in i..<next { appendText(buffer[k]) }
                i = next
            } else {
                guard byte >= 0x20 || byte == 0x09 || byte == 0x0A else {
                    throw malformed(at: i, "a control character, which XML 1.0 does not allow")
                }
                appendText(byte)
                i += 1
            }
        }
    }

    /// Copies CDATA content, checking its characters.
    func appendChecked(from start: Int, to stop: Int) throws(any Error) {
        try checkCharacters(from: start, to: stop)
        for k in start..<stop { appendText(buffer[k]) }
    }

    /// Checks that comments, processing instructions and CDATA hold only allowed characters.
    func checkCharacters(from start: Int, to stop: Int) throws(any Error) {
        var i = start
        while i < stop {
            let byte = buffer[i]
            if byte >= 0x80 {
                i = try utf8Character(at: i, in: "the document")
            } else {
                guard byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else {
                    throw malformed(at: i, "a control character, which XML 1.0 does not allow")
                }
                i += 1
            }
        }
    }

    /// Resolves `&name;` or `&#...;` at `at`; returns where it ends.
    func reference(at start: Int, stop: Int) throws(any Error) -> Int {
        var i = start + 1
        while i < stop && buffer[i] != UInt8(ascii: ";") && i - start < 12 { i += 1 }
        guard i < stop && buffer[i] == UInt8(ascii: ";") else {
            throw malformed(at: start, "'&' that starts no entity or character reference (write &amp;)")
        }
        let body = UnsafeBufferPointer(start: buffer + start + 1, count: i - start - 1)
        switch Array(body) {
        case Array("lt".utf8): appendText(UInt8(ascii: "<"))
        case Array("gt".utf8): appendText(UInt8(ascii: ">"))
        case Array("amp".utf8): appendText(UInt8(ascii: "&"))
        case Array("quot".utf8): appendText(UInt8(ascii: "\""))
        case Array("apos".utf8): appendText(UInt8(ascii: "'"))
        default:
            guard body.count >= 2, body[0] == UInt8(ascii: "#") else {
                throw malformed(at: start, "an entity XML does not define (only lt, gt, amp, quot and apos)")
            }
            let hex = body[1] == UInt8(ascii: "x")
            var value: UInt32 = 0
            for byte in body[(hex ? 2 : 1)...] {
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw malformed(at: start, "a character reference that is not a number")
                }
                value = value &* (hex ? 16 : 10) &+ digit
                guard value <= 0x10FFFF else { break }
            }
            let allowed =
                value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0xD7FF).contains(value)
                || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
            guard body.count > (hex ? 2 : 1), allowed else {
                throw malformed(at: start, "a character reference to a character XML 1.0 does not allow")
            }
            var bytes: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &bytes) { raw in
                let out = raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
                let count = TranscodingSource.appendUTF8(value, to: out, at: 0)
                for k in 0..<count { appendText(out[k]) }
            }
        }
        return i + 1
    }

    /// The end of the well-formed UTF-8 character at `at`, or an error naming where it is.
    func utf8Character(at start: Int, in place: String) throws(any Error) -> Int {
        let lead = buffer[start]
        let count = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        for k in 0..<count { _ = try byte(start + k) }
        guard UTF8Validator.isValid(UnsafeBufferPointer(start: buffer + start, count: count)) else {
            throw malformed(at: start, "bytes that are not UTF-8 in \(place)")
        }
        return start + count
    }

    func appendText(_ byte: UInt8) {
        if textCount == textCapacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: textCapacity * 2)
            grown.update(from: text, count: textCount)
            text.deallocate()
            text = grown
            textCapacity *= 2
        }
        text[textCount] = byte
        textCount += 1
    }
}

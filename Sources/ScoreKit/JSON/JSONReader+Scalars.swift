extension JSONReader {
    /// Reads a number and returns its exact text, checked against the RFC 8259 grammar.
    public func readNumberText() throws(JSONReadError) -> String {
        let byte = try skipWhitespace()
        guard byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) else {
            throw expected("a number", byte)
        }
        let count = try scanNumber()
        let text = String(decoding: UnsafeBufferPointer(start: buffer + pos - count, count: count), as: UTF8.self)
        valueDone()
        return text
    }

    /// Reads `null` if it comes next and returns true; otherwise consumes nothing and returns false.
    public func readNull() throws(JSONReadError) -> Bool {
        guard try skipWhitespace() == UInt8(ascii: "n") else { return false }
        try scanLiteral("null")
        valueDone()
        return true
    }

    /// The byte at `i`, reading more if `i` is at the end; the window keeps `buffer[keep...]`.
    @inline(__always)
    private func byte(at i: inout Int, keep: inout Int) throws(JSONReadError) -> UInt8 {
        if i == end {
            let drop = keep
            _ = try refill(keep: drop)
            i -= drop
            keep = 0
        }
        return buffer[i]
    }

    /// Scans the number at `pos`; on return `pos` is past it and the text is the `count` bytes before `pos`.
    func scanNumber() throws(JSONReadError) -> Int {
        var start = pos
        var i = pos
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        var b = try byte(at: &i, keep: &start)
        if b == UInt8(ascii: "-") {
            i += 1
            b = try byte(at: &i, keep: &start)
        }
        if b == UInt8(ascii: "0") {
            i += 1
            b = try byte(at: &i, keep: &start)
            if isDigit(b) { throw error("invalid number: leading zero", at: i - 1) }
        } else if isDigit(b) {
            while isDigit(b) {
                i += 1
                b = try byte(at: &i, keep: &start)
            }
        } else {
            throw error("invalid number: expected a digit", at: i)
        }
        if b == UInt8(ascii: ".") {
            i += 1
            b = try byte(at: &i, keep: &start)
            guard isDigit(b) else { throw error("invalid number: expected a digit after '.'", at: i) }
            while isDigit(b) {
                i += 1
                b = try byte(at: &i, keep: &start)
            }
        }
        if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            i += 1
            b = try byte(at: &i, keep: &start)
            if b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                i += 1
                b = try byte(at: &i, keep: &start)
            }
            guard isDigit(b) else { throw error("invalid number: expected a digit in the exponent", at: i) }
            while isDigit(b) {
                i += 1
                b = try byte(at: &i, keep: &start)
            }
        }
        pos = i
        return i - start
    }

    /// Consumes the literal `word` (true, false or null) at `pos`.
    func scanLiteral(_ word: StaticString) throws(JSONReadError) {
        let count = word.utf8CodeUnitCount
        _ = try ensure(count, at: pos, keep: pos)
        let expected = word.utf8Start
        for k in 0..<count where pos + k >= end || buffer[pos + k] != expected[k] {
            throw error("invalid literal: expected '\(word)'", at: pos)
        }
        pos += count
    }

    /// Skips the next value, whatever it is, validating it fully without allocating.
    public func skipValue() throws(JSONReadError) {
        let base = containers.count
        defer {
            containers.remove(above: base)
            inObject = containers.last == true
        }
        while true {
            // A value.
            var byte = try skipWhitespace()
            switch byte {
            case UInt8(ascii: "\""):
                _ = try scanString()
            case UInt8(ascii: "{"):
                pos += 1
                try push(object: true)
                byte = try skipWhitespace()
                if byte == UInt8(ascii: "}") {
                    pos += 1
                    containers.removeLast()
                } else {
                    guard byte == UInt8(ascii: "\"") else { throw expected("a string key or '}'", byte) }
                    try skipKey()
                    continue
                }
            case UInt8(ascii: "["):
                pos += 1
                try push(object: false)
                byte = try skipWhitespace()
                if byte == UInt8(ascii: "]") {
                    pos += 1
                    containers.removeLast()
                } else {
                    continue
                }
            case UInt8(ascii: "t"): try scanLiteral("true")
            case UInt8(ascii: "f"): try scanLiteral("false")
            case UInt8(ascii: "n"): try scanLiteral("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try scanNumber()
            default: throw expected("a value", byte)
            }
            // After a value: close containers until one continues.
            while containers.count > base {
                let inObject = containers[containers.count - 1]
                byte = try skipWhitespace()
                if byte == UInt8(ascii: ",") {
                    pos += 1
                    byte = try skipWhitespace()
                    if inObject {
                        if byte == UInt8(ascii: "}") { throw error("trailing comma before '}'") }
                        guard byte == UInt8(ascii: "\"") else { throw expected("a string key after ','", byte) }
                        try skipKey()
                    } else if byte == UInt8(ascii: "]") {
                        throw error("trailing comma before ']'")
                    }
                    break
                } else if byte == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    pos += 1
                    containers.removeLast()
                } else {
                    throw expected(inObject ? "',' or '}' after object member" : "',' or ']' after array element", byte)
                }
            }
            if containers.count == base {
                valueDone()
                return
            }
        }
    }

    /// Skips a key and its colon inside `skipValue`.
    private func skipKey() throws(JSONReadError) {
        _ = try scanString()
        let byte = try skipWhitespace()
        guard byte == UInt8(ascii: ":") else { throw expected("':' after object key", byte) }
        pos += 1
    }
}

extension JSONReader {
    /// Between root values (JSON Lines): skips whitespace and says whether the stream has ended.
    public func isAtEnd() throws(JSONReadError) -> Bool {
        guard containers.isEmpty else { return false }
        _ = try skipWhitespace()
        return pos == end
    }
}

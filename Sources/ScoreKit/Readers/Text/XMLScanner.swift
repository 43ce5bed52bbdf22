#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small strict XML 1.0 scanner for the documents scoreimport reads (its own XML output and legacy E-Delivery
/// XML): tags, text with the five entities and character references, comments, processing instructions and CDATA.
/// No DTD is read (a DOCTYPE is refused, so no entity can expand). Every byte must be well-formed UTF-8 and every
/// character allowed by XML 1.0; anything else is an error with its line and column, never a crash.
///
/// It reads from a ``ByteSource`` a buffer at a time and hands out one event at a time, so memory follows the
/// largest single token, not the document.
final class XMLScanner {
    enum Event {
        /// An element opens (and, for `<x/>`, closes at once). The name is valid until the next event.
        case start(UnsafeBufferPointer<UInt8>, selfClosing: Bool)
        case end(UnsafeBufferPointer<UInt8>)
        /// Character data, entities decoded and line ends normalized; valid until the next event.
        case text(UnsafeBufferPointer<UInt8>)
        case endOfInput
    }

    static let tokenLimit = 16 << 20

    private var source: any ByteSource
    private let name: String
    var buffer: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 16
    private var pos = 0
    var end = 0
    private var atEOF = false
    private var started = false
    /// The line of `pos`, and the buffer offset its line starts at (negative once that is behind the buffer).
    private var line = 1
    private var lineStart = 0
    var text: UnsafeMutablePointer<UInt8>
    var textCapacity = 1 << 12
    var textCount = 0

    init(source: any ByteSource, name: String) {
        self.source = source
        self.name = name
        buffer = .allocate(capacity: capacity + 8)
        text = .allocate(capacity: textCapacity)
    }

    deinit {
        buffer.deallocate()
        text.deallocate()
    }

    /// "line L, column C" of the next token.
    var location: String { "line \(line), column \(pos - lineStart + 1)" }

    struct NeedMore: Error {}

    /// The next event.
    func next() throws(InputError) -> Event {
        if !started {
            started = true
            try fill()
            if end - pos >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
                pos = 3
                lineStart = 3
            }
        }
        while true {
            if pos == end {
                if atEOF { return .endOfInput }
                try fill()
                continue
            }
            do {
                let (event, next) = try token()
                advance(to: next)
                if let event { return event }
            } catch let error as InputError {
                throw error
            } catch {
                if atEOF {
                    throw malformed(at: end, "the document ends inside a tag, comment or reference")
                }
                try fill()
            }
        }
    }

    // MARK: - Buffer

    private func fill() throws(InputError) {
        if pos > 0 {
            memmove(buffer, buffer + pos, end - pos)
            end -= pos
            lineStart -= pos
            pos = 0
        }
        if end == capacity {
            guard capacity < Self.tokenLimit else {
                throw malformed(at: pos, "a tag or text longer than 16 MB")
            }
            capacity *= 2
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 8)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
        }
        let n: Int
        do {
            n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        } catch {
            if error.isDecodingFailure { throw .malformed(file: name, detail: error.operation) }
            throw .io(error)
        }
        if n == 0 { atEOF = true }
        end += n
    }

    /// Moves `pos` to `next`, counting the line ends passed.
    private func advance(to next: Int) {
        var i = pos
        while i < next {
            let byte = buffer[i]
            if byte == 0x0A || (byte == 0x0D && (i + 1 >= end || buffer[i + 1] != 0x0A)) {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        pos = next
    }

    func malformed(at index: Int, _ problem: String) -> InputError {
        var currentLine = line
        var start = lineStart
        var i = pos
        while i < min(index, end) {
            if buffer[i] == 0x0A || (buffer[i] == 0x0D && (i + 1 >= end || buffer[i + 1] != 0x0A)) {
                currentLine += 1
                start = i + 1
            }
            i += 1
        }
        return .malformed(file: name, detail: "line \(currentLine), column \(index - start + 1): \(problem)")
    }

    // MARK: - Tokens

    func byte(_ i: Int) throws(any Error) -> UInt8 {
        if i >= end { throw NeedMore() }
        return buffer[i]
    }

    private func starts(with literal: StaticString, at i: Int) throws(any Error) -> Bool {
        let count = literal.utf8CodeUnitCount
        for k in 0..<count where try byte(i + k) != literal.utf8Start[k] { return false }
        return true
    }

    /// The token at `pos` and where the next one starts; nil for a token that is no event (a comment).
    private func token() throws(any Error) -> (Event?, Int) {
        guard try byte(pos) == UInt8(ascii: "<") else { return try characterData() }
        let second = try byte(pos + 1)
        switch second {
        case UInt8(ascii: "?"):
            return (nil, try skip(past: "?>", from: pos + 2))
        case UInt8(ascii: "!"):
            if try starts(with: "<!--", at: pos) { return (nil, try skip(past: "-->", from: pos + 4)) }
            if try starts(with: "<![CDATA[", at: pos) {
                let close = try find("]]>", from: pos + 9)
                textCount = 0
                try appendChecked(from: pos + 9, to: close)
                return (.text(UnsafeBufferPointer(start: text, count: textCount)), close + 3)
            }
            throw malformed(at: pos, "a DOCTYPE or declaration, which scoreimport does not read")
        case UInt8(ascii: "/"):
            let nameEnd = try elementName(from: pos + 2)
            var i = nameEnd
            while try isSpace(byte(i)) { i += 1 }
            guard try byte(i) == UInt8(ascii: ">") else { throw malformed(at: i, "expected '>' to end a closing tag") }
            return (.end(UnsafeBufferPointer(start: buffer + pos + 2, count: nameEnd - pos - 2)), i + 1)
        default:
            let nameEnd = try elementName(from: pos + 1)
            var i = nameEnd
            while true {
                let spaced = try isSpace(byte(i))
                while try isSpace(byte(i)) { i += 1 }
                let next = try byte(i)
                if next == UInt8(ascii: ">") || next == UInt8(ascii: "/") { break }
                guard spaced else { throw malformed(at: i, "expected a space, '>' or '/>' after a name") }
                i = try attribute(from: i)
            }
            let selfClosing = try byte(i) == UInt8(ascii: "/")
            if selfClosing {
                guard try byte(i + 1) == UInt8(ascii: ">") else { throw malformed(at: i, "expected '/>'") }
            }
            let name = UnsafeBufferPointer(start: buffer + pos + 1, count: nameEnd - pos - 1)
            return (.start(name, selfClosing: selfClosing), i + (selfClosing ? 2 : 1))
        }
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private func find(_ literal: StaticString, from start: Int) throws(any Error) -> Int {
        var i = start
        while true {
            if try byte(i) == literal.utf8Start[0] {
                if try starts(with: literal, at: i) { return i }
            }
            i += 1
        }
    }

    private func skip(past literal: StaticString, from start: Int) throws(any Error) -> Int {
        let found = try find(literal, from: start)
        try checkCharacters(from: start, to: found)
        return found + literal.utf8CodeUnitCount
    }

    /// The end of the XML name starting at `start` (letters, digits, `_ : . -`, any non-ASCII character).
    private func elementName(from start: Int) throws(any Error) -> Int {
        var i = start
        while true {
            let byte = try byte(i)
            if byte >= 0x80 {
                i = try utf8Character(at: i, in: "a name")
                continue
            }
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let other = byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
            let later =
                byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "-")
            if letter || other || (later && i > start) {
                i += 1
                continue
            }
            guard i > start else { throw malformed(at: i, "expected an element name") }
            return i
        }
    }

    /// Skips `name = "value"`; returns where it ends.
    private func attribute(from start: Int) throws(any Error) -> Int {
        var i = try elementName(from: start)
        while try isSpace(byte(i)) { i += 1 }
        guard try byte(i) == UInt8(ascii: "=") else { throw malformed(at: i, "expected '=' after an attribute name") }
        i += 1
        while try isSpace(byte(i)) { i += 1 }
        let quote = try byte(i)
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw malformed(at: i, "expected a quoted attribute value")
        }
        i += 1
        let valueStart = i
        while try byte(i) != quote {
            if buffer[i] == UInt8(ascii: "<") { throw malformed(at: i, "'<' in an attribute value") }
            i += 1
        }
        textCount = 0
        try decode(from: valueStart, to: i)
        return i + 1
    }

    /// Text up to the next `<` (or the end of the input).
    private func characterData() throws(any Error) -> (Event?, Int) {
        var i = pos
        while i < end && buffer[i] != UInt8(ascii: "<") { i += 1 }
        if i == end && !atEOF { throw NeedMore() }
        textCount = 0
        try decode(from: pos, to: i)
        return (.text(UnsafeBufferPointer(start: text, count: textCount)), i)
    }
}

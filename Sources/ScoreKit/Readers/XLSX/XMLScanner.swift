#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small, strict, streaming pull scanner for the XML of workbook parts. It reads the part in chunks and hands out
/// one event at a time: an element's start (its local name and attributes), its end, or text with entities decoded.
/// It checks what a well-formed document needs (names, quoting, entities, nesting, one root element) and refuses a
/// DTD; any fault is an error naming the part, line, column and byte, never a crash. It is not a general XML parser:
/// namespaces are reduced to local names, and only UTF-8 is read. Names, attributes and text point into its buffer
/// and are valid until the next event.
final class XMLScanner {
    enum Event: Equatable {
        case start, end, text, endOfDocument
    }

    /// The most bytes one tag or one run of text may take: far beyond any cell (Excel keeps 32,767 characters).
    static let maxToken = 16 << 20
    static let maxDepth = 256
    static let maxAttributes = 256

    private let source: any PartSource
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var atEnd = false
    private var begun = false
    /// Bytes and newlines that have left the buffer, for locations.
    private var discarded = 0
    private var discardedLines = 0
    private var lastDiscardedNewline = -1
    /// Where the current token starts in the buffer.
    private var tokenStart = 0

    /// Open elements' qualified names, end to end, and where each ends.
    private var stackBytes: [UInt8] = []
    private var stackEnds: [Int] = []
    private var sawRoot = false
    private var pendingEnd = false

    /// The current start or end tag's local name, and its attributes' qualified names and raw values.
    private var nameRange = 0..<0
    private var attributeNames: [Range<Int>] = []
    private var attributeValues: [Range<Int>] = []
    /// The current text: in the buffer, or in `decoded` when it had entities.
    private var textRange = 0..<0
    private var textDecoded = false
    private var decoded: [UInt8] = []

    init(_ source: any PartSource) {
        self.source = source
        buffer = .allocate(byteCount: 1 << 16, alignment: 16)
        attributeNames.reserveCapacity(16)
        attributeValues.reserveCapacity(16)
    }

    deinit { buffer.deallocate() }

    /// Open elements, the current start tag's included.
    var depth: Int { stackEnds.count }

    /// Whether the current element's local name is `name`.
    func isNamed(_ name: StaticString) -> Bool {
        equal(nameRange, name)
    }

    /// The current element's local name.
    var name: String { String(decoding: bytes(nameRange), as: UTF8.self) }

    /// Appends the current text to `bytes`.
    func appendText(to bytes: inout [UInt8]) {
        if textDecoded {
            bytes += decoded
        } else {
            bytes.append(contentsOf: self.bytes(textRange))
        }
    }

    /// A range of the buffer as typed bytes (contiguous, so appending them is one copy).
    private func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(
            start: (buffer.baseAddress.unsafelyUnwrapped + range.lowerBound).assumingMemoryBound(to: UInt8.self),
            count: range.count)
    }

    /// The raw value of the current start tag's unprefixed attribute `name`, valid until the next event; a value
    /// with an entity is handed out undecoded (for attributes that are numbers and letters: r, s, t).
    func rawAttribute(_ name: StaticString) -> UnsafeRawBufferPointer? {
        for (index, qualified) in attributeNames.enumerated() where equal(qualified, name) {
            return UnsafeRawBufferPointer(rebasing: buffer[attributeValues[index]])
        }
        return nil
    }

    /// The value of the current start tag's attribute with local name `name` and, when `prefixed`, some prefix
    /// (`r:id`), entities decoded, as a string (invalid UTF-8 is an error).
    func string(_ name: StaticString, prefixed: Bool = false) throws(InputError) -> String? {
        for (index, qualified) in attributeNames.enumerated() {
            let local = localName(qualified)
            guard prefixed == (local != qualified), equal(local, name) else { continue }
            var value: [UInt8] = []
            try decode(attributeValues[index], into: &value)
            guard let text = String(validating: value, as: UTF8.self) else {
                throw error("an attribute value that is not valid UTF-8")
            }
            return text
        }
        return nil
    }

    /// The next event. A self-closing tag gives a start, then an end.
    func next() throws(InputError) -> Event {
        if pendingEnd {
            pendingEnd = false
            pop()
            return .end
        }
        if !begun { try begin() }
        while true {
            tokenStart = start
            if start == end {
                try refill()
                if start == end { return try finishDocument() }
            }
            if buffer[start] != UInt8(ascii: "<") {
                try scanText()
                if stackEnds.isEmpty {
                    let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
                    let blank = textDecoded ? decoded.allSatisfy(isSpace) : buffer[textRange].allSatisfy(isSpace)
                    guard blank else {
                        throw error(sawRoot ? "text after the root element" : "text before the root element")
                    }
                    continue
                }
                return .text
            }
            guard let second = try peek(1) else { throw error("the part ends inside a tag") }
            switch second {
            case UInt8(ascii: "?"):
                try skip(until: "?>")
            case UInt8(ascii: "!"):
                if try lookingAt("<!--") {
                    try skip(until: "-->")
                } else if try lookingAt("<![CDATA[") {
                    guard !stackEnds.isEmpty else { throw error("character data outside the root element") }
                    let close = try find("]]>", from: start + 9)
                    textRange = (start + 9)..<close
                    textDecoded = false
                    start = close + 3
                    return .text
                } else {
                    throw error("a document type declaration, which workbook parts may not have")
                }
            case UInt8(ascii: "/"):
                try complete(scanEndTag)
                return .end
            default:
                try complete(scanStartTag)
                return .start
            }
        }
    }

    /// Skips the current element's content to its end (call after its start event).
    func skipElement() throws(InputError) {
        let target = depth - 1
        while depth > target {
            if try next() == .endOfDocument { return }
        }
    }

    /// An error at the current token: "xl/worksheets/sheet1.xml, line 2, column 17 (byte 140): detail".
    func error(_ detail: String) -> InputError {
        var line = discardedLines + 1
        var lineStart = lastDiscardedNewline + 1
        let position = min(tokenStart, end)
        for index in 0..<position where buffer[index] == 0x0A {
            line += 1
            lineStart = discarded + index + 1
        }
        let byte = discarded + position
        return .malformed(
            file: "", detail: "\(source.part), line \(line), column \(byte - lineStart + 1) (byte \(byte)): \(detail)")
    }

    // MARK: Tokens

    /// Runs `scan` on the tag at `start` until the buffer holds all of it: `scan` returns false when it reaches the
    /// buffer's end first.
    private func complete(_ scan: () throws(InputError) -> Bool) throws(InputError) {
        while try !scan() {
            if atEnd { throw error("the part ends inside a tag") }
            try refill()
        }
    }

    private func scanStartTag() throws(InputError) -> Bool {
        var index = start + 1
        let qualified = scanName(&index)
        guard index < end else { return false }
        guard !qualified.isEmpty else { throw error("expected an element name after '<'") }
        if !attributeNames.isEmpty {
            attributeNames.removeAll(keepingCapacity: true)
            attributeValues.removeAll(keepingCapacity: true)
        }
        var selfClosing = false
        while true {
            let spaced = skipSpace(&index)
            guard index < end else { return false }
            let byte = buffer[index]
            if byte == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: "/") {
                guard index + 1 < end else { return false }
                guard buffer[index + 1] == UInt8(ascii: ">") else { throw error("expected '>' after '/' in a tag") }
                selfClosing = true
                index += 1
                break
            }
            guard spaced else { throw error("expected white space or the end of the tag") }
            let attributeName = scanName(&index)
            _ = skipSpace(&index)
            guard index < end else { return false }
            guard !attributeName.isEmpty else { throw error("expected an attribute name") }
            guard buffer[index] == UInt8(ascii: "=") else { throw error("expected '=' after an attribute name") }
            index += 1
            _ = skipSpace(&index)
            guard index < end else { return false }
            let quote = buffer[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw error("expected a quoted attribute value")
            }
            index += 1
            guard let close = position(of: quote, from: index) else { return false }
            guard position(of: UInt8(ascii: "<"), from: index, to: close) == nil else {
                throw error("'<' in an attribute value")
            }
            guard attributeNames.count < Self.maxAttributes else { throw error("too many attributes") }
            attributeNames.append(attributeName)
            attributeValues.append(index..<close)
            index = close + 1
        }
        if stackEnds.isEmpty {
            guard !sawRoot else { throw error("a second root element") }
            sawRoot = true
        }
        guard depth < Self.maxDepth else { throw error("elements nested more than \(Self.maxDepth) deep") }
        // Names are written over the bytes of elements already closed.
        let base = stackEnds.last ?? 0
        if stackBytes.count < base + qualified.count {
            stackBytes.append(contentsOf: repeatElement(0, count: base + qualified.count - stackBytes.count))
        }
        stackBytes.withUnsafeMutableBytes { stack in
            stack.baseAddress.unsafelyUnwrapped.advanced(by: base).copyMemory(
                from: buffer.baseAddress.unsafelyUnwrapped + qualified.lowerBound, byteCount: qualified.count)
        }
        stackEnds.append(base + qualified.count)
        nameRange = localName(qualified)
        pendingEnd = selfClosing
        start = index + 1
        return true
    }

    private func scanEndTag() throws(InputError) -> Bool {
        var index = start + 2
        let qualified = scanName(&index)
        _ = skipSpace(&index)
        guard index < end else { return false }
        guard buffer[index] == UInt8(ascii: ">") else { throw error("expected '>' to end the closing tag") }
        guard let openEnd = stackEnds.last else { throw error("a closing tag with no element open") }
        let openStart = stackEnds.count > 1 ? stackEnds[stackEnds.count - 2] : 0
        let matches =
            qualified.count == openEnd - openStart
            && stackBytes.withUnsafeBytes { open in
                memcmp(
                    open.baseAddress.unsafelyUnwrapped + openStart,
                    buffer.baseAddress.unsafelyUnwrapped + qualified.lowerBound, qualified.count) == 0
            }
        guard matches else {
            let open = String(decoding: stackBytes[openStart..<openEnd], as: UTF8.self)
            throw error("</\(String(decoding: buffer[qualified], as: UTF8.self))> where </\(open)> belongs")
        }
        nameRange = localName(qualified)
        pop()
        start = index + 1
        return true
    }

    private func pop() {
        stackEnds.removeLast()
    }

    private func scanText() throws(InputError) {
        var index = start
        var close: Int
        while true {
            if let found = position(of: UInt8(ascii: "<"), from: index) {
                close = found
                break
            }
            index = end
            if atEnd {
                close = end
                break
            }
            index -= try refill()
        }
        textRange = start..<close
        textDecoded = position(of: UInt8(ascii: "&"), from: start, to: close) != nil
        if textDecoded {
            decoded.removeAll(keepingCapacity: true)
            try decode(textRange, into: &decoded)
        }
        start = close
    }

    /// Decodes `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and character references in `range`, appending to `out`.
    private func decode(_ range: Range<Int>, into out: inout [UInt8]) throws(InputError) {
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

    private static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    /// Scans a name from `index` (stopping at the buffer's sentinel byte at `end`); empty if none starts there.
    private func scanName(_ index: inout Int) -> Range<Int> {
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

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    private func skipSpace(_ index: inout Int) -> Bool {
        let from = index
        while buffer[index] == 0x20 || buffer[index] == 0x0A || buffer[index] == 0x0D || buffer[index] == 0x09 {
            index += 1
        }
        return index > from
    }

    private func localName(_ qualified: Range<Int>) -> Range<Int> {
        var index = qualified.upperBound - 1
        while index > qualified.lowerBound {
            if buffer[index] == UInt8(ascii: ":") { return (index + 1)..<qualified.upperBound }
            index -= 1
        }
        return qualified
    }

    private func equal(_ range: Range<Int>, _ name: StaticString) -> Bool {
        range.count == name.utf8CodeUnitCount
            && memcmp(buffer.baseAddress.unsafelyUnwrapped + range.lowerBound, name.utf8Start, range.count) == 0
    }

    /// The first index of `byte` in `from..<to` (to the buffer's end by default).
    private func position(of byte: UInt8, from: Int, to: Int? = nil) -> Int? {
        let upper = to ?? end
        guard from < upper else { return nil }
        let base = buffer.baseAddress.unsafelyUnwrapped
        guard let found = memchr(base + from, Int32(byte), upper - from) else { return nil }
        return base.distance(to: found)
    }

    // MARK: The buffer

    /// The index where `terminator` starts, at or after `from`, with it in the buffer.
    private func find(_ terminator: StaticString, from: Int) throws(InputError) -> Int {
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

    private func skip(until terminator: StaticString) throws(InputError) {
        start = try find(terminator, from: start + 2) + terminator.utf8CodeUnitCount
    }

    private func lookingAt(_ prefix: StaticString) throws(InputError) -> Bool {
        let length = prefix.utf8CodeUnitCount
        while end - start < length && !atEnd { try refill() }
        guard end - start >= length else { return false }
        return memcmp(buffer.baseAddress.unsafelyUnwrapped + start, prefix.utf8Start, length) == 0
    }

    private func peek(_ offset: Int) throws(InputError) -> UInt8? {
        while end - start <= offset && !atEnd { try refill() }
        return end - start > offset ? buffer[start + offset] : nil
    }

    /// Skips a UTF-8 byte order mark; refuses UTF-16.
    private func begin() throws(InputError) {
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
    private func refill() throws(InputError) -> Int {
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

    private func finishDocument() throws(InputError) -> Event {
        if let openEnd = stackEnds.last {
            let openStart = stackEnds.count > 1 ? stackEnds[stackEnds.count - 2] : 0
            let open = String(decoding: stackBytes[openStart..<openEnd], as: UTF8.self)
            throw error("the part ends inside <\(open)>: it is truncated")
        }
        guard sawRoot else { throw error("no root element") }
        return .endOfDocument
    }
}

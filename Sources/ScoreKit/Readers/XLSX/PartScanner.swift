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
final class PartScanner {
    enum Event: Equatable {
        case start, end, text, endOfDocument
    }

    /// The most bytes one tag or one run of text may take: far beyond any cell (Excel keeps 32,767 characters).
    static let maxToken = 16 << 20
    static let maxDepth = 256
    static let maxAttributes = 256

    // The buffer's state: internal only for PartScanner+Buffer.swift, which keeps it.
    let source: any PartSource
    var buffer: UnsafeMutableRawBufferPointer
    var start = 0
    var end = 0
    var atEnd = false
    var begun = false
    /// Bytes and newlines that have left the buffer, for locations.
    var discarded = 0
    var discardedLines = 0
    var lastDiscardedNewline = -1
    /// Where the current token starts in the buffer.
    var tokenStart = 0

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

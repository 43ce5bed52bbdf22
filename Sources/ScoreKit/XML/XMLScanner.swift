#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small, strict, streaming pull scanner for XML 1.0 in UTF-8: the parts of an XLSX workbook, and the XML files
/// scoreimport reads (its own output, legacy E-Delivery XML). It reads its source in chunks and hands out one event
/// at a time: an element's start (its local name and attributes), its end, or text with references resolved and
/// line ends read as LF. Names, attributes and text point into its buffer and are valid until the next event.
///
/// It checks what a well-formed document needs: names, quoting, references, nesting, one root element, and every
/// byte well-formed UTF-8 and every character one XML 1.0 allows. No DTD is read (a DOCTYPE is refused, so no
/// entity can expand). Any fault is an error with its ``XMLLocation``, never a crash. Memory follows the largest
/// single tag or run of text (at most ``maxToken``), not the document. Namespaces are reduced to local names.
final class XMLScanner {
    enum Event: Equatable {
        /// An element opens: ``name``, ``rawAttribute(_:)``, ``string(_:prefixed:)``. `<x/>` gives a start, then
        /// an end.
        case start
        /// An element closes: ``name``.
        case end
        /// Character data or a CDATA section inside the root element: ``appendText(to:)``.
        case text
        /// The root element has closed, and nothing but comments, processing instructions and white space followed.
        case endOfDocument
    }

    /// The most bytes one tag or one run of text may take: far beyond any cell (Excel keeps 32,767 characters).
    static let maxToken = 16 << 20
    static let maxDepth = 256
    static let maxAttributes = 256

    // The buffer's state: internal only for the extensions, which keep it.
    let source: any XMLSource
    /// The file named in errors ("" when the caller names it later), and the part of it, if any.
    let file: String
    let part: String?
    var buffer: UnsafeMutableRawBufferPointer
    var start = 0
    var end = 0
    var atEnd = false
    var begun = false
    /// Bytes and line ends that have left the buffer, for locations: the lines ended, where the last line starts
    /// (an offset in the document), and whether the last byte was a CR (a LF after it ends no other line).
    var discarded = 0
    var discardedLines = 0
    var discardedLineStart = 0
    var discardedCR = false
    /// Where the current token starts in the buffer.
    var tokenStart = 0

    /// Open elements' qualified names, end to end, and where each ends (fixed storage: no array bookkeeping on
    /// the path every tag takes).
    private var stackBytes: UnsafeMutableRawBufferPointer
    private let stackEnds: UnsafeMutablePointer<Int>
    /// Open elements, the current start tag's included.
    private(set) var depth = 0
    private var sawRoot = false
    private var pendingEnd = false

    /// The current start or end tag's local name, and its attributes' qualified names and raw values.
    var nameRange = 0..<0
    let attributes: UnsafeMutablePointer<(name: Range<Int>, value: Range<Int>)>
    var attributeCount = 0
    /// The current text: in the buffer, or in `decoded` when references or line ends changed it.
    var textRange = 0..<0
    var textDecoded = false
    var decoded: [UInt8] = []

    /// A scanner over `source`: the document `file` ("" when the caller names it later in the error), or its
    /// `part` (a workbook's "xl/workbook.xml").
    init(_ source: any XMLSource, file: String = "", part: String? = nil) {
        self.source = source
        self.file = file
        self.part = part
        buffer = .allocate(byteCount: 1 << 16, alignment: 16)
        stackBytes = .allocate(byteCount: 1 << 12, alignment: 8)
        stackEnds = .allocate(capacity: Self.maxDepth + 1)
        stackEnds[0] = 0
        attributes = .allocate(capacity: Self.maxAttributes)
    }

    deinit {
        buffer.deallocate()
        stackBytes.deallocate()
        stackEnds.deallocate()
        attributes.deallocate()
    }

    /// The next event. A self-closing tag gives a start, then an end.
    func next() throws(InputError) -> Event {
        if pendingEnd {
            pendingEnd = false
            depth -= 1
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
                guard depth == 0 else { return .text }
                // Outside the root element only white space may stand: no character, no reference.
                let problem = sawRoot ? "text after the root element" : "text before the root element"
                if let error = errorUnlessSpace(problem) { throw error }
                continue
            }
            guard let second = start + 1 < end ? buffer[start + 1] : try peek(1) else {
                throw error("the document ends inside a tag")
            }
            switch second {
            case UInt8(ascii: "?"):
                let close = try find("?>", from: start + 2, "a processing instruction with no end (?>)")
                var index = start + 2
                var local = index
                guard try scanName(&index, local: &local)?.isEmpty == false else {
                    throw error("expected a name after '<?'", at: start + 2)
                }
                _ = try checkCharacters(index..<close)
                start = close + 2
            case UInt8(ascii: "!"):
                if try lookingAt("<!--") {
                    let close = try find("-->", from: start + 4, "a comment with no end (-->)")
                    _ = try checkCharacters((start + 4)..<close)
                    start = close + 3
                } else if try lookingAt("<![CDATA[") {
                    guard depth > 0 else { throw error("a CDATA section outside the root element") }
                    let close = try find("]]>", from: start + 9, "a CDATA section with no end (]]>)")
                    textRange = (start + 9)..<close
                    textDecoded = try checkCharacters(textRange)
                    if textDecoded {
                        decoded.removeAll(keepingCapacity: true)
                        try decode(textRange, into: &decoded, as: .cdata)
                    }
                    start = close + 3
                    return .text
                } else if try lookingAt("<!DOCTYPE") {
                    throw error("a document type declaration (DOCTYPE), which scoreimport does not read")
                } else {
                    throw error("'<!' that starts no comment or CDATA section")
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

    // MARK: Tags

    /// Runs `scan` on the tag at `start` until the buffer holds all of it: `scan` returns false when it reaches the
    /// buffer's end first.
    private func complete(_ scan: () throws(InputError) -> Bool) throws(InputError) {
        while try !scan() {
            if atEnd { throw error("the document ends inside a tag") }
            try refill()
        }
    }

    private func scanStartTag() throws(InputError) -> Bool {
        var index = start + 1
        var local = index
        guard let qualified = try scanName(&index, local: &local) else { return false }
        guard !qualified.isEmpty else { throw error("expected an element name after '<'", at: index) }
        let localStart = local
        attributeCount = 0
        var selfClosing = false
        while true {
            let spaced = skipSpace(&index)
            guard index < end else { return false }
            let byte = buffer[index]
            if byte == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: "/") {
                guard index + 1 < end else { return false }
                guard buffer[index + 1] == UInt8(ascii: ">") else {
                    throw error("expected '>' after '/' in a tag", at: index + 1)
                }
                selfClosing = true
                index += 1
                break
            }
            guard spaced else { throw error("expected white space or the end of the tag", at: index) }
            guard let attributeName = try scanName(&index, local: &local) else { return false }
            guard !attributeName.isEmpty else { throw error("expected an attribute name", at: index) }
            _ = skipSpace(&index)
            guard index < end else { return false }
            guard buffer[index] == UInt8(ascii: "=") else {
                throw error("expected '=' after an attribute name", at: index)
            }
            index += 1
            _ = skipSpace(&index)
            guard index < end else { return false }
            let quote = buffer[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw error("expected a quoted attribute value", at: index)
            }
            index += 1
            var plain = true
            let close = try scanCharacters(from: index, until: quote, plain: &plain, in: "an attribute value")
            guard close < end && buffer[close] == quote else { return false }
            try addAttribute(attributeName, value: index..<close, plain: plain)
            index = close + 1
        }
        if depth == 0 {
            guard !sawRoot else { throw error("a second root element") }
            sawRoot = true
        }
        guard depth < Self.maxDepth else { throw error("elements nested more than \(Self.maxDepth) deep") }
        // Names are written over the bytes of elements already closed.
        let base = stackEnds[depth]
        if stackBytes.count < base + qualified.count {
            let grown = UnsafeMutableRawBufferPointer.allocate(
                byteCount: max(stackBytes.count * 2, base + qualified.count), alignment: 8)
            grown.baseAddress.unsafelyUnwrapped.copyMemory(
                from: stackBytes.baseAddress.unsafelyUnwrapped, byteCount: base)
            stackBytes.deallocate()
            stackBytes = grown
        }
        stackBytes.baseAddress.unsafelyUnwrapped.advanced(by: base).copyMemory(
            from: buffer.baseAddress.unsafelyUnwrapped + qualified.lowerBound, byteCount: qualified.count)
        depth += 1
        stackEnds[depth] = base + qualified.count
        nameRange = localStart..<qualified.upperBound
        pendingEnd = selfClosing
        start = index + 1
        return true
    }

    /// Records an attribute of the tag being scanned: unique, and with its references checked now (a value with
    /// one is decoded only when asked for).
    @inline(__always)
    private func addAttribute(_ name: Range<Int>, value: Range<Int>, plain: Bool) throws(InputError) {
        guard attributeCount < Self.maxAttributes else {
            throw error("more than \(Self.maxAttributes) attributes", at: name.lowerBound)
        }
        let base = buffer.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
        // Attributes are few: comparing each with those before it is quicker than any table.
        for other in 0..<attributeCount {
            let earlier = attributes[other].name
            if earlier.count == name.count && base[earlier.lowerBound] == base[name.lowerBound]
                && memcmp(base + earlier.lowerBound, base + name.lowerBound, name.count) == 0
            {
                throw error("an attribute given twice in one tag", at: name.lowerBound)
            }
        }
        if !plain {
            var scratch: [UInt8] = []
            try decode(value, into: &scratch, as: .attribute)
        }
        attributes[attributeCount] = (name, value)
        attributeCount += 1
    }

    private func scanEndTag() throws(InputError) -> Bool {
        var index = start + 2
        var local = index
        guard let qualified = try scanName(&index, local: &local) else { return false }
        guard !qualified.isEmpty else { throw error("expected an element name after '</'", at: index) }
        _ = skipSpace(&index)
        guard index < end else { return false }
        guard buffer[index] == UInt8(ascii: ">") else { throw error("expected '>' to end the closing tag", at: index) }
        guard depth > 0 else { throw error("a closing tag with no element open") }
        let open = stackEnds[depth - 1]..<stackEnds[depth]
        guard
            qualified.count == open.count
                && memcmp(
                    stackBytes.baseAddress.unsafelyUnwrapped + open.lowerBound,
                    buffer.baseAddress.unsafelyUnwrapped + qualified.lowerBound, qualified.count) == 0
        else {
            let name = String(decoding: bytes(qualified), as: UTF8.self)
            throw error("</\(name)> where </\(openName)> belongs")
        }
        nameRange = local..<qualified.upperBound
        depth -= 1
        start = index + 1
        return true
    }

    // MARK: Text

    /// Character data up to the next `<` (or the document's end), checked, and decoded if it has references or CRs.
    private func scanText() throws(InputError) {
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

    /// The qualified name of the innermost open element, for messages.
    private var openName: String {
        String(
            decoding: UnsafeRawBufferPointer(rebasing: stackBytes[stackEnds[depth - 1]..<stackEnds[depth]]),
            as: UTF8.self)
    }

    private func finishDocument() throws(InputError) -> Event {
        guard depth == 0 else { throw error("the document ends inside <\(openName)>: it is truncated") }
        guard sawRoot else { throw error("no root element") }
        return .endOfDocument
    }
}

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
    /// What ``next()`` found: the kind of token now current.
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
    /// The most elements open at once: deeper nesting is an error, so the open names' storage stays fixed.
    static let maxDepth = 256
    /// The most attributes one start tag may hold, for the same reason.
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
    /// Where the document's first character is: 3 after a byte order mark.
    var documentStart = 0
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
    var stackBytes: UnsafeMutableRawBufferPointer
    let stackEnds: UnsafeMutablePointer<Int>
    /// Open elements, the current start tag's included.
    var depth = 0
    var sawRoot = false
    var pendingEnd = false

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
            case UInt8(ascii: "?"), UInt8(ascii: "!"):
                if try scanMarkup() { return .text }
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

    /// The qualified name of the innermost open element, for messages.
    var openName: String {
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

/// Records of an XML document: each child of the root element is a record, and each element inside it that holds
/// no other element is a field, named by heading (the project's `<scores><score><familyName>`), by guide name, or
/// by the legacy E-Delivery XML's names (`CentreNumber`, `ModuleType`, `TRFNumber` ...), at any depth.
///
/// The document streams through ``XMLScanner``: one record in memory at a time. A malformed document is an error
/// with its line and column.
final class XMLRows: FieldRowReader {
    private let scanner: XMLScanner
    private let name: String
    private var resolver = HeadingResolver()
    var unknownHeadings: [String] { resolver.unknown }
    /// The open elements' names, and whether each has a child element so far.
    private var open: [(name: [UInt8], parent: Bool)] = []
    private var leafText: [UInt8] = []
    private var rootSeen = false
    private var rootClosed = false
    private var records = 0
    static let depthLimit = 256

    init(source: any ByteSource, name: String) {
        scanner = XMLScanner(source: source, name: name)
        self.name = name
    }

    func nextFields() throws(InputError) -> [(Field, String)]? {
        var row: [(Field, String)] = []
        while true {
            let location = scanner.location
            switch try scanner.next() {
            case .start(let tag, let selfClosing):
                guard !rootClosed else { throw error(location, "a second root element; a document has one") }
                guard open.count < Self.depthLimit else { throw error(location, "elements nested too deep") }
                rootSeen = true
                if !open.isEmpty { open[open.count - 1].parent = true }
                open.append((Array(tag), false))
                leafText.removeAll(keepingCapacity: true)
                if selfClosing, let row = close(&row) { return row }
            case .end(let tag):
                guard let top = open.last else { throw error(location, "a closing tag with no element open") }
                guard tag.elementsEqual(top.name) else {
                    let expected = String(decoding: top.name, as: UTF8.self)
                    throw error(location, "this closing tag does not match <\(expected)>")
                }
                if let row = close(&row) { return row }
            case .text(let text):
                if open.count >= 2 {
                    leafText.append(contentsOf: text)
                } else if text.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
                    throw error(location, "text outside the records")
                }
            case .endOfInput:
                if let top = open.last {
                    let expected = String(decoding: top.name, as: UTF8.self)
                    throw .malformed(file: name, detail: "the document ends before <\(expected)> is closed")
                }
                guard rootSeen else {
                    throw .malformed(file: name, detail: "not an XML document: no element that opens and closes")
                }
                return nil
            }
        }
    }

    /// Closes the innermost element; returns the row when that ends a record.
    private func close(_ row: inout [(Field, String)]) -> [(Field, String)]? {
        guard let element = open.popLast() else { return nil }
        if open.count >= 2 && !element.parent,
            let field = resolver.field(String(decoding: element.name, as: UTF8.self))
        {
            row.append((field, String(decoding: leafText, as: UTF8.self)))
        }
        leafText.removeAll(keepingCapacity: true)
        switch open.count {
        case 1:
            records += 1
            defer { row = [] }
            return row
        case 0:
            rootClosed = true
            return nil
        default:
            return nil
        }
    }

    private func error(_ location: String, _ problem: String) -> InputError {
        .malformed(file: name, detail: "\(location): \(problem)")
    }
}

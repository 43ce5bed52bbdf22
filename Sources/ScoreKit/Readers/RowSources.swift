import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Rows of (field, text) pairs from a heading-based document.
protocol RowSource {
    /// The next row, or nil at the end.
    func nextRow() throws(InputError) -> [(Field, String)]?
    /// Where the last row started, for messages ("line 12").
    var position: String { get }
    /// Problems with the last row's values that the text alone cannot show (an id a spreadsheet stored as a number).
    var rowProblems: [RecordProblem] { get }
}

extension RowSource {
    var rowProblems: [RecordProblem] { [] }
}

/// Resolves headings to fields once per document and notes the ones it does not know.
struct HeadingResolver {
    private var cache: [String: Field?] = [:]
    private(set) var unknown: [String] = []

    mutating func field(_ heading: String) -> Field? {
        if let known = cache[heading] { return known }
        let field = Field(name: heading.trimmingASCIISpaces())
        cache[heading] = field
        if field == nil { unknown.append(heading) }
        return field
    }
}

/// CSV rows under the header row.
final class CSVRows: RowSource {
    private let reader: CSVRowReader
    private let columns: [Field?]
    let unknownHeadings: [String]
    /// Whether the header says which test or module each row is.
    var hasModule: Bool { columns.contains { $0 == .module || $0 == .testType } }

    init(source: any ByteSource, name: String) throws(InputError) {
        reader = CSVRowReader(source: source, name: name)
        guard let header = try reader.nextRow() else { throw .unrecognized(file: name, detail: "the file is empty") }
        var resolver = HeadingResolver()
        columns = header.map { resolver.field($0) }
        unknownHeadings = resolver.unknown
        guard columns.contains(where: { $0 != nil }) else {
            let shown = header.prefix(3).joined(separator: ",")
            throw .unrecognized(
                file: name,
                detail: "the first line (\"\(shown)\") holds no E-Delivery column headings, and it is not JSON or XML")
        }
    }

    var position: String { "line \(reader.line)" }

    func nextRow() throws(InputError) -> [(Field, String)]? {
        guard let values = try reader.nextRow() else { return nil }
        guard values.count <= columns.count else {
            throw .malformed(
                file: "", detail: "line \(reader.line): \(values.count) fields, but the header has \(columns.count)")
        }
        var row: [(Field, String)] = []
        row.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            if let field = columns[index] { row.append((field, value)) }
        }
        return row
    }
}

/// Objects of the project's own JSON (an array) or JSON Lines output.
final class JSONRows: RowSource {
    private let reader: JSONReader
    private let lines: Bool
    private var started = false
    private var resolver = HeadingResolver()
    var unknownHeadings: [String] { resolver.unknown }

    init(reader: JSONReader, lines: Bool) {
        self.reader = reader
        self.lines = lines
    }

    var position: String { reader.location.description }

    func nextRow() throws(InputError) -> [(Field, String)]? {
        do {
            if lines {
                if try reader.isAtEnd() { return nil }
            } else {
                if !started {
                    started = true
                    try reader.beginArray()
                }
                guard try reader.nextElement() else {
                    try reader.finish()
                    return nil
                }
            }
            var row: [(Field, String)] = []
            try reader.beginObject()
            while try reader.nextMember() {
                let field = resolver.field(reader.key)
                let value = try reader.readText() ?? ""
                if let field { row.append((field, value)) }
            }
            return row
        } catch {
            throw InputError(error, file: "")
        }
    }
}

/// Records of the project's own XML output: each child of the root is a record, its children are fields.
final class XMLRows: NSObject, RowSource, XMLParserDelegate {
    private var rows: [[(Field, String)]] = []
    private var index = 0
    private var depth = 0
    private var current: [(Field, String)] = []
    private var text = ""
    private var resolver = HeadingResolver()
    var unknownHeadings: [String] { resolver.unknown }

    init(data: Data, name: String) throws(InputError) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        // Foundation's parser on Linux can report success for text with no element at all (such as "<.>"): a
        // document must have a root element that closes.
        guard parser.parse(), parser.parserError == nil, closedRoot else {
            guard let error = parser.parserError else {
                throw .malformed(file: name, detail: "not an XML document: no element that opens and closes")
            }
            throw .malformed(
                file: name,
                detail: "line \(parser.lineNumber), column \(parser.columnNumber): \(error.localizedDescription)")
        }
    }

    /// Whether the root element has been read to its end.
    private var closedRoot = false

    var position: String { "record \(index)" }

    func nextRow() throws(InputError) -> [(Field, String)]? {
        guard index < rows.count else { return nil }
        defer { index += 1 }
        return rows[index]
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        depth += 1
        if depth == 2 { current = [] }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if depth == 3, let field = resolver.field(elementName) { current.append((field, text)) }
        if depth == 2 { rows.append(current) }
        if depth == 1 { closedRoot = true }
        depth -= 1
        text = ""
    }
}

extension InputError {
    /// Wraps a JSON reader error for `file`.
    init(_ error: JSONReadError, file: String) {
        switch error {
        case .syntax(let syntax): self = .malformed(file: file, detail: syntax.description)
        case .io(let io): self = .io(io)
        }
    }

    /// The same error, naming `file` where it had no name.
    func naming(_ file: String) -> InputError {
        switch self {
        case .malformed(let name, let detail) where name.isEmpty: .malformed(file: file, detail: detail)
        case .unrecognized(let name, let detail) where name.isEmpty: .unrecognized(file: file, detail: detail)
        default: self
        }
    }
}

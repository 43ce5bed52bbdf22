/// Turns records into the bytes of one output format: a header, each record in turn, a footer. The sink decides
/// which records a file holds before they reach the writer, so a writer never has to take bytes back.
public protocol RecordWriter {
    /// Bytes before the first record (a header row, an opening bracket).
    mutating func writeHeader(to out: inout OutputBuffer)
    /// One record.
    mutating func write(_ score: TestScore, to out: inout OutputBuffer)
    /// Bytes after the last record.
    mutating func writeFooter(to out: inout OutputBuffer)
    /// Wraps the assembled records into the final file (XLSX's ZIP container); nil writes them as they are.
    var packager: (any OutputPackager)? { get }
    /// Whether each record's bytes stand alone: nothing before or after them depends on the records around them,
    /// so leaving a record's bytes out gives the file of a run that never read it.
    var recordsStandAlone: Bool { get }
    /// The fields of the record last written whose text the format could not carry as it was: XML 1.0 (XML,
    /// XLSX) cannot hold most control characters, which become U+FFFD. The sink warns about each, never silently.
    var replacedFields: [Field] { get }
}

extension RecordWriter {
    public var packager: (any OutputPackager)? { nil }
    public var recordsStandAlone: Bool { false }
    public var replacedFields: [Field] { [] }
}

/// Builds the final file around the record bytes (XLSX's ZIP container). It takes the bytes as they are staged, so
/// it can compress them as they come.
public protocol OutputPackager: AnyObject {
    /// The next staged bytes: header, records and footer, in order, in chunks that may split a record.
    func stage(_ bytes: UnsafeRawBufferPointer) throws(IOError)
    /// Writes the final file, of `rows` records, to `out`.
    func package(rows: Int, into out: Int32, name: String) throws(IOError)
}

/// What a writer needs besides the record: the template's fields, the dates and the spreadsheet guards.
public struct WriterOptions: Sendable {
    public var fields: [Field]
    public var context: RenderContext
    /// Prefix cells that a spreadsheet would run as a formula with `'` (OWASP CSV injection).
    public var formulaGuard = true
    /// Start the file with a UTF-8 byte order mark (for Excel).
    public var byteOrderMark = false

    public init(fields: [Field], context: RenderContext) {
        self.fields = fields
        self.context = context
    }
}

/// The output formats: the registry behind `--format` and its help.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
    case csv, json, jsonl, xml, xlsx

    public var summary: String {
        switch self {
        case .csv: "RFC 4180 CSV with a header row, UTF-8, CRLF; formula guard on by default"
        case .json: "a JSON array of objects keyed by column heading, in template order; every value a string"
        case .jsonl: "one JSON object per line"
        case .xml: "<scores> with one <score> element per record, one child element per field"
        case .xlsx: "an Excel workbook with typed cells (text, numbers, dates), a bold frozen header and a filter"
        }
    }

    public func makeWriter(_ options: WriterOptions) -> any RecordWriter {
        switch self {
        case .csv: CSVWriter(options: options)
        case .json: JSONWriter(options: options, lines: false)
        case .jsonl: JSONWriter(options: options, lines: true)
        case .xml: XMLWriter(options: options)
        case .xlsx: XLSXWriter(options: options)
        }
    }

    /// The format a file name's extension says (`.csv`, `.json`, `.jsonl`, `.xml`, `.xlsx`, any case), or nil.
    public init?(fileName: String) {
        let name = splitPath(fileName).name.lowercased()
        guard let dot = name.lastIndex(of: "."),
            let format = OutputFormat(rawValue: String(name[name.index(after: dot)...]))
        else { return nil }
        self = format
    }

    /// Whether the format is binary (never written to a terminal).
    public var isBinary: Bool { self == .xlsx }
}

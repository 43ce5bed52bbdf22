/// Turns records into the bytes of one output format. The pipeline writes the header, each record with the
/// separator between records, then the footer, so records can be dropped (duplicates) before assembly.
public protocol RecordWriter {
    /// Bytes before the first record (a header row, an opening bracket).
    func writeHeader(to out: inout OutputBuffer)
    /// Bytes between two records.
    var separator: [UInt8] { get }
    /// One record.
    func write(_ score: TestScore, to out: inout OutputBuffer)
    /// Bytes after the last record.
    func writeFooter(to out: inout OutputBuffer)
    /// Wraps the assembled records into the final file (XLSX's ZIP container); nil writes them as they are.
    var packager: (any OutputPackager)? { get }
}

extension RecordWriter {
    public var packager: (any OutputPackager)? { nil }
}

/// Builds the final file around the record bytes (XLSX's ZIP container). It takes the bytes as they are staged, so
/// it can compress them as they come, and at commit leaves out the records dropped as duplicates.
public protocol OutputPackager: AnyObject {
    /// The next staged bytes: header, records and footer, in order, in chunks that may split a record.
    func stage(_ bytes: UnsafeRawBufferPointer) throws(IOError)
    /// Writes the final file to `out`, leaving out `dropped` (sorted byte ranges of the staged bytes, one per dropped
    /// record); `rows` records remain.
    func package(dropping dropped: [Range<Int>], rows: Int, into out: Int32, name: String) throws(IOError)
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

    /// Whether the format is binary (never written to a terminal).
    public var isBinary: Bool { self == .xlsx }
}

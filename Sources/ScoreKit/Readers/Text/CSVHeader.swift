/// The header row of a CSV file, each heading resolved to a field once.
struct CSVHeader {
    /// The field of each column; nil for a heading that is not a field, or no heading.
    let fields: [Field?]
    /// Headings that are not fields, in column order.
    let unknown: [String]
    /// How many columns have no heading (Excel's trailing `,,,`).
    let unnamed: Int
    /// Title lines above the header row that were skipped (a report's name, an export date), and the line of the
    /// header row.
    private(set) var titleLines = 0
    private(set) var headerLine = 1

    /// How many rows above the header row may be titles: a row of at most ``titleCells`` values, none a heading.
    static let titleRows = 3
    static let titleCells = 2

    /// Whether a column says which test or module each row is.
    var hasTestColumn: Bool { fields.contains { $0 == .module || $0 == .testType } }

    /// Reads the first row that is not blank as the header; `inputEncoding` (the `--input-encoding` given, if any)
    /// is for the message when the row is not a header.
    init(reader: CSVRowReader, name: String, inputEncoding: InputEncoding? = nil) throws(InputError) {
        var headings: [String] = []
        var fields: [Field?] = []
        var found: [(String, Field)] = []
        /// Why the first row is no header, said only if no row under its title lines is one either.
        var firstFailure: String?
        var rows = 0
        while true {
            repeat {
                guard try reader.nextRow() else {
                    throw .unrecognized(file: name, detail: firstFailure ?? "the file is empty")
                }
            } while reader.isBlankLine
            rows += 1
            headings = (0..<reader.fieldCount).map { String(decoding: reader.cell($0), as: UTF8.self) }
            // Trailing columns without a heading are Excel's padding (`,,,`), not columns.
            while headings.count > 1 && headings.last == "" { headings.removeLast() }
            var resolver = HeadingResolver()
            fields = headings.map { $0.isEmpty ? nil : resolver.field($0) }
            found = zip(headings, fields).compactMap { heading, field in field.map { (heading, $0) } }
            // Before any message quotes a heading: the row must be one.
            if HeadingResolver.isHeader(found) { break }
            if firstFailure == nil {
                firstFailure = Self.notAHeader(reader, headings: headings, inputEncoding: inputEncoding)
            }
            // A title above the header (a report's name, an export date): a few values, none a heading. A row of
            // more is data: the header row is missing.
            let values = headings.filter { !$0.trimmingASCIISpaces().isEmpty }.count
            guard rows <= Self.titleRows, values <= Self.titleCells, found.isEmpty else {
                throw .unrecognized(file: name, detail: firstFailure ?? "")
            }
        }
        titleLines = rows - 1
        headerLine = reader.line
        var seen: [Field: (column: Int, heading: String)] = [:]
        for (column, (heading, field)) in zip(headings, fields).enumerated() {
            guard let field else { continue }
            if let earlier = seen[field] {
                throw .malformed(
                    file: name,
                    detail: "columns \(earlier.column + 1) (\"\(earlier.heading)\") and \(column + 1) "
                        + "(\"\(heading)\") are both the field \(field.heading): remove or rename one")
            }
            seen[field] = (column, heading)
        }
        self.fields = fields
        unknown = zip(headings, fields).compactMap { heading, field in field == nil && !heading.isEmpty ? heading : nil
        }
        unnamed = headings.filter(\.isEmpty).count
    }
}

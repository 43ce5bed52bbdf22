/// The header row of a CSV file, each heading resolved to a field once.
struct CSVHeader {
    /// The field of each column; nil for a heading that is not a field, or no heading.
    let fields: [Field?]
    /// Headings that are not fields, in column order.
    let unknown: [String]
    /// How many columns have no heading (Excel's trailing `,,,`).
    let unnamed: Int

    /// Whether a column says which test or module each row is.
    var hasTestColumn: Bool { fields.contains { $0 == .module || $0 == .testType } }

    /// Reads the first row that is not blank as the header; `inputEncoding` (the `--input-encoding` given, if any)
    /// is for the message when the row is not a header.
    init(reader: CSVRowReader, name: String, inputEncoding: InputEncoding? = nil) throws(InputError) {
        repeat {
            guard try reader.nextRow() else { throw .unrecognized(file: name, detail: "the file is empty") }
        } while reader.isBlankLine
        var headings = (0..<reader.fieldCount).map { String(decoding: reader.cell($0), as: UTF8.self) }
        // Trailing columns without a heading are Excel's padding (`,,,`), not columns.
        while headings.count > 1 && headings.last == "" { headings.removeLast() }
        var resolver = HeadingResolver()
        let fields = headings.map { $0.isEmpty ? nil : resolver.field($0) }
        let found = zip(headings, fields).compactMap { heading, field in field.map { (heading, $0) } }
        // Before any message quotes a heading: the row must be one.
        guard HeadingResolver.isHeader(found) else {
            throw .unrecognized(
                file: name, detail: Self.notAHeader(reader, headings: headings, inputEncoding: inputEncoding))
        }
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

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

    /// Reads the first row that is not blank as the header.
    init(reader: CSVRowReader, name: String) throws(InputError) {
        repeat {
            guard try reader.nextRow() else { throw .unrecognized(file: name, detail: "the file is empty") }
        } while reader.isBlankLine
        var headings = (0..<reader.fieldCount).map { String(decoding: reader.cell($0), as: UTF8.self) }
        // Trailing columns without a heading are Excel's padding (`,,,`), not columns.
        while headings.count > 1 && headings.last == "" { headings.removeLast() }
        var fields: [Field?] = []
        var unknown: [String] = []
        var seen: [Field: (column: Int, heading: String)] = [:]
        var resolver = HeadingResolver()
        for (column, heading) in headings.enumerated() {
            let field = heading.isEmpty ? nil : resolver.field(heading)
            if let field {
                if let earlier = seen[field] {
                    throw .malformed(
                        file: name,
                        detail: "columns \(earlier.column + 1) (\"\(earlier.heading)\") and \(column + 1) "
                            + "(\"\(heading)\") are both the field \(field.heading): remove or rename one")
                }
                seen[field] = (column, heading)
            } else if !heading.isEmpty {
                unknown.append(heading)
            }
            fields.append(field)
        }
        guard seen.count > 0 else {
            // Nothing of the line is quoted: without a header row it would be a candidate's name and birth date.
            throw .unrecognized(
                file: name,
                detail:
                    "the first line (\(reader.fieldCount) fields separated by \(CSVDialect.name(reader.delimiter))) "
                    + "holds no E-Delivery column headings: is the header row missing? It is not JSON or XML either")
        }
        self.fields = fields
        self.unknown = unknown
        unnamed = headings.filter(\.isEmpty).count
    }
}

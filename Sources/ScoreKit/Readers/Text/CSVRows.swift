/// The records of a CSV file: each row under the header mapped straight from the reader's buffer onto a record.
///
/// Blank lines and rows whose every field is empty (Excel's trailing `,,,,`) are skipped (the first pass counts
/// them for a note); a short row is padded with empty fields and warned about; extra trailing fields must be empty.
final class CSVRows: RowSource {
    private let reader: CSVRowReader
    private let name: String
    /// What each column does; nil for a column the record does not keep.
    private let actions: [ColumnAction?]
    private var mapper: RowMapper

    init(reader: CSVRowReader, name: String, header: CSVHeader, dateFormat: DateFormat, today: CalendarDate? = nil) {
        self.reader = reader
        self.name = name
        actions = header.fields.map { $0.map(ColumnAction.init) }
        mapper = RowMapper(dateFormat: dateFormat, hasTestColumn: header.hasTestColumn, today: today)
    }

    func next(into score: inout TestScore) throws(InputError) -> Bool {
        let columns = actions.count
        while try reader.nextRow() {
            let count = reader.fieldCount
            if reader.isBlankLine { continue }
            if count > columns {
                for index in columns..<count where !reader.cell(index).isEmpty {
                    throw .malformed(
                        file: name,
                        detail:
                            "line \(reader.line): a value in field \(index + 1), past the header's \(columns) columns")
                }
            }
            mapper.begin(&score)
            var filled = false
            for index in 0..<min(count, columns) {
                let value = reader.cell(index)
                if value.isEmpty { continue }
                filled = true
                if let action = actions[index] { mapper.apply(action, value, to: &score) }
            }
            // A row with nothing in it (a blank line, or only delimiters) is not a record.
            guard filled else { continue }
            if count < columns {
                score.sourceProblems.append(.shortRow(line: reader.line, fields: count, expected: columns))
            }
            mapper.finish(&score)
            return true
        }
        return false
    }
}

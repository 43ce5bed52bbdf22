/// Records from a heading-based document: CSV (``CSVRows``), the project's JSON and XML (``FieldRows``).
protocol RowSource: AnyObject {
    /// Reads the next record into `score`; false at the end.
    func next(into score: inout TestScore) throws(InputError) -> Bool
}

/// A document read as rows of (field, text) pairs: the project's JSON, JSON Lines and XML, and XLSX sheets.
protocol FieldRowReader: AnyObject {
    /// The next row, or nil at the end.
    func nextFields() throws(InputError) -> [(Field, String)]?
    /// Keys, element names or headings that are not fields, as met.
    var unknownHeadings: [String] { get }
    /// Whether the document has a Module or testType column, for a reader with a header (XLSX); nil when each row
    /// says for itself (JSON, XML).
    var hasTestColumn: Bool? { get }
    /// What the reader saw in the last row that its text cannot show (an id a spreadsheet stored as a number).
    var rowProblems: [SourceProblem] { get }
    /// The date fields of the last row that the document types as dates (XLSX date cells): written yyyy-mm-dd
    /// whatever format the typed-in dates use, so they neither vote on that format nor are read in it.
    var typedDates: Set<Field> { get }
}

extension FieldRowReader {
    var hasTestColumn: Bool? { nil }
    var rowProblems: [SourceProblem] { [] }
    var typedDates: Set<Field> { [] }
}

/// Maps the rows of a ``FieldRowReader`` onto records.
final class FieldRows: RowSource {
    private let reader: any FieldRowReader
    private var mapper: RowMapper

    init(_ reader: any FieldRowReader, dateFormat: DateFormat, today: CalendarDate? = nil) {
        self.reader = reader
        mapper = RowMapper(dateFormat: dateFormat, hasTestColumn: false, today: today)
    }

    func next(into score: inout TestScore) throws(InputError) -> Bool {
        guard let row = try reader.nextFields() else { return false }
        mapper.hasTestColumn = reader.hasTestColumn ?? row.contains { $0.0 == .module || $0.0 == .testType }
        mapper.begin(&score)
        let typed = reader.typedDates
        for (field, text) in row where !text.isEmpty {
            var text = text
            let settled = mapper.dateFormat
            if typed.contains(field) { mapper.dateFormat = .isoDate }
            text.withUTF8 { mapper.apply(ColumnAction(field), $0, to: &score) }
            mapper.dateFormat = settled
        }
        mapper.finish(&score)
        let cellProblems = reader.rowProblems
        if !cellProblems.isEmpty { Self.add(cellProblems, to: &score) }
        return true
    }

    /// Adds what the reader saw in the row's cells. An id stored as a number explains the digits it lacks: the
    /// mapper's digit count for that field says the same thing again and goes.
    private static func add(_ cellProblems: [SourceProblem], to score: inout TestScore) {
        var numbers: Set<String> = []
        for case .storedAsNumber(let field) in cellProblems { numbers.insert(field) }
        // The TOEFL id is named appointmentNumber whether it came from that column or from scoreId.
        if numbers.contains(Field.scoreId.heading) { numbers.insert(Field.appointmentNumber.heading) }
        score.sourceProblems.removeAll {
            if case .lostLeadingZeros(let field, _, _) = $0 { return numbers.contains(field) }
            return false
        }
        score.sourceProblems += cellProblems
    }
}

/// Resolves headings to fields once per document and notes the ones it does not know.
struct HeadingResolver {
    private var cache: [String: Field?] = [:]
    private(set) var unknown: [String] = []

    mutating func field(_ heading: String) -> Field? {
        if let known = cache[heading] { return known }
        let name = heading.trimmingASCIISpaces()
        // The legacy E-Delivery XML calls the module ModuleType.
        let field = Field(name: name) ?? (Field.fold(name) == "moduletype" ? .module : nil)
        cache[heading] = field
        if field == nil { unknown.append(heading) }
        return field
    }

    /// Whether a first row whose headings resolved to `found` is a header: it names a field by its heading or a
    /// guide name, or two fields by synonyms. A row of data can hold a synonym (a town called Reading), and read as
    /// a header it would have its values quoted as unknown headings.
    static func isHeader(_ found: [(heading: String, field: Field)]) -> Bool {
        found.contains { !Field.isSynonym($0.heading.trimmingASCIISpaces()) } || Set(found.map(\.field)).count >= 2
    }
}

/// Objects of the project's own JSON (an array) or JSON Lines output.
final class JSONRows: FieldRowReader {
    private let reader: JSONReader
    private let lines: Bool
    private var started = false
    private var resolver = HeadingResolver()
    var unknownHeadings: [String] { resolver.unknown }

    init(reader: JSONReader, lines: Bool) {
        self.reader = reader
        self.lines = lines
    }

    func nextFields() throws(InputError) -> [(Field, String)]? {
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

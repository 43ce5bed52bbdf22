#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The rows of one worksheet as text under its header row (the first row with a value), for the same heading ->
/// field mapping as CSV. Cells are placed by their references (`r="C5"`), so skipped columns and rows are gaps;
/// rows with no value in a known column are skipped. The sheet is streamed: memory holds one row.
final class XLSXRows: FieldRowReader {
    /// Fields a spreadsheet damages by storing them as numbers: leading zeros go, and digits past the 15th.
    static let idLike: Set<Field> = [
        .trfNumber, .appointmentNumber, .scoreId, .candidateNumber, .candidateId, .postcode, .telephone,
    ]

    private let workbook: XLSXWorkbook
    private let scanner: XMLScanner
    /// The field of each column (0 is A), nil for columns with no known heading.
    private var columns: [Field?] = []
    let unknownHeadings: [String]
    /// Title rows above the header row that were skipped (a report's name, an export date), and the header's row.
    private(set) var titleLines = 0
    private(set) var headerRow = 0
    /// Whether the header says which test or module each row is.
    var hasTestColumn: Bool? { columns.contains { $0 == .module || $0 == .testType } }
    private(set) var rowProblems: [SourceProblem] = []
    private(set) var typedDates: Set<Field> = []
    private var rowNumber = 0
    private var inSheetData = false
    private var cell = XLSXCell()

    init(workbook: XLSXWorkbook) throws(InputError) {
        self.workbook = workbook
        let sheet = try workbook.openSheet()
        scanner = sheet
        try Self.findSheetData(sheet)
        inSheetData = true
        var header: [Int: String] = [:]
        var number = 0
        var cell = XLSXCell()
        var resolver = HeadingResolver()
        var resolved: [(Int, String, Field?)] = []
        var firstRow = 0
        while true {
            header.removeAll()
            while header.isEmpty {
                let found = try Self.readRow(sheet, number: &number, into: &cell, wanting: { _ in true }) {
                    (column, cell) throws(InputError) in
                    guard let text = cell.text(for: nil, in: workbook) else {
                        throw sheet.error("column \(XLSXWriter.column(column + 1)): \(cell.fault(in: workbook))")
                    }
                    let heading = text.trimmingASCIISpaces()
                    if !heading.isEmpty { header[column] = heading }
                }
                guard found else {
                    throw .unrecognized(
                        file: "",
                        detail: firstRow == 0
                            ? "sheet \"\(workbook.sheetName)\" has no rows"
                            : "row \(firstRow) of sheet \"\(workbook.sheetName)\" holds no E-Delivery column headings")
                }
            }
            if firstRow == 0 { firstRow = number }
            resolver = HeadingResolver()
            resolved = header.sorted(by: { $0.key < $1.key }).map { ($0.key, $0.value, resolver.field($0.value)) }
            if HeadingResolver.isHeader(resolved.compactMap { _, heading, field in field.map { (heading, $0) } }) {
                break
            }
            // A title above the header (a report's name, an export date), as in a CSV file.
            guard titleLines < CSVHeader.titleRows, header.count <= CSVHeader.titleCells,
                !resolved.contains(where: { $0.2 != nil })
            else {
                throw .unrecognized(
                    file: "",
                    detail: "row \(firstRow) of sheet \"\(workbook.sheetName)\" holds no E-Delivery column headings")
            }
            titleLines += 1
        }
        rowNumber = number
        headerRow = number
        columns = Array(repeating: nil, count: (header.keys.max() ?? 0) + 1)
        var seen: [Field: Int] = [:]
        for (column, _, field) in resolved {
            guard let field else { continue }
            if let earlier = seen[field] {
                throw .malformed(
                    file: "",
                    detail: "sheet \"\(workbook.sheetName)\": columns \(XLSXWriter.column(earlier + 1)) and "
                        + "\(XLSXWriter.column(column + 1)) are both \(field.rawValue)")
            }
            seen[field] = column
            columns[column] = field
        }
        unknownHeadings = resolver.unknown
    }

    func nextFields() throws(InputError) -> [(Field, String)]? {
        var row: [(Field, String)] = []
        while inSheetData {
            row.removeAll(keepingCapacity: true)
            rowProblems.removeAll()
            typedDates.removeAll()
            var hasValue = false
            let columns = self.columns
            let workbook = self.workbook
            let own = workbook.isOwn
            let scanner = self.scanner
            var problems: [SourceProblem] = []
            var dates: Set<Field> = []
            let found = try Self.readRow(
                scanner, number: &rowNumber, into: &cell, wanting: { $0 < columns.count && columns[$0] != nil }
            ) { (column, cell) throws(InputError) in
                guard let field = columns[column] else { return }
                guard let text = cell.text(for: field, in: workbook) else {
                    throw scanner.error(
                        "column \(XLSXWriter.column(column + 1)) (\(field.rawValue)): \(cell.fault(in: workbook))")
                }
                // Spaces a person typed around a value go, as from a CSV field; the project's own cells keep them.
                let edges = (text.utf8.first ?? 0, text.utf8.last ?? 0)
                let value = own || (edges.0 > 0x20 && edges.1 > 0x20) ? text : text.trimmingASCIISpaces()
                if value.isEmpty { return }
                hasValue = true
                if field.valueType == .date && cell.isDate(in: workbook) { dates.insert(field) }
                if cell.isNumber && Self.idLike.contains(field) {
                    problems.append(.storedAsNumber(field: field.rawValue))
                }
                row.append((field, value))
            }
            guard found else {
                inSheetData = false
                while try scanner.next() != .endOfDocument {}
                return nil
            }
            if hasValue {
                rowProblems = problems
                typedDates = dates
                return row
            }
        }
        return nil
    }

    /// Moves to the start of `<sheetData>`, skipping the worksheet's other elements.
    private static func findSheetData(_ scanner: XMLScanner) throws(InputError) {
        while true {
            switch try scanner.next() {
            case .start where scanner.depth == 2:
                if scanner.isNamed("sheetData") { return }
                try scanner.skipElement()
            case .endOfDocument:
                throw scanner.error("a worksheet with no <sheetData>")
            default:
                continue
            }
        }
    }

    /// Reads the next `<row>` of the sheet data, handing each cell in a `wanting` column to `body`; false after the
    /// last row.
    private static func readRow(
        _ scanner: XMLScanner, number: inout Int, into cell: inout XLSXCell, wanting: (Int) -> Bool,
        _ body: (Int, XLSXCell) throws(InputError) -> Void
    ) throws(InputError) -> Bool {
        while true {
            switch try scanner.next() {
            case .start where scanner.isNamed("row"):
                let rowNumber = number
                number =
                    try scanner.rawAttribute("r").map { (raw) throws(InputError) in
                        guard let value = decimal(raw), value > rowNumber else {
                            throw scanner.error("a row number that is not above the row before it")
                        }
                        return value
                    } ?? number + 1
                var nextColumn = 0
                while true {
                    let event = try scanner.next()
                    if event == .end && scanner.depth == 2 { return true }
                    guard event == .start else { continue }
                    guard scanner.isNamed("c") else {
                        try scanner.skipElement()
                        continue
                    }
                    let column =
                        try scanner.rawAttribute("r").map { (raw) throws(InputError) in
                            try reference(raw, row: number, scanner)
                        } ?? nextColumn
                    nextColumn = column + 1
                    guard wanting(column) else {
                        try scanner.skipElement()
                        continue
                    }
                    try readCell(scanner, into: &cell)
                    try body(column, cell)
                }
            case .start:
                try scanner.skipElement()
            case .end where scanner.depth == 1:
                return false
            case .endOfDocument:
                return false
            default:
                continue
            }
        }
    }

    /// Reads a `<c>` element's type, style and value (its `<v>`, or its inline string's text without phonetic runs).
    private static func readCell(_ scanner: XMLScanner, into cell: inout XLSXCell) throws(InputError) {
        if !cell.value.isEmpty { cell.value.removeAll(keepingCapacity: true) }
        cell.style = scanner.rawAttribute("s").flatMap(decimal) ?? 0
        guard let kind = scanner.rawAttribute("t").map(cellKind) ?? .number else {
            throw scanner.error("a cell of unknown type")
        }
        cell.kind = kind
        let depth = scanner.depth
        var collecting = false
        while true {
            switch try scanner.next() {
            case .start where scanner.isNamed("v") || scanner.isNamed("t"):
                collecting = true
            case .start where scanner.isNamed("is") || scanner.isNamed("r"):
                continue
            case .start:
                // A formula, a phonetic run (rPh), an extension: not the value.
                try scanner.skipElement()
            case .text where collecting:
                scanner.appendText(to: &cell.value)
            case .end where scanner.depth < depth:
                return
            case .end:
                collecting = false
            case .endOfDocument:
                return
            default:
                continue
            }
        }
    }

    /// The kind of cell a `t` attribute names.
    private static func cellKind(_ raw: UnsafeRawBufferPointer) -> XLSXCell.Kind? {
        if raw.count == 1 {
            switch raw[0] {
            case UInt8(ascii: "n"): return .number
            case UInt8(ascii: "s"): return .sharedString
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .isoDate
            default: return nil
            }
        }
        switch raw.count {
        case 3 where raw[0] == UInt8(ascii: "s") && raw[1] == UInt8(ascii: "t") && raw[2] == UInt8(ascii: "r"):
            return .formulaString
        case 9 where raw[0] == UInt8(ascii: "i") && raw[6] == UInt8(ascii: "S") && raw[8] == UInt8(ascii: "r"):
            return memcmp(raw.baseAddress.unsafelyUnwrapped, "inlineStr", 9) == 0 ? .inlineString : nil
        default:
            return nil
        }
    }

    /// The 0-based column of a cell reference such as "C5" (row `row`), checked.
    private static func reference(_ raw: UnsafeRawBufferPointer, row: Int, _ scanner: XMLScanner) throws(InputError)
        -> Int
    {
        var column = 0
        var index = 0
        while index < raw.count && raw[index] >= UInt8(ascii: "A") && raw[index] <= UInt8(ascii: "Z") && index < 3 {
            column = column * 26 + Int(raw[index] - UInt8(ascii: "A")) + 1
            index += 1
        }
        guard index > 0, column <= 16_384, decimal(UnsafeRawBufferPointer(rebasing: raw[index...])) == row else {
            throw scanner.error(
                "a cell reference \"\(String(decoding: raw.prefix(16), as: UTF8.self))\" outside its row")
        }
        return column - 1
    }

    /// A non-negative decimal integer of at most 9 digits.
    private static func decimal(_ raw: UnsafeRawBufferPointer) -> Int? {
        guard !raw.isEmpty, raw.count <= 9 else { return nil }
        var value = 0
        for byte in raw {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

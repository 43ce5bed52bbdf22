/// Rows of text cells, the first of them the header row: how the applicant file is read, whatever its format.
///
/// Any reader that yields a header and rows of strings plugs in here. Today ``ApplicantFile/rows(of:)`` picks the
/// CSV reader below; the encodings and delimiters of the csv branch and the XLSX reader of the xlsx branch go in
/// that one function.
public protocol CellRows {
    /// The next row's cells (the header first), or nil at the end. Blank rows are skipped.
    mutating func nextRow() throws(InputError) -> [String]?
}

/// A CSV file as the score readers take it: the encoding from a byte order mark, else UTF-8 when all of the file
/// is, else Mac Roman or Windows-1252 by its line ends (``LegacyEncoding``); the delimiter (comma, semicolon, tab)
/// from the header line; blank rows skipped; cells trimmed, Excel's `="0123"` unwrapped and the formula guard's `'`
/// removed (see ``CSVRowReader/cell(_:)``).
struct CSVCellRows: CellRows {
    let reader: CSVRowReader

    init(file: InputFile) throws(InputError) {
        let mark = TextEncoding.byteOrderMark(try file.prefix(4))
        var encoding = mark?.encoding ?? .utf8
        if encoding == .utf8 {
            let check = UTF8CheckingSource(try file.source())
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
            defer { chunk.deallocate() }
            do {
                while try check.read(into: chunk) > 0 {}
            } catch {
                throw .io(error)
            }
            if let invalid = check.validator.firstInvalid {
                let legacy = try LegacyEncoding(
                    file, firstInvalid: invalid, lineEndsFromInvalid: check.lineEndsFromInvalid)
                encoding = legacy.encoding
            }
        }
        let raw = try file.source()
        let skip = encoding != .utf8 && mark?.encoding == encoding ? mark?.length ?? 0 : 0
        let source: any ByteSource =
            encoding == .utf8 ? raw : TranscodingSource(raw, encoding: encoding, skipping: skip, name: file.name)
        reader = CSVRowReader(source: source, name: file.name)
    }

    mutating func nextRow() throws(InputError) -> [String]? {
        while try reader.nextRow() {
            if reader.isBlankLine { continue }
            let cells = (0..<reader.fieldCount).map { String(decoding: reader.cell($0), as: UTF8.self) }
            if cells.allSatisfy(\.isEmpty) { continue }
            return cells
        }
        return nil
    }
}

/// Opens an applicant file as rows of cells.
public enum ApplicantFile {
    /// The rows of `file`, read by the reader its content calls for.
    public static func rows(of file: InputFile) throws(InputError) -> any CellRows {
        // An XLSX workbook is a ZIP archive: the xlsx branch's sheet reader takes it here when merged.
        if try file.prefix(4) == [0x50, 0x4B, 0x03, 0x04] {
            throw .unrecognized(
                file: file.name, detail: "an XLSX applicant file cannot be read yet: save it as CSV (UTF-8)")
        }
        return try CSVCellRows(file: file)
    }
}

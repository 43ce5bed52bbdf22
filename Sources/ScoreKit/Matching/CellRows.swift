/// Rows of text cells, the first of them the header row: how the applicant file is read, whatever its format.
///
/// Any reader that yields a header and rows of strings plugs in here. Today ``ApplicantFile/rows(of:)`` picks the
/// CSV reader below; the encodings and delimiters of the csv branch and the XLSX reader of the xlsx branch go in
/// that one function.
public protocol CellRows {
    /// The next row's cells (the header first), or nil at the end. Blank rows are skipped.
    mutating func nextRow() throws(InputError) -> [String]?
}

/// RFC 4180 CSV through the project's ``CSVRowReader``.
struct CSVCellRows: CellRows {
    let reader: CSVRowReader

    init(source: any ByteSource, name: String) {
        reader = CSVRowReader(source: source, name: name)
    }

    mutating func nextRow() throws(InputError) -> [String]? {
        try reader.nextRow()
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
        return CSVCellRows(source: try file.source(), name: file.name)
    }
}

/// Where in an XML document something is: the part of a package it is (a workbook's `xl/workbook.xml`) if any,
/// then line, column and byte, as error messages show it.
struct XMLLocation: Sendable, Hashable, CustomStringConvertible {
    /// The part of a package, or nil for a document that is a file of its own.
    var part: String?
    /// One-based line number; a line ends at LF, CR LF or CR.
    var line: Int
    /// One-based column, counted in bytes from the start of the line.
    var column: Int
    /// Zero-based byte offset from the start of the document (after transcoding, for text read in another
    /// encoding).
    var byte: Int

    var description: String {
        (part.map { "\($0), " } ?? "") + "line \(line), column \(column) (byte \(byte))"
    }
}

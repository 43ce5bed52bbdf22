/// The message for a first line that holds no column headings. Without options the likely cause is a missing header
/// row; with `--delimiter` or `--input-encoding` it is more likely the option, and the message names it and says
/// what to do. Nothing of the line is quoted: without a header row it would be a candidate's name and birth date.
extension CSVHeader {
    /// Why the first row of `reader` (its cells `headings`) is no header row, and what to do; `inputEncoding` is
    /// the `--input-encoding` the text was read in, if one was given.
    static func notAHeader(_ reader: CSVRowReader, headings: [String], inputEncoding: InputEncoding?) -> String {
        let delimiter = reader.delimiter
        let count = reader.fieldCount
        let shape =
            count == 1
            ? "one field, no \(CSVDialect.name(delimiter))"
            : "\(count) fields separated by \(CSVDialect.name(delimiter))"
        let given = reader.delimiterGiven ? ", with --delimiter \(CSVDialect.optionName(delimiter))" : ""
        let text = "the first line (\(shape)\(given)) holds no E-Delivery column headings"
        var causes: [String] = []
        var sure = false
        if let option = inputEncoding {
            causes.append(
                "it was read as \(option.rawValue), as --input-encoding says: if that is not the file's encoding, "
                    + "drop --input-encoding (the encoding is then detected)")
        }
        if reader.delimiterGiven {
            if let other = delimiterFindingHeadings(in: headings, besides: delimiter) {
                causes.append(
                    "the line has \(CSVDialect.name(other)): drop --delimiter or pass --delimiter "
                        + CSVDialect.optionName(other))
                sure = true
            } else {
                causes.append(
                    "if \(CSVDialect.name(delimiter)) do not separate its fields, drop --delimiter (the header line "
                        + "then settles it)")
            }
        }
        if causes.isEmpty { return text + ": is the header row missing? It is not JSON or XML either" }
        return text + "; " + causes.joined(separator: "; ") + (sure ? "" : "; or is the header row missing?")
    }

    /// Another delimiter that splits the cells into a header row, if one does.
    private static func delimiterFindingHeadings(in headings: [String], besides given: UInt8) -> UInt8? {
        for candidate in CSVDialect.candidates + [UInt8(ascii: "|")] where candidate != given {
            let pieces = headings.flatMap { cell in
                cell.utf8.split(separator: candidate, omittingEmptySubsequences: false).map {
                    String(decoding: $0, as: UTF8.self).trimmingASCIISpaces().trimmingQuotes()
                }
            }
            guard pieces.count > headings.count else { continue }
            var resolver = HeadingResolver()
            let found = pieces.compactMap { piece in resolver.field(piece).map { (heading: piece, field: $0) } }
            if HeadingResolver.isHeader(found) { return candidate }
        }
        return nil
    }
}

extension String {
    /// Without the double quotes around it.
    fileprivate func trimmingQuotes() -> String {
        count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self
    }
}

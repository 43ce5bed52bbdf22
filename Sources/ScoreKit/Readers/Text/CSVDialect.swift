/// Settles how a CSV file separates its fields from its header line. Spreadsheets write commas, or semicolons where
/// the comma is the decimal mark (most of Europe), or tabs (Excel's "Unicode Text"); no E-Delivery heading holds
/// any of them, so the one the header line uses most is the delimiter.
enum CSVDialect {
    /// The delimiters told apart from the header line, the preferred first when counts tie.
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]

    /// The delimiter of the header line at the start of `text`; a comma for a single column. nil if the line does
    /// not end within `text` and more may come (`complete` false).
    static func delimiter(ofHeader text: UnsafeBufferPointer<UInt8>, complete: Bool) -> UInt8? {
        var counts = [0, 0, 0]
        var inQuotes = false
        var ended = false
        for byte in text {
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == 0x0A || byte == 0x0D {
                    ended = true
                    break
                }
                if let index = candidates.firstIndex(of: byte) { counts[index] += 1 }
            }
        }
        guard ended || complete else { return nil }
        var best = 0
        for index in 1..<candidates.count where counts[index] > counts[best] { best = index }
        return candidates[best]
    }

    /// The delimiters `--delimiter` names: the one table behind reading the option, listing its values and naming
    /// a delimiter in a message.
    static let named: [(name: String, delimiter: UInt8)] = [
        ("comma", UInt8(ascii: ",")), ("semicolon", UInt8(ascii: ";")), ("tab", 0x09), ("pipe", UInt8(ascii: "|")),
    ]

    /// How `--delimiter` names a delimiter.
    static func optionName(_ delimiter: UInt8) -> String {
        named.first { $0.delimiter == delimiter }?.name ?? "'\(Character(Unicode.Scalar(delimiter)))'"
    }

    /// How messages name a delimiter.
    static func name(_ delimiter: UInt8) -> String {
        switch delimiter {
        case UInt8(ascii: ","): "commas"
        case UInt8(ascii: ";"): "semicolons"
        case 0x09: "tabs"
        default: "'\(Character(Unicode.Scalar(delimiter)))'"
        }
    }
}

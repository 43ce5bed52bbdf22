/// Office Open XML spreadsheets (.xlsx) with typed cells, so spreadsheets stop mangling scores: ids, postcodes and
/// names are text; scores are numbers shown with their scale's decimals; dates are date cells in the template's
/// format. No formula is ever written. Rows stream through the staging file; the workbook is packaged around them
/// at commit, when the column widths and the row count are known.
public final class XLSXWriter: RecordWriter {
    /// Cell styles, indexes into cellXfs in styles.xml.
    enum Style: Int {
        case plain = 0, header, date, oneDecimal, integer, timestamp, text, twoDecimals
    }

    let options: WriterOptions
    /// The widest value seen in each column, in characters.
    private(set) var widths: [Int]
    /// The rows, compressed as they are staged (see `XLSXWriter+Package.swift`).
    var spool: DeflateSpool?
    public private(set) var replacedFields: [Field] = []
    /// Text cells written with a character replaced (U+FFFD), counted so `write` can tell which field had one.
    private var replacements = 0

    public init(options: WriterOptions) {
        self.options = options
        widths = options.fields.map { $0.heading.unicodeScalars.count }
    }

    public func writeHeader(to out: inout OutputBuffer) {}
    public func writeFooter(to out: inout OutputBuffer) {}
    public var packager: (any OutputPackager)? { self }

    public func write(_ score: TestScore, to out: inout OutputBuffer) {
        if !replacedFields.isEmpty { replacedFields.removeAll(keepingCapacity: true) }
        out.append("<row>" as StaticString)
        for (column, field) in options.fields.enumerated() {
            let replaced = replacements
            let shown: Int
            switch field.valueType {
            case .score:
                let (value, decimals) = field.score(of: score)
                shown = typedCell(value, to: &out) { number in
                    // The scale's decimals, or more where the value needs them (an off-step 6.25 stays 6.25).
                    let style: Style =
                        number.hundredths % 10 != 0
                        ? .twoDecimals : number.hundredths % 100 == 0 && decimals == 0 ? .integer : .oneDecimal
                    let text = number.formatted(decimals: decimals)
                    return (text, style, text.count)
                }
            case .date:
                shown = typedCell(field.date(of: score, options.context), to: &out) { date in
                    (String(date.daysSinceEpoch + 25_569), .date, 10)
                }
            case .timestamp:
                shown = typedCell(score.session.lastModified, to: &out) { time in
                    let serial = Double(time.date.daysSinceEpoch + 25_569) + Double(time.secondOfDay) / 86_400
                    return (String(serial), .timestamp, 19)
                }
            case .text:
                shown = textCell(field.text(of: score, options.context), to: &out)
            }
            if shown > widths[column] { widths[column] = shown }
            if replacements != replaced { replacedFields.append(field) }
        }
        out.append("</row>\n" as StaticString)
    }

    /// A number cell for a parsed value, a text cell for one that could not be parsed, an empty cell for none;
    /// returns the width shown.
    private func typedCell<Value>(
        _ value: Checked<Value>?, to out: inout OutputBuffer, number: (Value) -> (String, Style, Int)
    ) -> Int {
        switch value {
        case .valid(let parsed):
            let (text, style, width) = number(parsed)
            numberCell(text, style: style, to: &out)
            return width
        case .invalid(let text):
            return textCell(text, to: &out)
        case nil:
            out.append("<c/>" as StaticString)
            return 0
        }
    }

    private func numberCell(_ value: String, style: Style, to out: inout OutputBuffer) {
        openCell(style, to: &out)
        out.append("\"><v>" as StaticString)
        out.append(value)
        out.append("</v></c>" as StaticString)
    }

    /// `<c s="N` for a style (every style index is one digit).
    private func openCell(_ style: Style, to out: inout OutputBuffer) {
        out.append("<c s=\"" as StaticString)
        out.append(UInt8(ascii: "0") + UInt8(style.rawValue))
    }

    /// An inline string cell (never a formula); returns its length in characters.
    @discardableResult
    func textCell(_ text: String, style: Style = .text, to out: inout OutputBuffer) -> Int {
        guard !text.isEmpty else {
            out.append("<c/>" as StaticString)
            return 0
        }
        openCell(style, to: &out)
        out.append("\" t=\"inlineStr\"><is>" as StaticString)
        // Spreadsheets may trim surrounding white space without xml:space (it is rare, and costs 21 bytes a cell).
        let edges = (text.utf8.first ?? 0, text.utf8.last ?? 0)
        out.append(edges.0 > 0x20 && edges.1 > 0x20 ? "<t>" as StaticString : "<t xml:space=\"preserve\">")
        if XMLWriter.escape(text, to: &out) { replacements += 1 }
        out.append("</t></is></c>" as StaticString)
        // Characters are the UTF-8 bytes that start one (counted without decoding).
        var characters = 0
        for byte in text.utf8 where byte & 0xC0 != 0x80 { characters += 1 }
        return characters
    }

    /// Spreadsheet column letters: 1 is A, 27 is AA.
    static func column(_ number: Int) -> String {
        var number = number
        var letters = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            number = (number - 1) / 26
        }
        return letters
    }
}

/// Office Open XML spreadsheets (.xlsx) with typed cells, so spreadsheets stop mangling scores: ids, postcodes and
/// names are text; scores are numbers shown with their scale's decimals; dates are date cells in the template's
/// format. No formula is ever written. Rows stream through the staging file; the workbook is packaged around them
/// at commit, when the column widths and the row count are known.
public final class XLSXWriter: RecordWriter, OutputPackager {
    /// Cell styles, indexes into cellXfs in styles.xml.
    enum Style: Int {
        case plain = 0, header, date, oneDecimal, integer, timestamp, text, twoDecimals
    }

    let options: WriterOptions
    /// The widest value seen in each column, in characters.
    private var widths: [Int]

    public init(options: WriterOptions) {
        self.options = options
        widths = options.fields.map { $0.heading.unicodeScalars.count }
    }

    public func writeHeader(to out: inout OutputBuffer) {}
    public func writeFooter(to out: inout OutputBuffer) {}
    public var packager: (any OutputPackager)? { self }

    public func write(_ score: TestScore, to out: inout OutputBuffer) {
        out.append("<row>" as StaticString)
        for (column, field) in options.fields.enumerated() {
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
        out.append("<c s=\"\(style.rawValue)\"><v>")
        out.append(value)
        out.append("</v></c>" as StaticString)
    }

    /// An inline string cell (never a formula); returns its length in characters.
    @discardableResult
    private func textCell(_ text: String, style: Style = .text, to out: inout OutputBuffer) -> Int {
        guard !text.isEmpty else {
            out.append("<c/>" as StaticString)
            return 0
        }
        out.append("<c s=\"\(style.rawValue)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
        XMLWriter.escape(text, to: &out)
        out.append("</t></is></c>" as StaticString)
        return text.unicodeScalars.count
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

    // MARK: Packaging

    public func package(body: Int32, length: Int, rows: Int, into out: Int32, name: String) throws(IOError) {
        var zip = ZipWriter(fd: out, name: name, date: options.context.downloadDate)
        let lastColumn = Self.column(max(1, options.fields.count))
        let range = "A1:\(lastColumn)\(rows + 1)"
        try zip.add("[Content_Types].xml", Array(Self.contentTypes.utf8))
        try zip.add("_rels/.rels", Array(Self.rootRelationships.utf8))
        try zip.add("xl/workbook.xml", Array(workbook(filterRange: range).utf8))
        try zip.add("xl/_rels/workbook.xml.rels", Array(Self.workbookRelationships.utf8))
        try zip.add("xl/styles.xml", Array(styles.utf8))
        let prefix = Array(sheetPrefix.utf8)
        let suffix = Array("</sheetData><autoFilter ref=\"\(range)\"/></worksheet>".utf8)
        var total = CRC32()
        total.update(prefix)
        try FileOutput.checksum(body, length: length, into: &total)
        total.update(suffix)
        try zip.add(
            "xl/worksheets/sheet1.xml", size: prefix.count + length + suffix.count, crc: total.value
        ) { (fd) throws(IOError) in
            try FileOutput.writeAll(fd, prefix[...], name: name)
            try FileOutput.copy(from: body, length: length, to: fd, name: name)
            try FileOutput.writeAll(fd, suffix[...], name: name)
        }
        try zip.finish()
    }

    private var sheetPrefix: String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
        xml += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" "#
        xml += #"state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        xml += #"<sheetFormatPr defaultRowHeight="15"/><cols>"#
        for (index, width) in widths.enumerated() {
            let fitted = min(max(width, 4) + 2, 60)
            xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(fitted)\" customWidth=\"1\"/>"
        }
        xml += "</cols><sheetData>\n<row>"
        var header = OutputBuffer(capacity: 4096)
        for field in options.fields { textCell(field.heading, style: .header, to: &header) }
        xml += String(decoding: header.bytes, as: UTF8.self) + "</row>\n"
        return xml
    }

    private func workbook(filterRange: String) -> String {
        let absolute = filterRange.split(separator: ":").map { reference -> String in
            let letters = reference.prefix { $0.isLetter }
            return "$\(letters)$\(reference.dropFirst(letters.count))"
        }.joined(separator: ":")
        return #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
            + #"<sheets><sheet name="Scores" sheetId="1" r:id="rId1"/></sheets><definedNames>"#
            + #"<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Scores!"# + absolute
            + "</definedName></definedNames></workbook>"
    }

    private var styles: String {
        let dateCode = options.context.dateFormat.rawValue
        return #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + #"<numFmts count="3"><numFmt numFmtId="164" formatCode=""# + dateCode + #""/>"#
            + #"<numFmt numFmtId="165" formatCode="0.0"/><numFmt numFmtId="166" formatCode="yyyy-mm-dd&quot;T&quot;hh:mm:ss"/>"#
            + #"</numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>"#
            + #"<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill>"#
            + #"<fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
            + #"<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>"#
            + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
            + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
            + #"<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
            + #"<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
            + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
            + #"<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
            + #"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
            + "</styleSheet>"
    }

    static let contentTypes =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        + #"<Default Extension="xml" ContentType="application/xml"/>"#
        + #"<Override PartName="/xl/workbook.xml" "#
        + #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        + #"<Override PartName="/xl/worksheets/sheet1.xml" "#
        + #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        + #"<Override PartName="/xl/styles.xml" "#
        + #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#

    static let rootRelationships =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" "#
        + #"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" "#
        + #"Target="xl/workbook.xml"/></Relationships>"#

    static let workbookRelationships =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" "#
        + #"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" "#
        + #"Target="worksheets/sheet1.xml"/><Relationship Id="rId2" "#
        + #"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" "#
        + #"Target="styles.xml"/></Relationships>"#
}

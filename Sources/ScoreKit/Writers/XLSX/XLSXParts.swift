/// The fixed parts of the workbook around the worksheet: content types, relationships, the workbook and styles.
enum XLSXParts {
    /// The workbook: one sheet, "Scores", with the filter over `filterRange` (as "A1:Z9").
    static func workbook(filterRange: String) -> String {
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

    /// Cell styles, in the order of ``XLSXWriter/Style``; dates show in `dateFormat`.
    static func styles(dateFormat: DateFormat) -> String {
        let dateCode = dateFormat.rawValue
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
        + #"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        + #"<Override PartName="/docProps/app.xml" "#
        + #"ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#

    static let rootRelationships =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" "#
        + #"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" "#
        + #"Target="xl/workbook.xml"/><Relationship Id="rId2" "#
        + #"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" "#
        + #"Target="docProps/app.xml"/></Relationships>"#

    /// The application that wrote the workbook, as every spreadsheet program names itself: reading the workbook
    /// again, scoreimport knows its own cells (whose text it wrote exactly as the records hold it).
    static let application = "scoreimport"

    static let applicationProperties =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#
        + "<Application>\(application)</Application></Properties>"

    static let workbookRelationships =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" "#
        + #"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" "#
        + #"Target="worksheets/sheet1.xml"/><Relationship Id="rId2" "#
        + #"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" "#
        + #"Target="styles.xml"/></Relationships>"#
}

import Foundation
import Testing

/// Workbooks written part by part with Python's zipfile: every cell type and form the reader must know, and damaged
/// or hostile containers, which must give exit 65 with a located message and never a crash.
@Suite struct XLSXContainerTests {
    /// Python that defines `book(path, sheet_xml, ...)`: a minimal workbook around a worksheet's XML.
    static let maker = #"""
        import sys, zipfile
        NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
        REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        def book(path, rows, shared=None, styles=None, workbook_pr="", compression=zipfile.ZIP_DEFLATED, sheet=None):
            z = zipfile.ZipFile(path, "w", compression)
            z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
            z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook {NS}>{workbook_pr}<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>')
            rels = f'<Relationship Id="rId1" Type="{REL}worksheet" Target="/xl/worksheets/sheet1.xml"/>'
            if shared is not None:
                rels += f'<Relationship Id="rId2" Type="{REL}sharedStrings" Target="sharedStrings.xml"/>'
                z.writestr("xl/sharedStrings.xml", f'<sst {NS}>{shared}</sst>')
            if styles is not None:
                rels += f'<Relationship Id="rId3" Type="{REL}styles" Target="styles.xml"/>'
                z.writestr("xl/styles.xml", f'<styleSheet {NS}>{styles}</styleSheet>')
            z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
            z.writestr("xl/worksheets/sheet1.xml", sheet if sheet is not None else f'<?xml version="1.0"?>\n<worksheet {NS}><sheetData>{rows}</sheetData></worksheet>')
            z.close()
        HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>trfNumber</t></is></c><c r="B1" t="inlineStr"><is><t>familyName</t></is></c><c r="C1" t="inlineStr"><is><t>testDate</t></is></c><c r="D1" t="inlineStr"><is><t>overallBandScore</t></is></c></row>'
        def row(n, *cells):
            return f'<row r="{n}">' + "".join(cells) + "</row>"
        """#

    /// Runs `script` (after the maker) to write `name` in a new directory, then `scoreimport check` on it.
    static func check(_ script: String, _ extra: [String] = [], convert: Bool = false) throws -> BinaryRunner.Result {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("book.xlsx").path
        _ = try Tool.run("python3", ["-c", maker + "\npath = sys.argv[1]\n" + script, path])
        let command = convert ? ["convert", "-t", "compact", "--no-formula-guard"] : ["check"]
        return try BinaryRunner.run(command + extra + [path])
    }

    /// Every cell type (inline rich text with a phonetic run, shared, formula string, boolean, error, ISO date,
    /// numbers), prefixed element names, Office's _x000D_ escape, the 1904 date system and a custom date format.
    @Test func everyCellTypeAndForm() throws {
        let result = try Self.check(
            #"""
            shared = '<si><t>Ng&amp;uyen</t></si><si><r><rPr><b/></rPr><t>Ru</t></r><r><t xml:space="preserve">n </t></r><rPh sb="0" eb="1"><t>ルン</t></rPh></si>'
            styles = '<numFmts count="1"><numFmt numFmtId="170" formatCode="[$-409]d\\ mmm\\ yyyy;@"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="14"/></cellXfs>'
            rows = HEAD.replace("<row", "<x:row").replace("</row>", "</x:row>").replace("<c ", "<x:c ").replace("</c>", "</x:c>")
            rows = rows.replace("<is>", "<x:is>").replace("</is>", "</x:is>").replace("<t>", "<x:t>").replace("</t>", "</x:t>")
            rows += row(2, '<c r="A2" t="s"><v>0</v></c>', '<c r="B2" t="str"><f>A2</f><v>Line_x000D_Two</v></c>', '<c r="C2" s="1"><v>0</v></c>', '<c r="D2"><v>6.4999999999999991</v></c>')
            rows += row(4, '<c r="A4" t="inlineStr"><is><r><t>26GB</t></r><r><t>000004</t></r><rPh><t>x</t></rPh></is></c>', '<c r="B4" t="s"><v>1</v></c>', '<c r="C4" t="d"><v>2026-03-14T00:00:00</v></c>', '<c r="D4" t="e"><v>#N/A</v></c>')
            rows += row(5, '<c r="A5" t="inlineStr"><is><t>26GB000005BOOL005A</t></is></c>', '<c r="B5" t="b"><v>1</v></c>', '<c r="C5" s="2"><v>44927</v></c>', '<c r="D5"><v>7.0E+0</v></c>')
            book(path, rows.replace('<worksheet', '<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'), shared, styles, '<workbookPr date1904="1"/>')
            """#, convert: true)
        #expect(
            result.stdoutText == """
                testType,scoreId,status,familyName,firstName,dateOfBirth,testDate,listeningScore,readingScore,\
                writingScore,speakingScore,overallBandScore,cefrLevel,comparableIbtScore,ieltsEquivalent\r
                IELTS Academic,Ng&uyen,REPORTED,"Line\rTwo",,,1904-01-01,,,,,6.5,B2,,\r
                IELTS Academic,26GB000004,REPORTED,Run,,,2026-03-14,,,,,#N/A,,,\r
                IELTS Academic,26GB000005BOOL005A,REPORTED,TRUE,,,2027-01-02,,,,,7.0,C1,,\r

                """)
        #expect(result.stderrText.contains("overallBandScore \"#N/A\" is not a score"))
    }

    /// A sheet whose prefix elements are written by a generator that puts them in the x: namespace, with no r on
    /// rows or cells: cells fall in order.
    @Test func cellsWithoutReferencesFallInOrder() throws {
        let result = try Self.check(
            """
            rows = HEAD.replace(' r="A1"', "").replace(' r="B1"', "").replace(' r="C1"', "").replace(' r="D1"', "").replace(' r="1"', "")
            rows += '<row><c t="inlineStr"><is><t>26GB000002NOREF02A</t></is></c><c/><c t="inlineStr"><is><t>2026-05-01</t></is></c><c><v>8</v></c></row>'
            book(path, rows)
            """, convert: true)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("IELTS Academic,26GB000002NOREF02A,REPORTED,,,,2026-05-01,,,,,8.0,C1,"))
    }

    /// A stored (not deflated) workbook, and one written with ZIP64 sizes and end records.
    @Test(arguments: ["compression=zipfile.ZIP_STORED", "compression=zipfile.ZIP_DEFLATED; zipfile.ZIP64_LIMIT = 16"])
    func storedAndZIP64ContainersRead(setting: String) throws {
        let script = """
            \(setting.replacingOccurrences(of: "; ", with: "\n"))
            book(path, HEAD + row(2, '<c r="A2" t="inlineStr"><is><t>26GB000002ZIPS002A</t></is></c>', '<c r="D2"><v>6</v></c>'), compression=compression)
            z = zipfile.ZipFile(path)
            assert z.testzip() is None
            """
        let result = try Self.check(script, convert: true)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("IELTS Academic,26GB000002ZIPS002A,REPORTED,,,,,,,,,6.0,B2,"))
    }

    /// Damaged and hostile files: exit 65, a message saying what and where, no crash.
    @Test(arguments: [
        (
            "book(path, HEAD + ' ' * 300_000_000)",
            "xl/worksheets/sheet1.xml would inflate from 292 KB to 300.0 MB, over 1000:1: it looks like a zip bomb"
        ),
        (
            "book(path, HEAD)\ndata = open(path, 'rb').read()\nopen(path, 'wb').write(data[:len(data) - 30])",
            "no end of central directory record: the file is truncated or not a ZIP archive"
        ),
        (
            "book(path, HEAD + row(2, '<c r=\"A2\" t=\"inlineStr\"><is><t>a</t></is></c>').replace('<is>', '<is x=1>'))",
            "xl/worksheets/sheet1.xml, line 2, column 444 (byte 465): expected a quoted attribute value"
        ),
        (
            "book(path, HEAD + '<row r=\"2\"><c r=\"A2\"><v>1</v></row>')",
            "xl/worksheets/sheet1.xml, line 2, column 432 (byte 453): </row> where </c> belongs"
        ),
        (
            "book(path, HEAD, sheet='<?xml version=\"1.0\"?><worksheet><sheetData>' + HEAD)",
            "xl/worksheets/sheet1.xml, line 1, column 280 (byte 279): the document ends inside <sheetData>: it is truncated"
        ),
        (
            "book(path, HEAD + row(2, '<c r=\"A2\" t=\"s\"><v>7</v></c>'), shared='<si><t>only</t></si>')",
            "column A (trfNumber): shared string \"7\" is not one of the 1 in the table"
        ),
        (
            "book(path, HEAD + row(2, '<c r=\"B3\"><v>1</v></c>'))",
            "xl/worksheets/sheet1.xml, line 2, column 414 (byte 435): a cell reference \"B3\" outside its row"
        ),
        (
            "book(path, '<!DOCTYPE x [<!ENTITY a \"b\">]>' + HEAD)",
            "xl/worksheets/sheet1.xml, line 2, column 167 (byte 188): a document type declaration"
        ),
        (
            "book(path, HEAD + row(2, '<c r=\"B2\" t=\"inlineStr\"><is><t>&bogus;</t></is></c>'))",
            "an entity other than &lt; &gt; &amp; &quot; &apos; or a character reference"
        ),
        (
            "book(path, '', sheet=('<worksheet><sheetData>' + HEAD + row(2, '<c r=\"B2\" t=\"inlineStr\"><is><t>X</t></is></c>') + '</sheetData></worksheet>').encode().replace(b'>X<', b'>\\xff<'))",
            "xl/worksheets/sheet1.xml, line 1, column 301 (byte 300): bytes that are not UTF-8 in text"
        ),
        (
            "book(path, HEAD)\nz = zipfile.ZipFile(path, 'a')\nz.writestr('xl/workbook.xml', 'x')",
            "xl/workbook.xml, line 1, column 1 (byte 0): text before the root element"
        ),
        (
            "open(path, 'wb').write(bytes.fromhex('D0CF11E0A1B11AE1') + bytes(504))",
            "an OLE2 file: an Excel 97-2003 .xls workbook, or a password-protected .xlsx"
        ),
        (
            "z = zipfile.ZipFile(path, 'w')\nz.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')\nz.close()",
            "an OpenDocument file (.ods?), not an XLSX workbook (no xl/workbook.xml)"
        ),
    ])
    func damagedFilesAreLocatedErrors(script: String, message: String) throws {
        let result = try Self.check(script)
        #expect(result.status == 65, "\(result.stderrText)")
        #expect(result.stderrText.contains(message), "\(result.stderrText)")
        #expect(result.stderrText.hasPrefix("scoreimport: error: "))
    }

    /// Entries whose central directory lies: a sheet smaller than declared (it would inflate past it), shared
    /// strings declared far over their limit, a wrong CRC.
    @Test(arguments: [
        (
            "xl/worksheets/sheet1.xml", 24, "0",
            "sheet1.xml inflates past its declared size: the archive is damaged or hostile"
        ),
        (
            "xl/sharedStrings.xml", 24, "0x7FFFFFFF",
            "sharedStrings.xml would inflate to 2147.5 MB, over the 1073.7 MB allowed for it"
        ),
        ("xl/worksheets/sheet1.xml", 16, "0x12345678", "sheet1.xml fails its CRC-32 check: the file is damaged"),
    ])
    func lyingCentralDirectoryIsRefused(part: String, offset: Int, value: String, message: String) throws {
        let script = """
            book(path, HEAD + row(2, '<c r="A2" t="s"><v>0</v></c>'), shared='<si><t>26GB000002LIES002A</t></si>')
            import struct
            data = bytearray(open(path, 'rb').read())
            pos = data.find(b'PK\\x01\\x02')
            while data[pos + 46:pos + 46 + struct.unpack_from('<H', data, pos + 28)[0]] != b'\(part)':
                pos = data.find(b'PK\\x01\\x02', pos + 4)
            struct.pack_into('<I', data, pos + \(offset), \(value))
            open(path, 'wb').write(data)
            """
        let result = try Self.check(script)
        #expect(result.status == 65, "\(result.stderrText)")
        #expect(result.stderrText.contains(message), "\(result.stderrText)")
    }
}

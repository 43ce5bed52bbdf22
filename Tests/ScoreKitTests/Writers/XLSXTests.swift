import Foundation
import Testing

@testable import ScoreKit

@Suite struct ZipWriterTests {
    @Test func pythonZipfileListsAndVerifiesTheArchive() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("test.zip").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let date = CalendarDate(year: 2026, month: 11, day: 22).unsafelyUnwrapped
        var zip = ZipWriter(fd: fd, name: path, date: date, level: 3)
        try zip.add("hello.txt", Array("hello, world\n".utf8))
        try zip.add("dir/ünïcode.xml", Array(repeating: 0x41, count: 70_000))
        try zip.add("empty", [])
        try zip.finish()
        close(fd)
        let script = """
            import zipfile, sys
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            print([(i.filename, i.file_size, i.compress_type, i.date_time[:3]) for i in z.infolist()])
            print(z.read('hello.txt').decode(), end='')
            """
        let listed = try Tool.run("python3", ["-c", script, path])
        #expect(
            listed == """
                [('hello.txt', 13, 8, (2026, 11, 22)), ('dir/ünïcode.xml', 70000, 8, (2026, 11, 22)), ('empty', 0, 0, (2026, 11, 22))]
                hello, world

                """)
    }
}

/// The XLSX output read back by openpyxl: every value exact and typed, the header bold and frozen.
@Suite struct XLSXOutputTests {
    static let inputs = [
        Paths.fixtures.appendingPathComponent("cases/ielts-api-response/input.json").path,
        Paths.fixtures.appendingPathComponent("cases/toefl-score-objects/input.json").path,
    ]

    @Test func openpyxlReadsTypedValues() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("scores.xlsx").path
        let result = try BinaryRunner.run(
            ["convert", "--format", "xlsx", "--date-format", "dd/mm/yyyy", "-o", path]
                + Self.inputs)
        #expect(result.status == 0, "\(result.stderrText)")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let script = #"""
            import openpyxl, sys, datetime
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.active
            head = [c.value for c in ws[1]]
            col = {name: i + 1 for i, name in enumerate(head)}
            def cell(row, name): return ws.cell(row=row, column=col[name])
            out = []
            out.append(f"sheet {ws.title} rows {ws.max_row} cols {ws.max_column} frozen {ws.freeze_panes} filter {ws.auto_filter.ref}")
            out.append(f"bold {all(c.font.b for c in ws[1])}")
            ielts, toefl120, cancelled, formula = 2, 9, 11, 10
            for r, names in [(ielts, ['trfNumber', 'candidateNumber', 'postcode', 'overallBandScore', 'listeningScore', 'testDate', 'dateOfBirth', 'familyName', 'lastModified']),
                             (toefl120, ['appointmentNumber', 'overallBandScore', 'readingScore', 'postcode', 'myBestListeningDate']),
                             (formula, ['familyName', 'addressLine2']),
                             (cancelled, ['status', 'listeningScore'])]:
                for n in names:
                    c = cell(r, n)
                    v = c.value
                    if isinstance(v, datetime.datetime): v = v.isoformat()
                    out.append(f"{r} {n} {v!r} {c.data_type} {c.number_format}")
            out.append(f"formulas {sum(1 for row in ws.iter_rows() for c in row if c.data_type == 'f')}")
            widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, 6)]
            out.append(f"widths {widths}")
            print("\n".join(out))
            """#
        let printed = try Tool.run("python3", ["-c", script, path])
        #expect(
            printed == #"""
                sheet Scores rows 13 cols 73 frozen A2 filter A1:BU13
                bold True
                2 trfNumber '26GB000001GARM001A' s @
                2 candidateNumber '020279' s @
                2 postcode '00501' s @
                2 overallBandScore 6.5 n 0.0
                2 listeningScore 7.0 n 0.0
                2 testDate '2026-01-05T00:00:00' d dd/mm/yyyy
                2 dateOfBirth '2003-04-14T00:00:00' d dd/mm/yyyy
                2 familyName 'García' s @
                2 lastModified '2026-01-20T09:08:57' d yyyy-mm-dd"T"hh:mm:ss
                9 appointmentNumber '2026011000000002' s @
                9 overallBandScore 98 n 0
                9 readingScore 27 n 0
                9 postcode '07001' s @
                9 myBestListeningDate '2025-01-01T00:00:00' d dd/mm/yyyy
                10 familyName '=HYPERLINK("http://x")' s @
                10 addressLine2 "12 Rue de l'Église\nBâtiment C" s @
                11 status 'CANCELLED' s @
                11 listeningScore None n General
                formulas 0
                widths [14.0, 17.0, 13.0, 12.0, 18.0]

                """#)
    }

    @Test func refusesATerminalButWritesToAPipe() throws {
        let piped = try BinaryRunner.run(["convert", "--format", "xlsx"] + Self.inputs)
        #expect(piped.status == 0)
        #expect(piped.stdout.prefix(2) == Data("PK".utf8))
    }

    @Test func duplicatesAreDroppedFromTheSheetToo() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("dups.xlsx").path
        let result = try BinaryRunner.run([
            "convert", "-f", "xlsx", "-t", "compact", "-o", path, Self.inputs[0],
            Self.inputs[0],
        ])
        #expect(result.status == 0)
        let rows = try Tool.run(
            "python3",
            [
                "-c",
                "import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; print(ws.max_row, ws.auto_filter.ref)",
                path,
            ])
        // The compact template's 15 columns (ieltsEquivalent last).
        #expect(rows == "7 A1:O7\n")
    }

    /// Every part is deflated (method 8), Python's zipfile verifies every CRC, and the sheet is a fraction of its XML.
    @Test func everyPartIsDeflatedAndTheFileIsSmall() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("scores.xlsx").path
        let result = try BinaryRunner.run(["convert", "-q", "-f", "xlsx", "-o", path] + Self.inputs + Self.inputs)
        #expect(result.status == 0, "\(result.stderrText)")
        let script = """
            import zipfile, sys
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            sheet = z.getinfo('xl/worksheets/sheet1.xml')
            print(sorted({i.compress_type for i in z.infolist()}), sheet.compress_size * 5 < sheet.file_size)
            """
        #expect(try Tool.run("python3", ["-c", script, path]) == "[8] True\n")
    }

    /// A telephone number keeps its `+` and stays text: typed cells need no formula guard.
    @Test func telephoneKeepsItsPlusAsText() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.csv")
        try Data(
            "trfNumber,familyName,Telephone,postcode\r\n26GB000001GARM001A,Smith,+44 20 7946 0958,01234\r\n".utf8
        ).write(to: input)
        let withPhone = directory.appendingPathComponent("phone.xlsx").path
        let full = try BinaryRunner.run(["convert", "-q", "-f", "xlsx", "-o", withPhone, input.path])
        #expect(full.status == 0, "\(full.stderrText)")
        let read = """
            import openpyxl, sys
            ws = openpyxl.load_workbook(sys.argv[1]).active
            col = {c.value: c.column for c in ws[1]}
            for name in ['Telephone', 'postcode']:
                c = ws.cell(row=2, column=col[name])
                print(repr(c.value), c.data_type)
            """
        #expect(try Tool.run("python3", ["-c", read, withPhone]) == "'+44 20 7946 0958' s\n'01234' s\n")
    }

    /// LibreOffice headless opens the workbook and shows every value as scoreimport's own CSV has it
    /// (`make verify-xlsx`).
    @Test(.enabled(if: Tool.exists("soffice") || ProcessInfo.processInfo.environment["CI"] == "true"))
    func libreOfficeShowsEveryValue() throws {
        let script = Paths.repository.appendingPathComponent("Tests/verify-xlsx.sh")
        let result = try Tool.capture(script, [BinaryRunner.binary.path], directory: Paths.repository)
        let printed = String(decoding: result.stdout, as: UTF8.self)
        #expect(result.status == 0, "\(printed)\(String(decoding: result.stderr, as: UTF8.self))")
        #expect(printed.hasSuffix("12 rows x 73 columns, 0 differences\n"))
    }

    /// Spreadsheets drop rows past 1,048,576: such a sheet is refused at commit, not written short.
    @Test func refusesMoreRowsThanSpreadsheetsOpen() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 22).unsafelyUnwrapped
        let writer = XLSXWriter(
            options: WriterOptions(
                fields: Template.compact.fields, context: RenderContext(dateFormat: .isoDate, downloadDate: today)))
        let fd = try TemporaryFile.anonymous()
        defer { close(fd) }
        #expect(throws: IOError.self) {
            try writer.package(rows: 1_048_576, into: fd, name: "big.xlsx")
        }
        try writer.package(rows: 1_048_575, into: fd, name: "big.xlsx")
        #expect(lseek(fd, 0, SEEK_END) > 0)
    }
}

import Foundation
import Testing

/// Workbooks made by the tools admissions staff use, read by the built binary as `convert` and `check` read them.
@Suite struct XLSXInputTests {
    /// The table every generator below writes: shared strings, numbers, dates, a date and time, a gap.
    static let rows = """
        head = ["trfNumber", "Family Name", "firstName", "Date of Birth", "testDate", "Module", "listeningScore",
                "readingScore", "writingScore", "speakingScore", "overallBandScore", "candidateNumber", "postcode",
                "Telephone", "lastModified"]
        rows = [
          ["26GB000001GARM001A", "García", "Ana", datetime.date(2003, 4, 14), datetime.date(2026, 1, 5), "Academic",
           7, 6.5, 6, 6.5, 6.5, "020279", "00501", "+44 20 7946 0958", datetime.datetime(2026, 1, 20, 9, 8, 57)],
          ["26GB000002SMIT002A", "O'Brien & <Sons>", "Zoë", datetime.date(1999, 12, 31), datetime.date(2026, 2, 1),
           "General Training", 8, 8.5, 7.5, 8, 8, 12345, 1234, 441234567890, None],
        ]
        """

    /// The records the table above gives, in the compact template, with lastModified and the id-like fields.
    static let expected = """
        testType,scoreId,familyName,firstName,dateOfBirth,testDate,listeningScore,readingScore,writingScore,\
        speakingScore,overallBandScore,candidateNumber,postcode,Telephone,lastModified
        IELTS Academic,26GB000001GARM001A,García,Ana,2003-04-14,2026-01-05,7.0,6.5,6.0,6.5,6.5,020279,00501,\
        +44 20 7946 0958,2026-01-20T09:08:57
        IELTS General Training,26GB000002SMIT002A,O'Brien & <Sons>,Zoë,1999-12-31,2026-02-01,8.0,8.5,7.5,8.0,8.0,\
        12345,1234,441234567890,

        """

    static let template = """
        {"name": "check", "format": "csv", "dateFormat": "yyyy-mm-dd", "fields": ["testType", "scoreId",
         "familyName", "firstName", "dateOfBirth", "testDate", "listeningScore", "readingScore", "writingScore",
         "speakingScore", "overallBandScore", "candidateNumber", "postcode", "Telephone", "lastModified"]}
        """

    /// Converts `path` with the template above; returns the CSV (LF line ends) and stderr.
    static func convert(_ path: String, _ extra: [String] = [], in directory: URL) throws -> (
        status: Int32, csv: String, stderr: String
    ) {
        let template = directory.appendingPathComponent("template.json")
        try Data(Self.template.utf8).write(to: template)
        let result = try BinaryRunner.run(["convert", "--no-formula-guard", "-t", template.path] + extra + [path])
        return (result.status, result.stdoutText.replacingOccurrences(of: "\r\n", with: "\n"), result.stderrText)
    }

    @Test func openpyxlWorkbookReadsToTheRecords() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("openpyxl.xlsx").path
        let script = """
            import datetime, sys, openpyxl
            \(Self.rows)
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "Results"
            ws.append(head)
            for r in rows: ws.append(r)
            wb.create_sheet("Notes").append(["nothing here"])
            wb.save(sys.argv[1])
            """
        _ = try Tool.run("python3", ["-c", script, path])
        let result = try Self.convert(path, in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.csv == Self.expected)
        #expect(Self.numberWarnings(result.stderr) == ["2 candidateNumber", "2 postcode", "2 Telephone"])
    }

    /// A candidate number in a number cell has lost its leading zero: one warning says why, not a second one
    /// counting its digits.
    @Test func aNumberCellIdIsOneWarning() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("number.xlsx").path
        let script = """
            import sys, openpyxl
            wb = openpyxl.Workbook()
            wb.active.append(["trfNumber", "familyName", "testDate", "Module", "candidateNumber"])
            wb.active.append(["26GB000001GARM001A", "Ode", "20260105", "Academic", 20279])
            wb.save(sys.argv[1])
            """
        _ = try Tool.run("python3", ["-c", script, path])
        let result = try BinaryRunner.run(["check", "number.xlsx"], in: directory)
        let warnings = result.stderrText.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(warnings.count == 1)
        #expect(Self.numberWarnings(result.stderrText) == ["1 candidateNumber"])
        #expect(result.stderrText.contains("warnings 1,"))
    }

    @Test func xlsxwriterWorkbookWithFormatsAndRichTextReadsToTheRecords() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("xlsxwriter.xlsx").path
        let script = """
            import datetime, sys, xlsxwriter
            \(Self.rows)
            wb = xlsxwriter.Workbook(sys.argv[1])
            ws = wb.add_worksheet("Scores")
            day = wb.add_format({"num_format": "dd/mm/yyyy"})
            stamp = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
            for c, h in enumerate(head): ws.write_string(0, c, h)
            for r, row in enumerate(rows, start=1):
                for c, v in enumerate(row):
                    if isinstance(v, datetime.datetime): ws.write_datetime(r, c, v, stamp)
                    elif isinstance(v, datetime.date): ws.write_datetime(r, c, v, day)
                    elif v is not None: ws.write(r, c, v)
            # A rich-text name, and a row after a gap of two rows, with a gap of columns.
            ws.write_rich_string(1, 1, "Gar", wb.add_format({"bold": True}), "cía")
            ws.write_string(5, 0, "26GB000003GAPS003A")
            ws.write_string(5, 5, "Academic")
            ws.write_number(5, 10, 5.5)
            wb.close()
            """
        _ = try Tool.run("python3", ["-c", script, path])
        let result = try Self.convert(path, in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.csv == Self.expected + "IELTS Academic,26GB000003GAPS003A,,,,,,,,,5.5,,,,\n")
    }

    /// LibreOffice headless converts a UTF-8 CSV to XLSX, as a user saving a CSV as a workbook would; the numbers it
    /// makes of candidate numbers and postcodes are warned about, the zeros already gone.
    @Test(.enabled(if: Tool.exists("soffice") || ProcessInfo.processInfo.environment["CI"] == "true"))
    func libreOfficeWorkbookReadsToTheRecords() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("scores.csv")
        try Data(
            """
            trfNumber,familyName,firstName,dateOfBirth,testDate,Module,listeningScore,overallBandScore,candidateNumber,postcode,Telephone
            26GB000001GARM001A,García,Ana,2003-04-14,2026-01-05,Academic,7.0,6.5,020279,00501,+44 20 7946 0958
            26GB000002SMIT002A,"Smith, Jr.",Bo,1999-12-31,2026-02-01,General Training,8,8.0,12345,1234,01234 567890

            """.utf8
        ).write(to: csv)
        _ = try Tool.run(
            "soffice",
            [
                "-env:UserInstallation=file://\(directory.path)/profile", "--headless", "--infilter=CSV:44,34,76,1",
                "--convert-to", "xlsx", "--outdir", directory.path, csv.path,
            ])
        let result = try Self.convert(directory.appendingPathComponent("scores.xlsx").path, in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.csv == """
                testType,scoreId,familyName,firstName,dateOfBirth,testDate,listeningScore,readingScore,writingScore,\
                speakingScore,overallBandScore,candidateNumber,postcode,Telephone,lastModified
                IELTS Academic,26GB000001GARM001A,García,Ana,2003-04-14,2026-01-05,7.0,,,,6.5,20279,501,\
                +44 20 7946 0958,
                IELTS General Training,26GB000002SMIT002A,"Smith, Jr.",Bo,1999-12-31,2026-02-01,8.0,,,,8.0,12345,1234,\
                01234 567890,

                """)
        #expect(
            Self.numberWarnings(result.stderr) == [
                "1 candidateNumber", "1 postcode", "2 candidateNumber", "2 postcode",
            ])
    }

    /// The project's own XLSX (inline strings, date cells, scores with their scale's decimals) reads back to the
    /// same records as its CSV, for every field of the e-delivery template.
    @Test func ownXLSXReadsBackToTheSameRecordsAsItsCSV() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = XLSXOutputTests.inputs
        let xlsx = directory.appendingPathComponent("own.xlsx").path
        let written = try BinaryRunner.run(["convert", "-q", "-f", "xlsx", "--no-formula-guard", "-o", xlsx] + inputs)
        #expect(written.status == 0)
        let original = try BinaryRunner.run(["convert", "--no-formula-guard"] + inputs)
        let again = try BinaryRunner.run(["convert", "--no-formula-guard", xlsx])
        #expect(again.status == 0, "\(again.stderrText)")
        #expect(again.stdoutText == original.stdoutText)
        #expect(!again.stdoutText.isEmpty)
        let checked = try BinaryRunner.run(["check", xlsx])
        #expect(checked.stderrText.contains("read 12, checked 12, warnings 9"))
    }

    /// Spaces around a value survive the project's own workbook (it names itself in docProps/app.xml); once a
    /// spreadsheet program has saved the workbook, they are trimmed as a person's typing is.
    @Test func ownXLSXKeepsSurroundingSpacesUntilAProgramSavesIt() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Quoted, as the project's own CSV writes them: spaces inside quotes are data.
        let csv = """
            trfNumber,familyName,firstName,Module,testDate,overallBandScore,addressLine1
            26GB000001WANG001A,"  Wang ",Li,GT,20261001,7.0," -5"

            """
        try Data(csv.utf8).write(to: directory.appendingPathComponent("spaces.csv"))
        let xlsx = directory.appendingPathComponent("own.xlsx").path
        #expect(try BinaryRunner.run(["convert", "-q", "-o", xlsx, "spaces.csv"], in: directory).status == 0)
        let fields = ["-f", "json", "--no-formula-guard"]
        let original = try BinaryRunner.run(["convert", "-q"] + fields + ["spaces.csv"], in: directory)
        let again = try BinaryRunner.run(["convert", "-q"] + fields + [xlsx], in: directory)
        #expect(again.status == 0, "\(again.stderrText)")
        #expect(again.stdoutText == original.stdoutText)
        #expect(again.stdoutText.contains(#""familyName": "  Wang ""#))
        #expect(again.stdoutText.contains(#""addressLine1": " -5""#))
        let saved = directory.appendingPathComponent("saved.xlsx").path
        _ = try Tool.run(
            "python3",
            ["-c", "import openpyxl, sys; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])", xlsx, saved])
        let trimmed = try BinaryRunner.run(["convert", "-q"] + fields + [saved], in: directory)
        #expect(trimmed.status == 0, "\(trimmed.stderrText)")
        #expect(trimmed.stdoutText.contains(#""familyName": "Wang""#))
        #expect(trimmed.stdoutText.contains(#""addressLine1": "-5""#))
    }

    /// Date cells are dates whatever format the dates typed in as text use: they do not vote on that format, and
    /// are not read in it. Two date cells beside one row of dd/mm text dates: all three read right, no warning.
    @Test func dateCellsDoNotOutvoteDatesTypedAsText() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mixed.xlsx").path
        let script = """
            import datetime, sys, openpyxl
            wb = openpyxl.Workbook(); ws = wb.active
            ws.append(["trfNumber", "familyName", "dateOfBirth", "testDate", "Module", "overallBandScore"])
            ws.append(["26GB000001AAAA001A", "Able", datetime.date(1999, 3, 15), datetime.date(2026, 1, 10), "AC", 7])
            ws.append(["26GB000002BBBB001A", "Baker", datetime.date(1998, 5, 1), datetime.date(2026, 1, 10), "AC", 6])
            ws.append(["26GB000003CCCC001A", "Cole", "25/12/2001", "13/01/2026", "AC", 6])
            wb.save(sys.argv[1])
            """
        _ = try Tool.run("python3", ["-c", script, path])
        for extra in [[], ["--input-date-format", "dd/mm/yyyy"]] {
            let result = try BinaryRunner.run(["convert", "-t", "compact", "-f", "csv"] + extra + [path])
            #expect(result.status == 0, "\(result.stderrText)")
            let rows = result.stdoutText.split(separator: "\r\n").dropFirst().map {
                $0.split(separator: ",", omittingEmptySubsequences: false)
            }
            #expect(
                rows.map { "\($0[5]) \($0[6])" } == [
                    "1999-03-15 2026-01-10", "1998-05-01 2026-01-10", "2001-12-25 2026-01-13",
                ])
            #expect(!result.stderrText.contains("date"), "\(result.stderrText)")
        }
    }

    @Test func sheetOptionChoosesTheSheetAndNamesTheSheetsWhenAbsent() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("two.xlsx").path
        let script = """
            import sys, openpyxl
            wb = openpyxl.Workbook()
            wb.active.title = "Cover"
            wb.active.append(["nothing to import"])
            ws = wb.create_sheet("IELTS March")
            ws.append(["trfNumber", "familyName", "overallBandScore"])
            ws.append(["26GB000009MARC009A", "Okafor", 7.5])
            wb.save(sys.argv[1])
            wb["Cover"].sheet_state = "hidden"
            wb.active = 1
            wb.save(sys.argv[2])
            """
        let hidden = directory.appendingPathComponent("hidden-cover.xlsx").path
        _ = try Tool.run("python3", ["-c", script, path, hidden])
        let chosen = try BinaryRunner.run(["convert", "-t", "compact", "--sheet", "IELTS March", path])
        #expect(chosen.status == 0, "\(chosen.stderrText)")
        #expect(chosen.stdoutText.contains("IELTS Academic,26GB000009MARC009A,REPORTED,Okafor,"))
        let first = try BinaryRunner.run(["check", path])
        #expect(first.status == 65)
        #expect(first.stderrText.contains("row 1 of sheet \"Cover\" holds no E-Delivery column headings"))
        // A hidden first sheet is passed over, as a spreadsheet opens on the first visible one; stdin works too.
        let visible = try BinaryRunner.run(
            ["convert", "-t", "compact", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: hidden)))
        #expect(visible.status == 0, "\(visible.stderrText)")
        #expect(visible.stdoutText == chosen.stdoutText)
        let missing = try BinaryRunner.run(["check", "--sheet", "April", path])
        #expect(missing.status == 64)
        #expect(
            missing.stderrText.contains("--sheet \"April\": no such sheet; the sheets are \"Cover\", \"IELTS March\""))
    }

    /// "N field" for each "a spreadsheet turned this into a number" warning on stderr.
    static func numberWarnings(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").compactMap { line in
            guard line.contains("a spreadsheet turned this into a number"),
                let record = line.firstRange(of: "record ").map({ line[$0.upperBound...].prefix { $0.isNumber } }),
                let field = line.split(separator: "): ").last?.split(separator: ":").first
            else { return nil }
            return "\(record) \(field)"
        }
    }
}

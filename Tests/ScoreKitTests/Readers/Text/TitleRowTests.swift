import Foundation
import Testing

/// A report's title above the header row (Excel exports of a query, a colleague's sheet): up to three rows of one
/// or two values, none a heading, are skipped with a note, in CSV and XLSX; a row of more values is data, and the
/// header row is missing, as before. The note and the errors quote nothing of the rows.
@Suite struct TitleRowTests {
    static let header = ["trfNumber", "Module", "familyName", "testDate", "overallBandScore"]
    static let row = ["26GB000111AAAA001A", "Academic", "Tanaka", "2026-03-01", "7.0"]

    @Test(arguments: [",", ";", "\t"])
    func titleLinesAboveTheHeaderAreSkipped(delimiter: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("titled.csv").path
        // As Excel saves a sheet with a title in A1: padded with delimiters to the table's width.
        try RealTools.pythonCSV(
            [
                ["IELTS results for Tanaka", "", "", "", ""], ["Exported 2026-11-20", "", "", "", ""], [],
                Self.header, Self.row,
            ], to: path, delimiter: delimiter)
        let result = try BinaryRunner.run(["convert", "-t", "compact", "titled.csv"], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("26GB000111AAAA001A,REPORTED,Tanaka"))
        #expect(result.stderrText.contains("titled.csv: skipped 2 title lines above the header row (line 4)"))
        #expect(!result.stderrText.contains("Tanaka") && !result.stderrText.contains("Exported"))
    }

    @Test func aHeaderlessFileIsStillAnError() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("data.csv").path
        // A first row of two values, then data: four rows without a header.
        try RealTools.pythonCSV([["Tanaka", "Yuki"], Self.row, Self.row, Self.row], to: path)
        let result = try BinaryRunner.run(["convert", "data.csv"], in: directory)
        #expect(result.status == 65)
        #expect(result.stderrText.contains("the first line (2 fields separated by commas) holds no E-Delivery column"))
        #expect(!result.stderrText.contains("Tanaka") && !result.stderrText.contains("26GB"))
        // Four title-like rows are too many: the fourth is taken for data.
        try RealTools.pythonCSV([["a"], ["b"], ["c"], ["d"], Self.header, Self.row], to: path)
        #expect(try BinaryRunner.run(["convert", "data.csv"], in: directory).status == 65)
    }

    @Test func titleRowsInAWorkbookAreSkipped() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("titled.xlsx").path
        let script = """
            import sys, openpyxl
            wb = openpyxl.Workbook()
            ws = wb.active
            ws["A1"] = "IELTS results for Tanaka"
            ws["C2"] = "Exported 2026-11-20"
            ws.append(\(Self.header))
            ws.append(\(Self.row))
            wb.save(sys.argv[1])
            """
        _ = try Tool.run("python3", ["-c", script, path])
        let result = try BinaryRunner.run(["convert", "-t", "compact", "titled.xlsx"], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("26GB000111AAAA001A,REPORTED,Tanaka"))
        #expect(result.stderrText.contains("titled.xlsx: skipped 2 title rows above the header row (row 3)"))
        #expect(!result.stderrText.contains("Exported"))
    }
}

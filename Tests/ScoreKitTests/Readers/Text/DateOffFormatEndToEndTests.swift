import Foundation
import Testing

/// A date that fits another format than the one its file settled is named against that format, never quoted; only
/// a value no format reads is "not a date in any format read". Inputs made with Python's csv and openpyxl.
@Suite struct DateOffFormatEndToEndTests {
    static let heading = [
        "trfNumber", "familyName", "Module", "dateOfBirth", "testDate", "listeningScore", "readingScore",
        "writingScore", "speakingScore", "overallBandScore",
    ]
    static let scores = ["7", "7", "7", "7", "7"]

    static func warnings(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").filter { $0.contains("warning:") }.map(String.init)
    }

    @Test(arguments: [
        // Day-first by 25/12; 05/13/2001 is a month-first date.
        ("25/12/1999", "14/01/2026", "05/13/2001", "15/01/2026", "dd/mm/yyyy or dd.mm.yyyy"),
        // Dotted day-first; 3/4/03 is mm/dd/yy.
        ("25.12.1999", "14.01.2026", "3/4/03", "15.01.2026", "dd/mm/yyyy or dd.mm.yyyy"),
        // Month-first by 12/25; 25/12/2001 is a day-first date.
        ("12/25/1999", "01/14/2026", "25/12/2001", "01/15/2026", "mm/dd/yyyy"),
    ])
    func aDateOfAnotherFormatNamesTheFilesFormat(
        birth: String, test: String, offBirth: String, offTest: String, format: String
    ) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try ValidationEndToEndTests.writeCSV(
            [
                Self.heading, ["26X1", "Ode", "Academic", birth, test] + Self.scores,
                ["26X2", "Lee", "Academic", offBirth, offTest] + Self.scores,
                ["26X3", "Kim", "Academic", "31-31-2001", offTest] + Self.scores,
            ], "dates.csv", in: directory)
        let result = try BinaryRunner.run(["check", "dates.csv"], in: directory)
        #expect(result.status == 1)
        #expect(
            Self.warnings(result.stderrText) == [
                "scoreimport: warning: dates.csv: record 2 (id 26X2): dateOfBirth is not a \(format) date, the "
                    + "format this file's dates use",
                "scoreimport: warning: dates.csv: record 3 (id 26X3): dateOfBirth is not a date in any format read "
                    + "(yyyymmdd, dd/mm/yyyy or dd.mm.yyyy, mm/dd/yyyy, yyyy-mm-dd, mm/dd/yy, mmddyyyy; day and month "
                    + "may be unpadded)",
            ])
        for value in [offBirth, "31-31"] { #expect(!result.stderrText.contains(value)) }
    }

    /// A date typed as text among date cells is read in the format the text dates settle (here only dd/mm/yyyy
    /// reads 14/04): the date cells are dates whatever it is, and do not vote.
    @Test func aTextDateAmongDateCellsIsReadInItsOwnFormat() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("dates.xlsx").path
        let script = """
            import datetime, sys, openpyxl
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.append(\(Self.heading))
            ws.append(["26X1", "Ode", "Academic", datetime.date(1999, 12, 25), datetime.date(2026, 1, 14), 7, 7, 7, 7, 7])
            ws.append(["26X2", "Lee", "Academic", "14/04/2003", datetime.date(2026, 1, 15), 7, 7, 7, 7, 7])
            wb.save(sys.argv[1])
            """
        _ = try Tool.run("python3", ["-c", script, path])
        let result = try BinaryRunner.run(["check", "dates.xlsx"], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(Self.warnings(result.stderrText) == [])
        let converted = try BinaryRunner.run(["convert", "-t", "compact", "dates.xlsx"], in: directory)
        #expect(converted.stdoutText.contains(",1999-12-25,2026-01-14,"))
        #expect(converted.stdoutText.contains(",2003-04-14,2026-01-15,"))
    }
}

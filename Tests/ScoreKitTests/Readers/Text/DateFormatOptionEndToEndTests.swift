import Foundation
import Testing

/// `--input-date-format` and `--applicant-date-format` through the built binary: they decide for a file whose
/// dates fit more than one format (or that has none), and never turn round the dates of a file whose own dates
/// settle the format. Inputs written by Python's csv and json, the output read back by Python's csv.
@Suite struct DateFormatOptionEndToEndTests {
    static func write(_ rows: [[String]], _ name: String, in directory: URL) throws {
        try RealTools.pythonCSV(rows, to: directory.appendingPathComponent(name).path)
    }

    @Test func theOptionLeavesAFileWhoseDatesSettleTheFormatAlone() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let heading = ["testDate", "dateOfBirth", "familyName", "firstName", "trfNumber", "Module"]
        try Self.write(
            [heading, ["01/02/2026", "03/04/2000", "Kim", "Min", "26KR1", "Academic"]], "ambiguous.csv", in: directory)
        try Self.write(
            [heading, ["01/05/2026", "12/31/1999", "Lee", "Ana", "26KR2", "Academic"]], "settled.csv", in: directory)
        try Self.write(
            [["familyName", "firstName", "trfNumber", "Module"], ["Park", "Ji", "26KR3", "Academic"]], "nodates.csv",
            in: directory)
        // The project's own JSON input, with the settled file's dates.
        try Data(
            #"[{"testDate": "01/05/2026", "dateOfBirth": "12/31/1999", "familyName": "Oh", "trfNumber": "26KR4", "Module": "Academic"}]"#
                .utf8
        )
        .write(to: directory.appendingPathComponent("settled.json"))
        let out = directory.appendingPathComponent("out.csv").path
        let result = try BinaryRunner.run(
            [
                "convert", "-t", "compact", "--input-date-format", "dd/mm/yyyy", "-o", out, "ambiguous.csv",
                "settled.csv", "nodates.csv", "settled.json",
            ], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        let rows = try RealTools.pythonCSVRows(out)
        #expect(rows.map { $0["testDate"] ?? "" } == ["2026-02-01", "2026-01-05", "", "2026-01-05"])
        #expect(rows.map { $0["dateOfBirth"] ?? "" } == ["2000-04-03", "1999-12-31", "", "1999-12-31"])
        let note =
            "dates read as mm/dd/yyyy, the only format every one of them fits: --input-date-format dd/mm/yyyy is for "
            + "files whose dates fit more than one format"
        let lines = result.stderrText.split(separator: "\n").map(String.init)
        #expect(
            lines.filter { $0.contains("dates read as") } == [
                "scoreimport: note: settled.csv: " + note, "scoreimport: note: settled.json: " + note,
            ])
        // The file without dates has a result whose validity cannot be checked: the one warning.
        #expect(
            lines.filter { $0.contains("warning:") } == [
                "scoreimport: warning: nodates.csv: record 1 (id 26KR3): testDate is missing: the result's 2-year "
                    + "validity cannot be checked"
            ])
        // Without the option the ambiguous file stops the run, as before.
        #expect(try BinaryRunner.run(["check", "ambiguous.csv"], in: directory).status == 65)
    }

    /// A colleague's sheet: test dates and dates of birth retyped as dd/mm or mm/dd (each fits both), the download
    /// date left as it came. The download date is the run's own and never read: it settles nothing, and the file
    /// stops the run until the option says which; with it, every date reads that way. Formats that read as many
    /// dates as each other are a tie, never the first of them: once that was dd/mm, with exit 0.
    @Test(arguments: ["20261101", "2026-11-01"])
    func retypedDatesBesideTheDownloadDateAreAmbiguous(downloadDate: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.write(
            [
                ["testDate", "familyName", "firstName", "trfNumber", "Module", "dateOfBirth", "downloadDate"],
                ["03/04/2026", "Kim", "Min", "26KR000001KIMM001A", "Academic", "05/06/1999", downloadDate],
            ], "retyped.csv", in: directory)
        for command in ["check", "convert"] {
            let stopped = try BinaryRunner.run([command, "retyped.csv"], in: directory)
            #expect(stopped.status == 65, "\(command): \(stopped.stderrText)")
            #expect(stopped.stderrText.contains("dd/mm/yyyy or mm/dd/yyyy"))
            #expect(stopped.stderrText.contains("testDate on line 2"))
            #expect(!stopped.stderrText.contains("03/04") && !stopped.stderrText.contains("05/06"))
        }
        // Dates that settle a format beside the download date are read in it.
        try Self.write(
            [
                ["testDate", "familyName", "firstName", "trfNumber", "Module", "dateOfBirth", "downloadDate"],
                ["03/04/2026", "Kim", "Min", "26KR000001KIMM001A", "Academic", "05/26/1999", downloadDate],
            ], "settled.csv", in: directory)
        for (file, option, testDate, birth) in [
            ("retyped.csv", ["--input-date-format", "mm/dd/yyyy"], "2026-03-04", "1999-05-06"),
            ("retyped.csv", ["--input-date-format", "dd/mm/yyyy"], "2026-04-03", "1999-06-05"),
            ("settled.csv", [], "2026-03-04", "1999-05-26"),
        ] {
            let out = directory.appendingPathComponent("out.csv").path
            let arguments = ["convert", "-t", "compact"] + option + ["-o", out, file]
            let result = try BinaryRunner.run(arguments, in: directory)
            #expect(result.status == 0, "\(file) \(option): \(result.stderrText)")
            let rows = try RealTools.pythonCSVRows(out)
            #expect(rows.map { $0["testDate"] ?? "" } == [testDate], "\(file) \(option)")
            #expect(rows.map { $0["dateOfBirth"] ?? "" } == [birth], "\(file) \(option)")
        }
    }

    @Test func theApplicantDateFormatLeavesSettledDatesOfBirthAlone() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.write(
            [
                ["trfNumber", "familyName", "firstName", "dateOfBirth", "testDate", "Module"],
                ["26KR2", "Lee", "Ana", "1999-12-31", "2026-01-05", "Academic"],
            ], "scores.csv", in: directory)
        try Self.write(
            [
                ["ID", "Surname", "Given Name", "DOB"], ["A1", "Lee", "Ana", "12/31/1999"],
                ["A2", "Kim", "Min", "01/02/2000"],
            ],
            "applicants.csv", in: directory)
        let out = directory.appendingPathComponent("out.csv").path
        let result = try BinaryRunner.run(
            [
                "convert", "-t", "compact", "--applicants", "applicants.csv", "--applicant-date-format", "dd/mm/yyyy",
                "-o", out, "scores.csv",
            ], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try RealTools.pythonCSVRows(out).map { $0["applicantId"] ?? "" } == ["A1"])
        #expect(
            result.stderrText.contains(
                "scoreimport: note: applicants.csv: dates read as mm/dd/yyyy, the only format every one of them fits: "
                    + "--applicant-date-format dd/mm/yyyy is for files whose dates fit more than one format"))
    }
}

import Foundation
import Testing

/// Score files headed as exports and spreadsheets head them ("Surname", "DOB", "Listening", "Overall"), written
/// by Python's csv and openpyxl, read by the built binary: every value lands in its field, and a heading no field
/// has is named in a note with the closest field.
@Suite struct HeadingSynonymEndToEndTests {
    static let heading = [
        "TRF", "Surname", "Given Name", "DOB", "Email", "Module", "Test Date", "Listening", "Reading", "Writting",
        "Speaking", "Overall",
    ]
    static let row = [
        "26GB000001GARM001A", "García", "María", "2003-04-14", "maria@example.org", "Academic", "2026-01-05", "7.0",
        "6.5", "6.0", "7.0", "6.5",
    ]

    /// Writes `rows` as `format` (csv or xlsx) with Python's csv or openpyxl.
    static func write(_ rows: [[String]], format: String, to path: String) throws {
        if format == "csv" { return try RealTools.pythonCSV(rows, to: path) }
        let writer =
            "import json, sys, openpyxl; wb = openpyxl.Workbook(); "
            + "[wb.active.append(r) for r in json.load(sys.stdin)]; wb.save(sys.argv[1])"
        _ = try Tool.run("python3", ["-c", writer, path], stdin: try JSONSerialization.data(withJSONObject: rows))
    }

    @Test(arguments: ["csv", "xlsx"])
    func commonHeadingsAreRead(format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("scores.\(format)").path
        try Self.write([Self.heading, Self.row], format: format, to: input)
        let out = directory.appendingPathComponent("out.csv").path
        let result = try BinaryRunner.run(["convert", "-t", "e-delivery", "-o", out, input])
        #expect(result.status == 0, "\(result.stderrText)")
        let record = try #require(try RealTools.pythonCSVRows(out).first)
        #expect(record["trfNumber"] == "26GB000001GARM001A")
        #expect(record["familyName"] == "García" && record["firstName"] == "María")
        #expect(record["dateOfBirth"] == "20030414" && record["candidateEmail"] == "maria@example.org")
        #expect(record["listeningScore"] == "7.0" && record["readingScore"] == "6.5")
        #expect(record["speakingScore"] == "7.0" && record["overallBandScore"] == "6.5")
        // The misspelt column is ignored, named with the field it is closest to, and its section is missing.
        #expect(record["writingScore"] == "")
        #expect(
            result.stderrText.contains(
                "ignoring column \"Writting\", which is not a template field (see `scoreimport templates e-delivery`); "
                    + "did you mean \"Writing\"?"))
        #expect(result.stderrText.contains("writingScore is missing beside the other scores"))
        #expect(!result.stderrText.contains("García") && !result.stderrText.contains("2003"))
    }

    @Test func checkFindsNothingWrongWithAWellHeadedFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("scores.csv").path
        let heading = [
            "TRF", "Last Name", "Given Name", "Birthdate", "Module", "Test Date", "Listening", "Reading", "Writing",
            "Speaking", "Overall Band",
        ]
        let row = [
            "26GB000001GARM001A", "Lee", "Min", "2001-02-03", "Academic", "2026-01-05", "7.0", "6.5", "6.0", "7.0",
            "6.5",
        ]
        try Self.write([heading, row], format: "csv", to: input)
        let result = try BinaryRunner.run(["check", input])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(!result.stderrText.contains("ignoring column"))
        #expect(result.stderrText.contains("warnings 0,"))
    }

    /// A heading typed with a line break in its cell (Alt+Enter: "Family\nName"), and TOEFL's "Total", are read;
    /// a first name without a family name (a column lost) is a warning, so `check` is not clean.
    @Test(arguments: ["csv", "xlsx"])
    func aHeadingWithALineBreakIsReadAndALostFamilyNameIsSaid(format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("scores.\(format)").path
        let heading = ["Appointment Number", "Family\nName", "First Name", "Test Date", "Total"]
        try Self.write([heading, ["2026012200000004", "Roe", "Rae", "2026-01-22", "98"]], format: format, to: input)
        let out = directory.appendingPathComponent("out.csv").path
        let result = try BinaryRunner.run(["convert", "-t", "compact", "-o", out, input])
        #expect(result.status == 0, "\(result.stderrText)")
        let record = try #require(try RealTools.pythonCSVRows(out).first)
        #expect(record["familyName"] == "Roe" && record["overallBandScore"] == "98")
        #expect(!result.stderrText.contains("ignoring column"))
        let lost = directory.appendingPathComponent("lost.\(format)").path
        try Self.write(
            [["Appointment Number", "Famly Nmae", "First Name", "Total"], ["2026012200000004", "Roe", "Rae", "98"]],
            format: format, to: lost)
        let check = try BinaryRunner.run(["check", lost])
        #expect(check.status == 1, "\(check.stderrText)")
        #expect(check.stderrText.contains("no family name beside the first name"))
        #expect(!check.stderrText.contains("Roe"))
    }

    /// A file without its header row whose first record holds a synonym as a value (Reading is a town and a
    /// family name): the row is not taken for headings, so its other values are never quoted as unknown columns.
    @Test(arguments: ["csv", "xlsx"])
    func aRowOfDataIsNotTakenForHeadings(format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("scores.\(format)").path
        let rows = [
            ["26GB000001READ001A", "Reading", "Ann", "1999-12-31", "Academic", "2026-01-05", "7.0", "Reading"],
            ["26GB000002READ002A", "Okafor", "Ngozi", "2000-01-02", "Academic", "2026-01-05", "6.5", "Leeds"],
        ]
        try Self.write(rows, format: format, to: input)
        let result = try BinaryRunner.run(["check", input])
        #expect(result.status == 65, "\(result.stderrText)")
        #expect(result.stderrText.contains("holds no E-Delivery column headings"))
        #expect(!result.stderrText.contains("ignoring column"))
        for value in ["Reading", "Ann", "1999", "READ001A"] {
            #expect(!result.stderrText.contains(value), "\(value) quoted: \(result.stderrText)")
        }
    }
}

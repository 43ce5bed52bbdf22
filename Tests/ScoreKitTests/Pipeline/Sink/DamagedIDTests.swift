import Foundation
import Testing

/// Ids a spreadsheet damaged are no keys: two people's results whose appointment numbers became the same
/// `2.02601E+15`, or the same 15-digit number cell, are both delivered, not one dropped as the other's duplicate.
@Suite struct DamagedIDTests {
    @Test func scientificNotationIdsAreNotDuplicates() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text =
            "testType,appointmentNumber,familyName,firstName,dateOfBirth,testDate,listeningScore,readingScore,"
            + "writingScore,speakingScore,overallBandScore\n"
            + "TOEFL iBT 0-120,2.02601E+15,Lee,Ana,2000-02-29,2026-03-01,23,23,20,23,89\n"
            + "TOEFL iBT 0-120,2.02601E+15,Park,Min,2001-05-05,2026-03-02,25,25,25,25,100\n"
        try Data(text.utf8).write(to: directory.appendingPathComponent("sci.csv"))
        let result = try BinaryRunner.run(["convert", "-t", "compact", "sci.csv"], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.split(separator: "\r\n").count == 3)
        #expect(result.stderrText.contains("written 2,"))
        #expect(result.stderrText.contains("duplicates 0"))
        #expect(!result.stderrText.contains("appears again"))
        #expect(result.stderrText.components(separatedBy: "is in scientific notation").count == 3)
    }

    /// An XLSX whose 16-digit appointment numbers are number cells (as LibreOffice or Excel keep them: 15 digits):
    /// every row is delivered, each with its warning.
    @Test func longNumberCellIdsAreNotDuplicates() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("numbers.xlsx").path
        let script = """
            import sys, openpyxl
            wb = openpyxl.Workbook()
            wb.active.append(["testType", "appointmentNumber", "familyName", "testDate", "overallBandScore"])
            for name, total in [("Lee", 89), ("Park", 100), ("Kim", 95)]:
                wb.active.append(["TOEFL iBT 0-120", 2026000000000000, name, "2026-03-01", total])
            wb.save(sys.argv[1])
            """
        _ = try Tool.run("python3", ["-c", script, path])
        let result = try BinaryRunner.run(["convert", "-t", "compact", "numbers.xlsx"], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.contains("written 3,"))
        #expect(result.stderrText.contains("duplicates 0"))
        // The same id as text is a key: the second and third rows supersede the first.
        let text = """
            import sys, openpyxl
            wb = openpyxl.Workbook()
            wb.active.append(["testType", "appointmentNumber", "familyName", "testDate", "overallBandScore"])
            for name, total in [("Lee", 89), ("Lee", 89)]:
                wb.active.append(["TOEFL iBT 0-120", "2026000000000001", name, "2026-03-01", total])
            wb.save(sys.argv[1])
            """
        _ = try Tool.run("python3", ["-c", text, path])
        let again = try BinaryRunner.run(["convert", "-t", "compact", "numbers.xlsx"], in: directory)
        #expect(again.stderrText.contains("written 1,"), "\(again.stderrText)")
        #expect(again.stderrText.contains("duplicates 1"))
    }
}

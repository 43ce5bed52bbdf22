import Foundation
import Testing

/// Module values a spreadsheet user meets, through the built binary: an unknown value is kept and written back,
/// an empty one on an IELTS row is a guess that is said, and `--module` never drops such a record unseen. The
/// input is written by Python's csv, the output read back by it.
@Suite struct ModuleValueTests {
    static let heading = [
        "trfNumber", "familyName", "firstName", "Module", "testDate", "listeningScore", "readingScore", "writingScore",
        "speakingScore", "overallBandScore",
    ]
    static let scores = ["7.0", "7.0", "7.0", "7.0", "7.0"]

    @Test func guessedModulesAreKeptSaidAndNeverFilteredUnseen() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try RealTools.pythonCSV(
            [
                Self.heading,
                ["26GB000001WANG001A", "Wang", "Li", "GT", "20261001"] + Self.scores,
                ["26GB000002WANG001A", "Wang", "Yu", "Foo", "20261001"] + Self.scores,
                ["26GB000003WANG001A", "Wang", "Bo", "", "20261001"] + Self.scores,
                ["26GB000004WANG001A", "Wang", "Jo", "Academic", "20261001"] + Self.scores,
            ], to: directory.appendingPathComponent("modules.csv").path)
        let out = directory.appendingPathComponent("out.csv").path
        let result = try BinaryRunner.run(
            ["convert", "--module", "general-training", "-o", out, "modules.csv"], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        // The GT record, and the two whose module is a guess; the Academic one is left out.
        let rows = try RealTools.pythonCSVRows(out)
        let kept = ["26GB000001WANG001A", "26GB000002WANG001A", "26GB000003WANG001A"]
        #expect(rows.map { $0["trfNumber"] ?? "" } == kept)
        // A guess is not written as a module: the value as it came, or nothing, and testType names the family only.
        #expect(rows.map { $0["Module"] ?? "" } == ["General Training", "Foo", ""])
        #expect(rows.map { $0["testType"] ?? "" } == ["IELTS General Training", "IELTS", "IELTS"])
        let warnings = result.stderrText.split(separator: "\n").filter { $0.contains("warning:") }.map(String.init)
        let unknown: String =
            "scoreimport: warning: modules.csv: record 2 (id 26GB000002WANG001A): Module is not a test or module "
            + "scoreimport knows: read as IELTS Academic"
        let empty: String =
            "scoreimport: warning: modules.csv: record 3 (id 26GB000003WANG001A): Module is empty: read as IELTS "
            + "Academic, which is a guess; a --module filter keeps the record"
        #expect(warnings == [unknown, empty])
        #expect(result.stderrText.contains("skipped 1"))
        #expect(!result.stderrText.contains("Foo") && !result.stderrText.contains("Wang"))
        // `check` is not clean: both are counted warnings.
        let check = try BinaryRunner.run(["check", "--module", "general-training", "modules.csv"], in: directory)
        #expect(check.status == 1, "\(check.stderrText)")
        // The output reads back to the same records: the guesses are guesses again, said again, and kept again.
        let again = try BinaryRunner.run(
            ["convert", "--module", "general-training", "-o", "again.csv", out], in: directory)
        #expect(again.status == 0)
        let reread = try RealTools.pythonCSVRows(directory.appendingPathComponent("again.csv").path)
        #expect(reread.map { $0["Module"] ?? "" } == ["General Training", "Foo", ""])
        #expect(reread.map { $0["testType"] ?? "" } == ["IELTS General Training", "IELTS", "IELTS"])
        #expect(again.stderrText.contains("record 2 (id 26GB000002WANG001A): Module is not a test or module"))
        #expect(again.stderrText.contains("record 3 (id 26GB000003WANG001A): Module is empty"))
        #expect(!again.stderrText.contains("testType"))
    }

    /// A slipped row puts a family name in the Module column: the warning never shows it.
    @Test func aNameInTheModuleColumnIsNotQuoted() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try RealTools.pythonCSV(
            [Self.heading, ["26GB000001WANG001A", "Li", "Wang", "Wang", "20261001"] + Self.scores],
            to: directory.appendingPathComponent("slipped.csv").path)
        let result = try BinaryRunner.run(["check", "slipped.csv"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderrText.contains("Module is not a test or module scoreimport knows"))
        #expect(!result.stderrText.contains("Wang"))
    }

    /// testType and Module that name different modules: Module decides, and `check` says so.
    @Test func aTestTypeThatContradictsTheModuleIsAWarning() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try RealTools.pythonCSV(
            [
                ["testType"] + Self.heading,
                ["IELTS Academic", "26GB000001WANG001A", "Wang", "Li", "GT", "20261001"] + Self.scores,
            ], to: directory.appendingPathComponent("both.csv").path)
        let result = try BinaryRunner.run(["check", "both.csv"], in: directory)
        #expect(result.status == 1, "\(result.stderrText)")
        #expect(
            result.stderrText.contains(
                "record 1 (id 26GB000001WANG001A): testType says IELTS Academic but Module says General Training: "
                    + "read as IELTS General Training"))
    }
}

import Foundation
import Testing

/// `-o NAME.EXT` sets the format when `-f` does not; the two must agree; `--bom` is for CSV only.
@Suite struct OutputFormatOptionTests {
    static let input = Paths.fixtures.appendingPathComponent("cases/toefl-seed-sample/input.json").path

    @Test(arguments: [
        ("scores.xlsx", "PK\u{3}\u{4}"), ("scores.JSON", "[\n{"), ("scores.jsonl", "{\""), ("scores.xml", "<?xml"),
        ("scores.csv", "centreNumber,"), ("scores.out", "centreNumber,"), ("scores", "centreNumber,"),
    ])
    func theFileNameSaysTheFormat(name: String, start: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent(name)
        let result = try BinaryRunner.run(["convert", "-q", "-o", output.path, Self.input])
        #expect(result.status == 0, "\(result.stderrText)")
        let bytes = try Data(contentsOf: output)
        #expect(bytes.starts(with: Data(start.utf8)), "\(name)")
    }

    @Test(arguments: [
        (["-f", "csv", "-o", "scores.xlsx"], "--format csv does not match the output file"),
        (["--bom", "-f", "json"], "--bom is for CSV output"),
        (["--bom", "-o", "scores.xlsx"], "--bom is for CSV output"),
        (
            ["-o", "scores.tsv"],
            "the output file scores.tsv ends in .tsv, a format scoreimport does not write: name it .csv, .json, "
                + ".jsonl, .xml or .xlsx, or pass --format to write one of those under this name\n"
        ),
        (["-o", "Scores.TXT"], "the output file Scores.TXT ends in .TXT, a format scoreimport does not write"),
        (["-t", "compact", "-o", "scores.xls"], "the output file scores.xls ends in .xls, a format"),
        (["-o", "scores.ods"], "the output file scores.ods ends in .ods, a format"),
        (["-o", "scores.ndjson"], "the output file scores.ndjson ends in .ndjson, a format"),
        (
            ["--applicants", "a.csv", "--review", "review.tsv"],
            "--review review.tsv ends in .tsv, a format scoreimport does not write: name it .csv, .json, .jsonl, "
                + ".xml or .xlsx"
        ),
        (["--problems", "problems.xlsx"], "--problems problems.xlsx: the problems file is CSV; its name says xlsx"),
        (["--problems", "problems.xls"], "--problems problems.xls ends in .xls, a format scoreimport does not write"),
    ])
    func conflictsAreUsageErrorsBeforeAnythingIsRead(arguments: [String], message: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BinaryRunner.run(["convert"] + arguments + ["no-such-input.json"], in: directory)
        #expect(result.status == 64)
        #expect(result.stderrText.contains(message), "\(result.stderrText)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// A name scoreimport does not write is fine when `-f` says the format: the file holds what `-f` asked for.
    @Test(arguments: [
        ("scores.txt", "csv", "centreNumber,"), ("scores.tsv", "csv", "centreNumber,"),
        ("x.xls", "xlsx", "PK\u{3}\u{4}"),
    ])
    func theFormatOptionWritesUnderAnyName(name: String, format: String, start: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent(name)
        let result = try BinaryRunner.run(["convert", "-q", "-f", format, "-o", output.path, Self.input])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try Data(contentsOf: output).starts(with: Data(start.utf8)))
    }
}

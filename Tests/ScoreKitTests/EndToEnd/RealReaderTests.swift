import Foundation
import Testing

/// The outputs, checked by the readers users meet: Python's csv and json, jq, xmllint.
@Suite struct RealReaderTests {
    static let toefl = Paths.fixtures.appendingPathComponent("cases/toefl-score-objects/input.json").path
    static let ielts = Paths.fixtures.appendingPathComponent("cases/ielts-api-response/input.json").path

    @Test func pythonCSVReadsEveryFieldBack() throws {
        let result = try BinaryRunner.run(["convert", Self.toefl, Self.ielts])
        #expect(result.status == 0)
        let script = """
            import csv, io, sys, json
            rows = list(csv.DictReader(io.StringIO(sys.stdin.read(), newline='')))
            print(json.dumps([len(rows), rows[2]['familyName'], rows[2]['addressLine2'], rows[6]['overallBandScore'],
                              rows[6]['postcode'], rows[0]['appointmentNumber'], rows[0]['listeningScore'],
                              rows[3]['status'], len(rows[0])]))
            """
        let printed = try Tool.run("python3", ["-c", script], stdin: result.stdout)
        #expect(
            printed.trimmingCharacters(in: .whitespacesAndNewlines)
                == #"[12, "'=HYPERLINK(\"http://x\")", "12 Rue de l'\u00c9glise\nB\u00e2timent C", "6.5", "00501", "2026011000000001", "", "CANCELLED", 73]"#
        )
    }

    @Test func jqAndPythonJSONReadTheJSONOutput() throws {
        let result = try BinaryRunner.run(["convert", "--format", "json", Self.toefl])
        let names = try Tool.run("jq", ["-r", "map(.familyName) | join(\"|\")"], stdin: result.stdout)
        #expect(names == "Lee|O'Brien|=HYPERLINK(\"http://x\")|Smith, Jr.|Lee|\n")
        let keys = try Tool.run(
            "python3",
            ["-c", "import json,sys; d=json.load(sys.stdin); print(list(d[0])[:3], d[1]['overallBandScore'])"],
            stdin: result.stdout)
        #expect(keys == "['centreNumber', 'candidateNumber', 'candidateId'] 98\n")
        let lines = try BinaryRunner.run(["convert", "--format", "jsonl", Self.toefl, Self.ielts])
        let count = try Tool.run("jq", ["-s", "length"], stdin: lines.stdout)
        #expect(count == "12\n")
    }

    @Test(.enabled(if: Tool.exists("xmllint"))) func xmllintAcceptsTheXMLOutput() throws {
        let result = try BinaryRunner.run(["convert", "--format", "xml", Self.toefl, Self.ielts])
        let names = try Tool.run("xmllint", ["--xpath", "count(/scores/score)", "-"], stdin: result.stdout)
        #expect(names.trimmingCharacters(in: .whitespacesAndNewlines) == "12")
        let cancelled = try Tool.run(
            "xmllint", ["--xpath", "string(/scores/score[4]/status)", "-"], stdin: result.stdout)
        #expect(cancelled.trimmingCharacters(in: .whitespacesAndNewlines) == "CANCELLED")
    }

    /// The project's own CSV, JSON, JSON Lines and XML read back in give the same table.
    @Test(arguments: ["csv", "json", "jsonl", "xml"])
    func roundTrip(format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("first.\(format)").path
        let written = try BinaryRunner.run([
            "convert", "--format", format, "--no-formula-guard", "--date-format",
            "dd/mm/yyyy", "-o", first, Self.toefl, Self.ielts,
        ])
        #expect(written.status == 0)
        let original = try BinaryRunner.run(["convert", "--no-formula-guard", Self.toefl, Self.ielts])
        let again = try BinaryRunner.run(["convert", "--no-formula-guard", first])
        #expect(again.status == 0, "\(again.stderrText)")
        #expect(again.stdoutText == original.stdoutText)
    }

    @Test func outputFileIsAtomicAndPrivate() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("out.csv")
        try Data("old".utf8).write(to: target)
        let result = try BinaryRunner.run(["convert", "-o", target.path, Self.toefl])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let attributes = try FileManager.default.attributesOfItem(atPath: target.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.csv"])

        // A failing run (--strict with warnings) leaves the old file untouched and no temporary behind.
        let strict = try BinaryRunner.run(["convert", "--strict", "-o", target.path, Self.ielts])
        #expect(strict.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.csv"])
        #expect(try Data(contentsOf: target) != Data("old".utf8))
    }

    @Test func unwritableDirectoryExits73() throws {
        let result = try BinaryRunner.run(["convert", "-o", "/nonexistent-dir/out.csv", Self.toefl])
        #expect(result.status == 73)
        #expect(result.stderrText.contains("cannot create /nonexistent-dir/out.csv"))
    }

    @Test func readsStandardInput() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.ielts))
        for arguments in [["convert", "-t", "compact"], ["convert", "-t", "compact", "-"]] {
            let result = try BinaryRunner.run(arguments, stdin: data)
            #expect(result.status == 0)
            #expect(result.stdoutText.split(separator: "\r\n").count == 7)
            #expect(result.stderrText.contains("<stdin>: record 4"))
        }
    }

    @Test func helpGoesToStdoutAndExitsZero() throws {
        for arguments in [["--help"], ["convert", "--help"], ["check", "-h"], ["help", "templates"]] {
            let result = try BinaryRunner.run(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(result.stdoutText.contains("Usage"), "\(arguments)")
            #expect(result.stderr.isEmpty)
        }
        let bare = try BinaryRunner.run([])
        #expect(bare.status == 64)
        #expect(bare.stdout.isEmpty)
    }

    @Test func usageErrorsExit64() throws {
        for arguments in [
            ["convert", "--format", "xls", "x"], ["convert", "--date-format", "dd.mm.yyyy", "x"],
            ["convert", "-o"], ["convert", "--module", "general", "x"], ["check", "--strictt"],
        ] {
            let result = try BinaryRunner.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderrText)")
        }
    }

    @Test func checkExitsZeroWhenClean() throws {
        let seed = Paths.fixtures.appendingPathComponent("cases/toefl-seed-sample/input.json").path
        let result = try BinaryRunner.run(["check", seed])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
    }
}

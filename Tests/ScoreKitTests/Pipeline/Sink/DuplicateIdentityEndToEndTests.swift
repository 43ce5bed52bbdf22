import Foundation
import Testing

/// The same TRF number with two different people, through the built binary: a warning naming where both records
/// were read and never a name, counted, shown under `--quiet`, fatal under `--strict`; the same person twice stays
/// a note.
@Suite struct DuplicateIdentityEndToEndTests {
    /// An IELTS result as the Results Service sends it (Python).
    static func result(_ first: String, _ family: String, _ birth: String, _ modified: String) -> String {
        """
        {"trfNumber": "26DUP00001ABCD01A", "familyName": "\(family)", "firstName": "\(first)",
         "dateOfBirth": "\(birth)", "testDate": "20260102", "module": "Academic", "status": "RELEASED",
         "listeningScore": "7.0", "readingScore": "7.0", "writingScore": "7.0", "speakingScore": "7.0",
         "overallBandScore": "7.0", "lastModifiedDate": "\(modified)"}
        """
    }

    /// Writes two IELTS answers with Python's json: a.json with María García, b.json with `second`.
    static func scene(second: String) throws -> URL {
        let directory = try temporaryDirectory()
        let first = result("María", "García", "20000101", "2026-01-10T00:00:00")
        _ = try Tool.run(
            "python3",
            [
                "-c",
                "import json, sys; d = sys.argv[1]; json.dump({'results': [\(first)]}, open(d + '/a.json', 'w')); "
                    + "json.dump({'results': [\(second)]}, open(d + '/b.json', 'w'))",
                directory.path,
            ])
        return directory
    }

    @Test func anotherPersonUnderTheSameIdIsAWarning() throws {
        let directory = try Self.scene(second: Self.result("Ana", "Lopez", "20010202", "2026-01-11T00:00:00"))
        defer { try? FileManager.default.removeItem(at: directory) }
        let expected =
            "scoreimport: warning: a.json: record 1 (id 26DUP00001ABCD01A): the id appears again with a different "
            + "family name, first name or date of birth: kept b.json record 1 (modified 2026-01-11T00:00:00), "
            + "dropped a.json record 1 (modified 2026-01-10T00:00:00); find out which record is right"
        let quiet = try BinaryRunner.run(["convert", "--quiet", "a.json", "b.json"], in: directory)
        #expect(quiet.status == 0)
        #expect(quiet.stderrText.split(separator: "\n").first.map(String.init) == expected)
        #expect(quiet.stderrText.contains("warnings 1,"))
        for name in ["María", "Maria", "García", "Garcia", "Ana", "Lopez", "2000", "2001"] {
            #expect(!quiet.stderrText.contains(name))
        }
        let strict = try BinaryRunner.run(["convert", "--strict", "a.json", "b.json"], in: directory)
        #expect(strict.status == 1)
        #expect(strict.stdout.isEmpty)
        #expect(try BinaryRunner.run(["check", "a.json", "b.json"], in: directory).status == 1)
        // The problems file has a row for it, with its kind.
        let problems = directory.appendingPathComponent("problems.csv").path
        _ = try BinaryRunner.run(["check", "--problems", problems, "a.json", "b.json"], in: directory)
        let kinds = try Tool.run(
            "python3",
            ["-c", "import csv, sys; print([r['kind'] for r in csv.DictReader(open(sys.argv[1]))])", problems])
        #expect(kinds == "['duplicate-identity']\n")
    }

    @Test func theSamePersonTwiceStaysANote() throws {
        let directory = try Self.scene(second: Self.result("MARIA", "Garcia", "20000101", "2026-01-11T00:00:00"))
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BinaryRunner.run(["convert", "--strict", "a.json", "b.json"], in: directory)
        #expect(result.status == 0)
        #expect(
            result.stderrText.hasPrefix(
                "scoreimport: note: a.json: record 1 (id 26DUP00001ABCD01A): the IELTS id appears twice: kept b.json "
                    + "record 1 (modified 2026-01-11T00:00:00), dropped a.json record 1 (modified "
                    + "2026-01-10T00:00:00)"))
        #expect(result.stderrText.contains("warnings 0,"))
    }

    /// Two E-Delivery CSV downloads (no last-modified column) holding the same TRF number with other overall bands:
    /// which is current is a guess, so it is a warning (exit 1 under `check` and `--strict`), whichever order the
    /// files come in; the same result twice stays a note.
    @Test func otherScoresWithNothingToOrderThemAreAWarning() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let heading = [
            "TRF Number", "Family Name", "First Name", "Date of Birth", "Test Date", "Module", "Listening Score",
            "Reading Score", "Writing Score", "Speaking Score", "Overall Band Score",
        ]
        func row(_ overall: String, _ sections: String) -> [String] {
            ["26GB000123ABCD001A", "Ode", "Ada", "20000101", "20260105", "Academic"]
                + Array(repeating: sections, count: 4) + [overall]
        }
        try RealTools.pythonCSV([heading, row("6.5", "6.5")], to: directory.appendingPathComponent("d1.csv").path)
        try RealTools.pythonCSV([heading, row("5.0", "5.0")], to: directory.appendingPathComponent("d2.csv").path)
        try RealTools.pythonCSV([heading, row("6.5", "6.5")], to: directory.appendingPathComponent("d3.csv").path)
        for files in [["d1.csv", "d2.csv"], ["d2.csv", "d1.csv"]] {
            let check = try BinaryRunner.run(["check"] + files, in: directory)
            #expect(check.status == 1, "\(check.stderrText)")
            #expect(check.stderrText.contains("no last-modified or report date tells which is newer"))
            #expect(try BinaryRunner.run(["convert", "--strict"] + files, in: directory).status == 1)
        }
        let same = try BinaryRunner.run(["check", "d1.csv", "d3.csv"], in: directory)
        #expect(same.status == 0, "\(same.stderrText)")
        #expect(same.stderrText.contains("(id 26GB000123ABCD001A): the IELTS id appears twice"))
    }
}

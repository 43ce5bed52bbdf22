import Foundation
import Testing

@testable import ScoreKit

/// A note per duplicate is a record problem like any other: after ``Diagnostics/perKindLimit`` of them the rest are
/// counted, the run ends with the tally by kind, `--all-warnings` prints every one and `--problems` lists every one.
/// A file of thousands of duplicates no longer prints thousands of lines. Run from the built binary.
@Suite struct DuplicateNoteLimitTests {
    static let rows = 2_000
    static let ids = 10
    static var duplicates: Int { rows - ids }
    static let note = "the IELTS id appears twice: kept d.csv record "

    /// `rows` records of `ids` results, the same person's and the same scores each time (an E-Delivery download
    /// saved again and again), written by Python's csv.
    static func scene() throws -> URL {
        let directory = try temporaryDirectory()
        let heading =
            ["TRF Number", "Family Name", "First Name", "Test Date", "Module"]
            + ["Listening", "Reading", "Writing", "Speaking", "Overall"]
        let rows = (0..<Self.rows).map { index in
            [String(format: "26GB%06dABCD001A", index % ids), "Ode", "Ada", "2026-01-05", "Academic"]
                + Array(repeating: "6.5", count: 5)
        }
        try RealTools.pythonCSV([heading] + rows, to: directory.appendingPathComponent("d.csv").path)
        return directory
    }

    @Test func onlyTheFirstOfTheKindArePrinted() throws {
        let directory = try Self.scene()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BinaryRunner.run(
            ["convert", "--strict", "--problems", "problems.csv", "-o", "out.csv", "d.csv"], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        let lines = result.stderrText.split(separator: "\n")
        #expect(lines.filter { $0.contains(Self.note) }.count == Diagnostics.perKindLimit)
        #expect(
            lines.first
                == "scoreimport: note: d.csv: record 1 (id 26GB000000ABCD001A): \(Self.note)11, dropped d.csv record 1")
        #expect(lines.contains("scoreimport: notes by kind: duplicate \(Self.duplicates)"), "\(result.stderrText)")
        #expect(
            lines.contains(
                "scoreimport: note: \(Self.duplicates - Diagnostics.perKindLimit) more record problems not shown (20 "
                    + "of each kind are): --all-warnings shows them, --problems FILE lists every one"))
        #expect(
            lines.last?.hasSuffix("warnings 0, skipped 0, duplicates \(Self.duplicates) (IELTS \(Self.ids))") == true)
        #expect(lines.count == Diagnostics.perKindLimit + 3)

        let kinds = try Tool.run(
            "python3",
            [
                "-c",
                "import csv, collections, sys; rows = csv.DictReader(open(sys.argv[1])); "
                    + "print(dict(collections.Counter((r['kind'], r['severity']) for r in rows)))",
                directory.appendingPathComponent("problems.csv").path,
            ])
        #expect(kinds == "{('duplicate', 'note'): \(Self.duplicates)}\n")

        let all = try BinaryRunner.run(["check", "--all-warnings", "d.csv"], in: directory)
        #expect(all.status == 0)
        #expect(all.stderrText.split(separator: "\n").filter { $0.contains(Self.note) }.count == Self.duplicates)
        let quiet = try BinaryRunner.run(["check", "--quiet", "d.csv"], in: directory)
        #expect(!quiet.stderrText.contains(Self.note))
    }
}

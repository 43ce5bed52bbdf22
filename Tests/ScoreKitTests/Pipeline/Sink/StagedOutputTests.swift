import Foundation
import Testing

@testable import ScoreKit

/// `-o FILE` gets the whole file or nothing: the output is staged beside it, private, and renamed into place.
@Suite struct StagedOutputTests {
    static func writer(_ format: OutputFormat) -> any RecordWriter {
        format.makeWriter(
            WriterOptions(
                fields: Template.compact.fields,
                context: RenderContext(dateFormat: .isoDate, downloadDate: Records.date("2026-11-22"))))
    }

    @Test(arguments: [OutputFormat.csv, .xlsx])
    func publishesAtomicallyAndPrivately(format: OutputFormat) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("out.\(format.rawValue)").path
        try Data("last night's file".utf8).write(to: URL(fileURLWithPath: target))
        do {
            let output = try StagedOutput(destination: .file(target), writer: Self.writer(format))
            try output.write(Records.score("26SB1"))
            try output.write(Records.score("26SB2"))
            try output.finish()
            // Until publish the old file is untouched, and the new one is a private staging file beside it.
            #expect(FileManager.default.contents(atPath: target) == Data("last night's file".utf8))
            let staged = entries(directory).filter { $0.hasPrefix(".scoreimport-out.\(format.rawValue)-") }
            #expect(staged.count == 1)
            #expect(try mode(directory.appendingPathComponent(staged[0]).path) == 0o600)
            try output.publish()
            #expect(output.rows == 2)
        }
        #expect(entries(directory) == ["out.\(format.rawValue)"])
        #expect(try mode(target) == 0o600)
        let rows = try Tool.run(
            "python3",
            [
                "-c",
                """
                import sys, csv, openpyxl
                p = sys.argv[1]
                rows = list(openpyxl.load_workbook(p).active.values) if p.endswith('xlsx') else list(csv.reader(open(p, newline='')))
                print(len(rows), rows[1][1], rows[2][1])
                """, target,
            ])
        #expect(rows == "3 26SB1 26SB2\n")
    }

    /// Records left out of a format whose records stand alone: the file of a run that never wrote them, whether
    /// they were first, in the middle or last.
    @Test(arguments: [OutputFormat.csv, .jsonl, .xml])
    func recordsLeftOutLeaveTheFileOfARunWithoutThem(format: OutputFormat) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ids = (0..<7).map { "26SB\($0)" }
        let dropped: Set<Int> = [0, 3, 4, 6]
        func stage(_ name: String, _ ordinals: [Int], leavingOut: Set<Int>) throws -> Data {
            let target = directory.appendingPathComponent(name).path
            let output = try StagedOutput(destination: .file(target), writer: Self.writer(format))
            #expect(output.canLeaveOut)
            for ordinal in ordinals { try output.write(Records.score(ids[ordinal]), ordinal: ordinal) }
            try output.leaveOut(leavingOut)
            // Written after records were left out: the footer follows the kept records.
            try output.finish()
            try output.publish()
            #expect(output.rows == ordinals.count - leavingOut.count)
            return try Data(contentsOf: URL(fileURLWithPath: target))
        }
        let left = try stage("left.\(format.rawValue)", Array(ids.indices), leavingOut: dropped)
        let never = try stage("never.\(format.rawValue)", ids.indices.filter { !dropped.contains($0) }, leavingOut: [])
        #expect(left == never)
        #expect(String(decoding: left, as: UTF8.self).contains("26SB5"))
        #expect(!String(decoding: left, as: UTF8.self).contains("26SB4"))
    }

    /// The rename fails (here: a folder is in the way); exit 73 and no staging file left behind.
    @Test(arguments: [OutputFormat.csv, .xlsx])
    func aFailedPublishIsExit73AndLeavesNoTemporaryFile(format: OutputFormat) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("out.\(format.rawValue)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        do {
            let output = try StagedOutput(destination: .file(target.path), writer: Self.writer(format))
            try output.write(Records.score("26SB1"))
            try output.finish()
            let error = try #require(throws: OutputError.self) { try output.publish() }
            #expect(error.exitCode == .cannotCreate)
            #expect(error.description.hasPrefix("cannot create \(target.path): "))
        }
        #expect(entries(directory) == ["out.\(format.rawValue)"])
        #expect(entries(target) == [])
    }

    @Test func aDirectoryThatCannotBeWrittenIsExit73BeforeAnythingIsRead() throws {
        // /proc refuses new files even to root.
        let error = try #require(throws: OutputError.self) {
            _ = try StagedOutput(destination: .file("/proc/scoreimport-test/out.csv"), writer: Self.writer(.csv))
        }
        #expect(error.exitCode == .cannotCreate)
        #expect(error.description.hasPrefix("cannot create /proc/scoreimport-test/out.csv: "))
    }

    @Test func aStagedOutputDroppedUnpublishedLeavesNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let output = try StagedOutput(
                destination: .file(directory.appendingPathComponent("out.csv").path), writer: Self.writer(.csv))
            try output.write(Records.score("26SB1"))
            try output.finish()
            #expect(entries(directory).count == 1)
        }
        #expect(entries(directory) == [])
    }

    /// TMPDIR missing: exit 74 naming it, and no staging file left beside the output, whatever the format.
    @Test(arguments: ["csv", "json", "xlsx"])
    func aMissingTMPDIRLeavesNoStagingFile(format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = GoldenFileTests.casesDirectory.appendingPathComponent("ielts-api-response/input.json").path
        let missing = directory.appendingPathComponent("missing").path
        let result = try BinaryRunner.run(
            ["convert", "-f", format, "-o", "out.\(format)", input], in: directory, environment: ["TMPDIR": missing])
        #expect(result.status == 74, "\(result.stderrText)")
        #expect(result.stderrText.contains("cannot create a temporary file in \(missing)"))
        #expect(entries(directory) == [], "nothing beside the output")
    }
}

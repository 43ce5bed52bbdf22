import Foundation
import Testing

/// The project's own outputs read back to the same records: each golden case's input converted to a format, read
/// back, and converted to CSV gives the CSV of the input itself.
@Suite struct RoundTripTests {
    /// Every input file of the golden cases that converts cleanly on its own.
    static let inputs: [String] = {
        let cases = GoldenFileTests.casesDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: cases.path)) ?? []
        return names.sorted().flatMap { name -> [String] in
            let folder = cases.appendingPathComponent(name)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return files.sorted().filter { $0.hasSuffix(".json") || $0.hasSuffix(".csv") }.map {
                folder.appendingPathComponent($0).path
            }
        }
    }()

    /// Each output format, with and without the formula guard for CSV.
    static let formats: [[String]] = [
        ["-f", "csv"], ["-f", "csv", "--no-formula-guard"], ["-f", "json"], ["-f", "jsonl"], ["-f", "xml"],
        ["-f", "xlsx"],
    ]

    @Test(arguments: formats)
    func readsBackToTheSameRecords(format: [String]) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var compared = 0
        for input in Self.inputs {
            let direct = try BinaryRunner.run(["convert", "--no-formula-guard", input])
            guard direct.status == 0 else { continue }
            let written = directory.appendingPathComponent("written.out").path
            let first = try BinaryRunner.run(["convert", "-o", written] + format + [input])
            #expect(first.status == 0, "\(input): \(first.stderrText)")
            let again = try BinaryRunner.run(["convert", "--no-formula-guard", written])
            #expect(again.status == 0, "\(input) as \(format): \(again.stderrText)")
            #expect(again.stdoutText == direct.stdoutText, "\(input) as \(format)")
            compared += 1
        }
        #expect(compared >= 15)
    }

    /// The guide's example template has no testType and no appointment number: its TOEFL rows (Module and TRF
    /// number empty) are read back as TOEFL, the scale told from the scores (a record whose scores break its own
    /// scale may be told wrong: only its family is compared).
    @Test func guideExampleRowsKeepTheirTest() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = ["toefl-score-objects", "ielts-api-response"].map {
            GoldenFileTests.casesDirectory.appendingPathComponent("\($0)/input.json").path
        }
        let written = directory.appendingPathComponent("guide.csv").path
        #expect(try BinaryRunner.run(["convert", "-t", "guide-example", "-o", written] + inputs).status == 0)
        let direct = try BinaryRunner.run(["convert", "-t", "compact"] + inputs)
        let again = try BinaryRunner.run(["convert", "-t", "compact", "--input-date-format", "mm/dd/yyyy", written])
        func tests(_ result: BinaryRunner.Result) -> [String] {
            result.stdoutText.split(separator: "\r\n").map { String($0.prefix { $0 != "," }) }
        }
        #expect(tests(again).map { $0.prefix(5) } == tests(direct).map { $0.prefix(5) })
        #expect(Array(tests(again).prefix(4)) == ["testType", "TOEFL iBT 1-6", "TOEFL iBT 0-120", "TOEFL Essentials"])
        #expect(tests(again).contains("IELTS General Training"))
    }
}

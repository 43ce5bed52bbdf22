import Foundation
import Testing

/// Values the built binary used to write wrong with exit 0 (a review of release 0.2.0), run end to end: the input
/// made with Python's json, the output read back with Python's csv.
@Suite struct ValidationEndToEndTests {
    /// A policy that asks for a TOEFL 0-120 total only, and an IELTS overall only.
    static let policy =
        #"{"name": "totals", "rules": {"TOEFL iBT 0-120": {"overall": "90"}, "IELTS Academic": {"overall": "6.5"}}}"#

    /// Writes `document` (a Python expression) as JSON into a fresh folder, with the policy beside it.
    static func scene(_ document: String) throws -> URL {
        let directory = try temporaryDirectory()
        try Data(policy.utf8).write(to: directory.appendingPathComponent("policy.json"))
        _ = try Tool.run(
            "python3",
            ["-c", "import json, sys; json.dump(\(document), open(sys.argv[1], 'w'))", directory.path + "/in.json"])
        return directory
    }

    /// The rows of a CSV file, as Python's csv reads them, each a dictionary.
    static func rows(_ path: String) throws -> [[String: String]] {
        let printed = try Tool.run(
            "python3",
            [
                "-c", "import csv, json, sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline='')))))",
                path,
            ])
        return try JSONSerialization.jsonObject(with: Data(printed.utf8)) as? [[String: String]] ?? []
    }

    /// One TOEFL 0-120 record (Python), listening as given.
    static func toefl(listening: String, indicator: String) -> String {
        """
        {"data": [{"appointmentNo": "2026990000000001", "reportDate": "20260110", "scoreStatus": "R",
          "candidateInfo": {"lastName": "Case", "firstName": "Edge", "dob": "20000101", "gender": "1"},
          "testInfo": {"testDate": "20260105", "testType": "I", "listeningAccommodationInd": "\(indicator)",
                       "speakingAccommodationInd": ""},
          "ibt": {"listeningScore": "\(listening)", "readingScore": "26", "writingScore": "25",
                  "speakingScore": "24", "totalScore": "100"}}]}
        """
    }

    @Test func aMissingSectionIsAWarningAndTheTotalIsReviewed() throws {
        let directory = try Self.scene(Self.toefl(listening: "", indicator: ""))
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out.csv").path
        let result = try BinaryRunner.run(
            ["convert", "-t", "compact", "--policy", "policy.json", "-o", out, "in.json"], in: directory)
        #expect(result.status == 0)
        #expect(
            result.stderrText.contains(
                "in.json: record 1 (id 2026990000000001): listeningScore is missing beside the other scores and no "
                    + "accommodation indicator explains it: the overall cannot be checked against the sections"))
        #expect(result.stderrText.contains("warnings 1,"))
        let row = try #require(try Self.rows(out).first)
        #expect(row["policyResult"] == "review")
        #expect(row["policyReasons"]?.hasPrefix("listeningScore is missing") == true)
        let strict = try BinaryRunner.run(["convert", "--strict", "in.json"], in: directory)
        #expect(strict.status == 1)
        #expect(strict.stdout.isEmpty)
        let check = try BinaryRunner.run(["check", "in.json"], in: directory)
        #expect(check.status == 1)
    }

    @Test func anAccommodationExplainsTheMissingSectionButTheTotalIsStillReviewed() throws {
        let directory = try Self.scene(Self.toefl(listening: "", indicator: "L"))
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out.csv").path
        let result = try BinaryRunner.run(
            ["convert", "-t", "compact", "--policy", "policy.json", "-o", out, "in.json"], in: directory)
        #expect(result.status == 0)
        #expect(result.stderrText.contains("warnings 0,"))
        let row = try #require(try Self.rows(out).first)
        #expect(row["listeningScore"] == "")
        #expect(row["policyResult"] == "review")
        #expect(
            row["policyReasons"] == "overall 100 not checked against the sections (no listening score: accommodation)")
        #expect(try BinaryRunner.run(["check", "in.json"], in: directory).status == 0)
    }
}

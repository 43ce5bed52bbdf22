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
        let row = try #require(try RealTools.pythonCSVRows(out).first)
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
        let row = try #require(try RealTools.pythonCSVRows(out).first)
        #expect(row["listeningScore"] == "")
        #expect(row["policyResult"] == "review")
        #expect(
            row["policyReasons"] == "overall 100 not checked against the sections (no listening score: accommodation)")
        #expect(try BinaryRunner.run(["check", "in.json"], in: directory).status == 0)
    }

    @Test func paddedStatusCodesMeanWhatTheySay() throws {
        let directory = try Self.scene(
            """
            {"data": [dict({k: v for k, v in r.items() if k != "scoreStatus"}, appointmentNo="202699000000000%d" % i,
                           **({"scoreStatus": st} if st is not None else {}))
                      for i, st in enumerate(["C ", " C", "R", "", None])
                      for r in [\(Self.toefl(listening: "25", indicator: ""))["data"][0]]]}
            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(
            #"{"results": [{"trfNumber": "26X1", "familyName": "A", "firstName": "B", "testDate": "20260102", "module": "Academic", "status": "RELEASED ", "listeningScore": "7", "readingScore": "7", "writingScore": "7", "speakingScore": "7", "overallBandScore": "7"}]}"#
                .utf8
        ).write(to: directory.appendingPathComponent("ielts.json"))
        let out = directory.appendingPathComponent("out.csv").path
        let result = try BinaryRunner.run(
            ["convert", "-t", "compact", "-o", out, "in.json", "ielts.json"], in: directory)
        #expect(result.status == 0)
        let rows = try RealTools.pythonCSVRows(out)
        #expect(
            rows.map { $0["status"] ?? "" } == [
                "CANCELLED", "CANCELLED", "REPORTED", "REPORTED", "REPORTED", "REPORTED",
            ])
        let warnings = result.stderrText.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(
            warnings == [
                "scoreimport: warning: in.json: record 4 (id 2026990000000003): no scoreStatus: the layout says C or R (read as reported)",
                "scoreimport: warning: in.json: record 5 (id 2026990000000004): no scoreStatus: the layout says C or R (read as reported)",
            ])
        let kept = try BinaryRunner.run(
            ["convert", "-t", "compact", "--exclude-cancelled", "-o", out, "in.json", "ielts.json"], in: directory)
        #expect(kept.status == 0)
        #expect(
            try RealTools.pythonCSVRows(out).map { $0["scoreId"] ?? "" } == [
                "2026990000000002", "2026990000000003", "2026990000000004", "26X1",
            ])
        #expect(try BinaryRunner.run(["check", "ielts.json"], in: directory).status == 0)
        #expect(try BinaryRunner.run(["convert", "--strict", "in.json"], in: directory).status == 1)
    }

    /// Writes `rows` with Python's csv writer to `name` in `directory`.
    static func writeCSV(_ rows: [[String]], _ name: String, in directory: URL) throws {
        try RealTools.pythonCSV(rows, to: directory.appendingPathComponent(name).path)
    }

    @Test func impossibleDatesAreWarningsAndTwoDigitYearsOfBirthAreInThePast() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.policy.utf8).write(to: directory.appendingPathComponent("policy.json"))
        let heading = [
            "trfNumber", "familyName", "firstName", "Module", "dateOfBirth", "testDate", "listeningScore",
            "readingScore", "writingScore", "speakingScore", "overallBandScore",
        ]
        let scores = ["7", "7", "7", "7", "7"]
        try Self.writeCSV(
            [
                heading, ["26X1", "Garcia", "Maria", "Academic", "12/31/40", "01/05/26"] + scores,
                ["26X2", "Lee", "Min", "Academic", "03/01/00", "01/15/40"] + scores,
                ["26X3", "Kim", "Ji", "Academic", "11/23/26", "11/23/26"] + scores,
                ["26X4", "Ok", "Al", "Academic", "06/01/25", "01/05/26"] + scores,
                ["26X5", "Bo", "Ra", "Academic", "06/01/26", "01/05/26"] + scores,
            ], "scores.csv", in: directory)
        try Self.writeCSV(
            [
                ["ID", "Surname", "Given Name", "DOB"], ["A1", "García", "María", "12/31/40"],
                ["A2", "Kim", "Ji", "11/23/26"],
            ],
            "applicants.csv", in: directory)
        let out = directory.appendingPathComponent("out.csv").path
        let result = try BinaryRunner.run(
            [
                "convert", "-t", "compact", "--policy", "policy.json", "--applicants", "applicants.csv", "-o", out,
                "scores.csv",
            ], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        let rows = try RealTools.pythonCSVRows(out)
        #expect(
            rows.map { $0["dateOfBirth"] ?? "" } == [
                "1940-12-31", "2000-03-01", "1926-11-23", "2025-06-01", "2026-06-01",
            ])
        #expect(
            rows.map { $0["testDate"] ?? "" } == ["2026-01-05", "2040-01-15", "2026-11-23", "2026-01-05", "2026-01-05"])
        #expect(rows.map { $0["policyResult"] ?? "" } == ["meets", "review", "review", "meets", "review"])
        #expect(rows.map { $0["applicantId"] ?? "" } == ["A1", "", "A2", "", ""])
        let warnings = result.stderrText.split(separator: "\n").filter { $0.contains("warning:") }
        #expect(
            warnings == [
                "scoreimport: warning: scores.csv: record 2 (id 26X2): testDate 2040-01-15 is after today (2026-11-22): the test cannot have been taken yet",
                "scoreimport: warning: scores.csv: record 3 (id 26X3): testDate 2026-11-23 is after today (2026-11-22): the test cannot have been taken yet",
                "scoreimport: warning: scores.csv: record 5 (id 26X5): dateOfBirth is not before the test date: one of the two dates is wrong (--problems keeps them)",
            ])
        #expect(!result.stderrText.contains("2026-06-01"))
        #expect(try BinaryRunner.run(["check", "scores.csv"], in: directory).status == 1)
    }
}

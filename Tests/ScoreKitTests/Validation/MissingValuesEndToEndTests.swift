import Foundation
import Testing

/// Records the policy sends to review for a missing overall or test date, run through the built binary: `check`
/// must warn about them too. Inputs made with Python's csv and openpyxl.
@Suite struct MissingValuesEndToEndTests {
    static let policy =
        #"{"name": "bands", "maxAgeDays": 730, "rules": {"IELTS Academic": {"overall": "6.5"}}}"#

    static let heading = [
        "trfNumber", "familyName", "firstName", "Module", "testDate", "listeningScore", "readingScore",
        "writingScore", "speakingScore", "overallBandScore",
    ]

    static func warnings(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").filter { $0.contains("warning:") }.map(String.init)
    }

    @Test func anEDeliveryRowWithoutOverallOrTestDateIsAWarningAsThePolicyReviewsIt() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(Self.policy.utf8).write(to: directory.appendingPathComponent("policy.json"))
        try ValidationEndToEndTests.writeCSV(
            [
                Self.heading, ["26X1", "Ode", "Ada", "Academic", "20260105", "7", "7", "7", "7", ""],
                ["26X2", "Lee", "Min", "Academic", "", "7", "7", "7", "7", "7"],
                ["26X3", "Kim", "Ji", "Academic", "20260105", "7", "7", "7", "7", "7"],
            ], "noover.csv", in: directory)
        let check = try BinaryRunner.run(["check", "noover.csv"], in: directory)
        #expect(check.status == 1)
        #expect(
            Self.warnings(check.stderrText) == [
                "scoreimport: warning: noover.csv: record 1 (id 26X1): overall score is missing beside the section "
                    + "scores (a spreadsheet formula saved without its value reads as empty): the result has no "
                    + "overall to check or to judge",
                "scoreimport: warning: noover.csv: record 2 (id 26X2): testDate is missing: the result's 2-year "
                    + "validity cannot be checked",
            ])
        #expect(check.stderrText.contains("warnings 2,"))
        let out = directory.appendingPathComponent("out.csv").path
        let convert = try BinaryRunner.run(
            ["convert", "-t", "compact", "--policy", "policy.json", "-o", out, "noover.csv"], in: directory)
        #expect(convert.status == 0, "\(convert.stderrText)")
        let rows = try RealTools.pythonCSVRows(out)
        #expect(rows.map { $0["policyResult"] ?? "" } == ["review", "review", "meets"])
        // The policy says it once, in its own words.
        #expect(rows.map { $0["policyReasons"] ?? "" } == ["no overall score", "no test date", ""])
    }

    @Test func aFormulaWithoutACachedValueIsAMissingOverall() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("formula.xlsx").path
        // openpyxl writes the formula and no value: a reader sees an empty overall.
        let script = """
            import sys, openpyxl
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.append(\(Self.heading))
            ws.append(["26X1", "Ode", "Ada", "Academic", "20260105", 7, 7, 7, 7, "=AVERAGE(F2:I2)"])
            wb.save(sys.argv[1])
            """
        _ = try Tool.run("python3", ["-c", script, path])
        let check = try BinaryRunner.run(["check", "formula.xlsx"], in: directory)
        #expect(check.status == 1)
        #expect(Self.warnings(check.stderrText).count == 1)
        #expect(check.stderrText.contains("record 1 (id 26X1): overall score is missing beside the section scores"))
    }
}

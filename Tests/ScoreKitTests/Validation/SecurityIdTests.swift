import Foundation
import Testing

@testable import ScoreKit

/// TOEFL `securityId.number` is "ID number (last 4 digits displayed)" in ETS's layout: anything but 4 digits is a
/// warning that names the record and the field, never the value (part of an identity document number).
@Suite struct SecurityIdTests {
    static func record(number: String) -> [String: Any] {
        var record = Feed.toefl(object: nil, status: "C")
        var candidate = record["candidateInfo"] as? [String: Any] ?? [:]
        candidate["securityId"] = ["type": "PASSPORT", "number": number, "issuingCountry": "MEX"]
        record["candidateInfo"] = candidate
        return record
    }

    static let layout = " where ETS's layout sends the last 4 digits of the identity document number"
    static let tooMuch = ": more of the document number than the feed should carry"
    /// Each value and the warning it gets, if any.
    static let cases: [(String, String?)] = [
        ("0380", nil), ("", nil), (" 0380 ", nil),
        ("123456789", "securityIdLast4 has 9 characters" + layout + tooMuch),
        ("AB12CD34", "securityIdLast4 has 8 characters, not all digits" + layout + tooMuch),
        ("12X4", "securityIdLast4 has 4 characters, not all digits" + layout),
        ("380", "securityIdLast4 has 3 characters" + layout),
        ("１２３４５", "securityIdLast4 has 5 characters, not all digits" + layout + tooMuch),
    ]

    @Test(arguments: cases)
    func onlyFourDigitsPass(number: String, expected: String?) throws {
        let score = try Feed.one(toefl: Self.record(number: number))
        let problems = ValidatorTests.validator.problems(in: score)
        #expect(problems.map(\.description) == (expected.map { [$0] } ?? []))
        for problem in problems {
            #expect(problem.kind == "security-id-not-last-4")
            #expect(problem.field == "securityIdLast4")
            #expect(problem.value == "")
            #expect(problem.severity == .warning)
        }
    }

    /// From the built binary: a located, counted warning; neither stderr nor the problems file holds the number.
    @Test func theWarningNamesTheRecordAndNeverTheNumber() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let document: [String: Any] = [
            "data": [Self.record(number: "0380"), Self.record(number: "987654321")].enumerated().map {
                var record = $0.element
                record["appointmentNo"] = "202699000000000\($0.offset + 1)"
                return record
            }
        ]
        try JSONSerialization.data(withJSONObject: document).write(to: directory.appendingPathComponent("in.json"))
        let result = try BinaryRunner.run(
            ["convert", "-q", "--problems", "problems.csv", "-o", "out.csv", "in.json"], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(
            result.stderrText.contains(
                "scoreimport: warning: in.json: record 2 (id 2026990000000002): securityIdLast4 has 9 characters "
                    + "where ETS's layout sends the last 4 digits of the identity document number"))
        #expect(!result.stderrText.contains("record 1 "))
        #expect(result.stderrText.contains("warnings 1,"))
        let problems = try String(contentsOf: directory.appendingPathComponent("problems.csv"), encoding: .utf8)
        #expect(problems.contains("in.json,2,2026990000000002,securityIdLast4,,security-id-not-last-4,warning,"))
        #expect(!result.stderrText.contains("987654321") && !problems.contains("987654321"))
        #expect(try BinaryRunner.run(["check", "-q", "in.json"], in: directory).status == 1)
    }
}

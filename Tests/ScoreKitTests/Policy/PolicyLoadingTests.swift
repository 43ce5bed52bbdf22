import Foundation
import Testing

@testable import ScoreKit

/// Policy files: read with the project's JSON reader, every mistake named, with its exit status.
@Suite struct PolicyLoadingTests {
    static func load(_ body: String) throws -> Result<AdmissionsPolicy, PolicyError> {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("policy.json")
        try Data(body.utf8).write(to: url)
        do {
            return .success(try AdmissionsPolicy.load(url.path))
        } catch {
            return .failure(error)
        }
    }

    static let example = try? String(
        contentsOf: Paths.fixtures.appendingPathComponent("policy/graduate-2027.json"), encoding: .utf8)

    @Test func readsTheIssuesExample() throws {
        let body = try #require(Self.example)
        let policy = try Self.load(body).get()
        #expect(policy.name == "Graduate admissions 2027")
        #expect(policy.maxAgeDays == 730 && !policy.acceptMyBest)
        #expect(policy.rules.count == 4)
        #expect(policy.rules[.ieltsAcademic]?.minimums[.writing] == ExactDecimal("6.0"))
        #expect(
            policy.rules[.toeflIBT]?.minimums == [
                .overall: ExactDecimal(hundredths: 9000), .writing: ExactDecimal(hundredths: 2000),
            ])
        #expect(policy.rules[.toeflEssentials]?.minimums == [.overall: ExactDecimal(hundredths: 900)])
    }

    @Test func minimumsMayBeNumbersAndTestKeysAnyCase() throws {
        let policy = try Self.load(
            #"{"acceptMyBest": true, "rules": {"toefl ibt 1-6": {"overall": 4.5, "writing": "4"}}}"#
        ).get()
        #expect(policy.acceptMyBest && policy.maxAgeDays == nil && policy.name == "policy.json")
        #expect(
            policy.rules[.toeflIBT26]?.minimums == [
                .overall: ExactDecimal(hundredths: 450), .writing: ExactDecimal(hundredths: 400),
            ])
    }

    @Test(arguments: [
        (
            #"{"rules": {"TOEFL iBT": {"overall": 90}}}"#,
            #"unknown test "TOEFL iBT" in rules; did you mean "TOEFL iBT 0-120"?"#
        ),
        (
            #"{"rules": {"IELTS Academic": {"overal": "6.5"}}}"#,
            #"unknown field "overal" in the rule for IELTS Academic; did you mean "overall"?"#
        ),
        (#"{"maxAge": 30, "rules": {}}"#, #"unknown field "maxAge"; did you mean "maxAgeDays"?"#),
        (
            #"{"rules": {"IELTS Academic": {"overall": "6.3"}}}"#,
            #"IELTS Academic overall "6.3" is off the test's scale (0-9, by 0.5)"#
        ),
        (
            #"{"rules": {"IELTS Academic": {"overall": "9.5"}}}"#,
            #"IELTS Academic overall "9.5" is off the test's scale"#
        ),
        (
            #"{"rules": {"TOEFL iBT 0-120": {"writing": 31}}}"#,
            #"TOEFL iBT 0-120 writing "31" is off the test's scale (0-30, whole numbers)"#
        ),
        (
            #"{"rules": {"TOEFL iBT 0-120": {"overall": 121}}}"#,
            #"TOEFL iBT 0-120 overall "121" is off the test's scale (0-120"#
        ),
        (
            #"{"rules": {"TOEFL iBT 1-6": {"overall": "0.5"}}}"#,
            #"TOEFL iBT 1-6 overall "0.5" is off the test's scale (1-6, by 0.5)"#
        ),
        (
            #"{"rules": {"TOEFL Essentials": {"listening": "9.5"}}}"#,
            #"TOEFL Essentials listening "9.5" is off the test's scale (1-12, whole numbers)"#
        ),
        (#"{"rules": {"TOEFL iBT 1-6": {"overall": "-1"}}}"#, #"TOEFL iBT 1-6 overall "-1" is off the test's scale"#),
        (#"{"rules": {"TOEFL iBT 1-6": {"overall": true}}}"#, "TOEFL iBT 1-6 overall must be a string or a number"),
        (#"{"rules": {}}"#, "the policy has no rules"),
        (#"{"name": "x"}"#, "the policy has no rules"),
        (#"{"acceptMyBest": "yes", "rules": {}}"#, "acceptMyBest must be true or false"),
        (#"{"maxAgeDays": -1, "rules": {}}"#, "maxAgeDays must be a whole number of days from 0 to 36500, not -1"),
        (#"{"maxAgeDays": 1.5, "rules": {}}"#, "maxAgeDays must be a whole number of days"),
        (#"{"rules": [1]}"#, "rules must be an object keyed by test"),
        (#"{"rules": {"IELTS Academic": 6.5}}"#, "the rule for IELTS Academic must be an object of minimums"),
        (
            #"{"rules": {"IELTS Academic": {"overall": 6}, "ielts academic": {"overall": 7}}}"#,
            "the rule for IELTS Academic is given twice"
        ),
    ])
    func invalidIsAUsageErrorNamingIt(body: String, message: String) throws {
        let result = try Self.load(body)
        guard case .failure(let error) = result else {
            Issue.record("accepted: \(body)")
            return
        }
        #expect(error.exitCode == .usage)
        #expect(error.description.contains("/policy.json: "))
        #expect(error.description.contains(message), "\(error)")
    }

    @Test(arguments: [
        (#"{"rules": {"IELTS Academic": {"overall": "6.5"},}}"#, "trailing comma before '}' at line 1, column 49"),
        (
            "{\n  \"rules\": {\n    \"IELTS Academic\": {\"overall\" \"6.5\"}\n",
            "expected ':' after object key, found '\"' at line 3, column 34"
        ),
        (#"[{"rules": {}}]"#, "expected '{', found '[' at line 1, column 1"),
        ("", "at line 1, column 1"),
    ])
    func malformedIsADataErrorWithItsLocation(body: String, location: String) throws {
        guard case .failure(let error) = try Self.load(body) else {
            Issue.record("accepted: \(body)")
            return
        }
        #expect(error.exitCode == .dataError)
        #expect(error.description.contains("/policy.json: malformed policy: "))
        #expect(error.description.contains(location), "\(error)")
    }

    @Test func aMissingFileIsMissingInput() {
        #expect(throws: PolicyError.missing("/nonexistent/policy.json")) {
            try AdmissionsPolicy.load("/nonexistent/policy.json")
        }
        #expect(PolicyError.missing("x").exitCode == .noInput)
    }
}

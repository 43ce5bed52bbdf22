import Foundation
import Testing

@testable import ScoreKit

/// Scheme 1 of the ledger fingerprint must keep giving release 0.1.0's values, whatever the rules derive now:
/// otherwise a rule change would re-deliver every record a nightly fetch has delivered before.
@Suite struct ReleaseFingerprintTests {
    /// Every record of `path`, read and completed as the pipeline does before it fingerprints a record.
    static func records(_ path: String) throws -> [TestScore] {
        let input = try ScoreInput(file: try InputFile.open(path), inputDateFormat: nil)
        var records: [TestScore] = []
        var score = TestScore(test: .ieltsAcademic)
        while try input.next(into: &score) {
            LevelDerivation.derive(&score)
            records.append(score)
        }
        return records
    }

    static func fixture(_ name: String) -> String { Paths.fixtures.appendingPathComponent(name).path }

    /// The state files release 0.1.0 wrote after fetching the sandbox's data: the newest record of each key.
    @Test(arguments: [("ielts", "sandbox/ielts-results.json"), ("toefl", "sandbox/toefl-scores.json")])
    func sandboxFixturesKeepTheirReleaseFingerprints(service: String, data: String) throws {
        let state = try StateFile.load(
            path: Self.fixture("state/release-0.1.0-\(service).state"),
            service: try #require(TestFamily(argument: service)))
        var newest: [String: TestScore] = [:]
        for score in try Self.records(Self.fixture(data)) {
            if let kept = newest[score.key], let keptTime = kept.modifiedAt, let time = score.modifiedAt,
                time < keptTime
            {
                continue
            }
            newest[score.key] = score
        }
        #expect(newest.count == state.ledger.entries.count)
        for (key, score) in newest {
            #expect(Fingerprint.make(score, scheme: 1) == state.ledger.entries[key]?.fingerprint, "\(key)")
        }
    }

    /// Records on the edges of the rules, fingerprinted by version 0.1.0's code as it stood before the rules
    /// changed (commit a0a96bc, which gives the state files' values above): an IELTS overall of 3.0-3.5 (0.1.0
    /// derived A2), 0-120 records (0.1.0 derived no section level), Essentials, a 1-6 record without a level, and
    /// codes the rules now warn about.
    @Test(arguments: [
        ("26EDGE00000001", "fb5656f80671d40a"), ("26EDGE00000002", "e6722c215bb12c17"),
        ("26EDGE00000003", "26c511c07ddde29a"), ("26EDGE00000004", "db67eb8b102e2512"),
        ("26EDGE00000005", "efce9f213348aaa3"), ("2026990000000001", "8b16cb6fc21e1c74"),
        ("2026990000000002", "dfc762f56186291b"), ("2026990000000003", "5c20d09b0d897073"),
        ("2026990000000004", "08e3184b90b4e35b"), ("2026990000000005", "17b5b0e8eb9ab779"),
        ("2026990000000006", "2bdad4a67531451e"), ("2026990000000007", "e632e7f347978b12"),
        ("2026990000000008", "78a02f4a5765d832"),
    ])
    func edgeRecordsKeepTheirReleaseFingerprints(id: String, fingerprint: String) throws {
        let records =
            try Self.records(Self.fixture("state/edge-records-ielts.json"))
            + Self.records(Self.fixture("state/edge-records-toefl.json"))
        let score = try #require(records.first { $0.id == id })
        #expect(Fingerprint.make(score, scheme: 1) == fingerprint)
    }

    /// What a run adds (the policy's decision) is not the feed's: it changes no fingerprint.
    @Test func thePolicysDecisionChangesNoFingerprint() throws {
        let records = try Self.records(Self.fixture("state/edge-records-toefl.json"))
        let policy = try AdmissionsPolicy.load(Self.fixture("policy/graduate-2027.json"))
        var check = PolicyCheck(policy: policy, today: CalendarDate(year: 2026, month: 11, day: 22).unsafelyUnwrapped)
        for var score in records {
            let before = Fingerprint.make(score, scheme: 1)
            check.apply(to: &score, problems: [])
            #expect(!score[stored: .policyResult].isEmpty)
            #expect(Fingerprint.make(score, scheme: 1) == before)
        }
    }
}

import Foundation
import Testing

@testable import ScoreKit

/// Golden pins of the ledger fingerprint, a stable format on disk: a fingerprint that changed would re-deliver
/// every record in the overlap of the next cron run as an update.
@Suite struct FingerprintTests {
    /// The sandbox's records as a run sees them (read, then normalized), the newest of each key (ties: the later).
    static func newestByKey(_ fixture: String) throws -> [String: TestScore] {
        var newest: [String: TestScore] = [:]
        for var record in try Records.read([Paths.fixtures.appendingPathComponent("sandbox/\(fixture)").path]) {
            Normalizer.complete(&record.score)
            let score = record.score
            if let kept = newest[score.key], let keptTime = kept.modifiedAt, let time = score.modifiedAt,
                keptTime > time
            {
                continue
            }
            newest[score.key] = score
        }
        return newest
    }

    /// Release 0.1.0 wrote `Fixtures/state/release-0.1.0-*.state` from the sandbox's data; scheme 1 must give the
    /// very same fingerprints, record by record.
    @Test(arguments: [("ielts", "ielts-results.json", 9), ("toefl", "toefl-scores.json", 6)])
    func schemeOneGivesTheFingerprintsRelease010Stored(service: String, fixture: String, count: Int) throws {
        let state = try StateFile.load(
            path: Paths.fixtures.appendingPathComponent("state/release-0.1.0-\(service).state").path,
            service: try #require(TestFamily(argument: service)))
        let records = try Self.newestByKey(fixture)
        #expect(state.ledger.entries.count == count)
        #expect(Set(records.keys) == Set(state.ledger.entries.keys))
        for (key, entry) in state.ledger.entries {
            let score = try #require(records[key])
            #expect(Fingerprint.make(score, scheme: 1) == entry.fingerprint, "\(key)")
            #expect(Fingerprint.scheme(of: entry.fingerprint) == 1)
        }
    }

    static let pinnedKey = "IELTS:26SB000002SAND002A"
    /// Scheme 2 of the sandbox's second IELTS result. Never change this value: a different value is a new scheme.
    static let pinned = "2:9f014b796773dc45"

    @Test func schemeTwoOfAFixtureRecordIsPinned() throws {
        let score = try #require(try Self.newestByKey("ielts-results.json")[Self.pinnedKey])
        #expect(Fingerprint.make(score) == Self.pinned)
        #expect(Fingerprint.make(score, scheme: 2) == Self.pinned)
        #expect(Fingerprint.scheme(of: Self.pinned) == 2)
    }

    /// Scheme 2 leaves derived CEFR levels out, so a change to a CEFR table changes no fingerprint; a level the
    /// feed sent is part of it.
    @Test func schemeTwoIgnoresDerivedLevelsButNotSentOnes() throws {
        var score = try #require(try Self.newestByKey("ielts-results.json")[Self.pinnedKey])
        #expect(score.cefrDerived)
        score.cefr = .valid(.a1)
        #expect(Fingerprint.make(score) == Self.pinned)
        #expect(Fingerprint.make(score, scheme: 1) != Fingerprint.make(score, scheme: 2))
        score.cefrDerived = false
        #expect(Fingerprint.make(score) != Self.pinned)
    }

    /// A result shared again (a new IELTS last-modified time) or reported again (a new TOEFL report date) with the
    /// same content keeps its scheme-2 fingerprint: it is not delivered again as an update. Scheme 1 (0.1.0) did
    /// count those dates.
    @Test func deliveryMetadataIsNotContent() throws {
        var score = try #require(try Self.newestByKey("ielts-results.json")[Self.pinnedKey])
        let scheme1 = Fingerprint.make(score, scheme: 1)
        score.session.lastModified = .valid(Timestamp(date: Records.date("2026-11-20"), secondOfDay: 3600))
        score.session.reportDate = .valid(Records.date("2026-11-20"))
        #expect(Fingerprint.make(score) == Self.pinned)
        #expect(Fingerprint.make(score, scheme: 1) != scheme1)
        score.scores.overall = .valid(ExactDecimal(hundredths: 850))
        #expect(Fingerprint.make(score) != Self.pinned, "a changed score is content")
    }

    /// The fingerprint covers a frozen list of fields, not the template's: a run whose template has every field
    /// (and another date format) records the same fingerprints as a run with the compact template.
    @Test func theTemplateDoesNotChangeTheFingerprints() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let wide = directory.appendingPathComponent("wide.json")
        let fields = Field.allCases.map { "\"\($0.heading)\"" }.joined(separator: ", ")
        try Data(#"{"name": "wide", "format": "csv", "dateFormat": "dd/mm/yyyy", "fields": [\#(fields)]}"#.utf8)
            .write(to: wide)
        var recorded: [[String: String]] = []
        for template in [Template.compact, try TemplateLoader.load(wide.path)] {
            var options = ScorePipeline.Options(today: Records.date("2026-11-22"))
            options.template = template
            options.destination = .file(directory.appendingPathComponent("out-\(template.name).csv").path)
            let ledger = Ledger()
            _ = try ScorePipeline(options: options, diagnostics: Diagnostics(fd: -1)).run(
                inputs: FileInputs(paths: [Paths.fixtures.appendingPathComponent("sandbox/ielts-results.json").path]),
                ledger: ledger)
            recorded.append(ledger.entries.mapValues(\.fingerprint))
        }
        #expect(recorded[0].count == 9)
        #expect(recorded[0] == recorded[1])
        #expect(recorded[1][Self.pinnedKey] == Self.pinned)
    }
}

import Foundation
import Testing

@testable import ScoreKit

/// With `--state`, each record is new, an update, a cancellation, or unchanged (withheld unless `--full`); the
/// `deliveryType` column says which, and the ledger learns it only when the run commits.
@Suite struct DeliveryClassifierTests {
    static let today = Records.date("2026-04-01")
    static let earlier = Records.date("2026-03-01")

    /// Records delivered on an earlier night, and what each looks like tonight.
    static let delivered = Records.score("UNCHANGED1", modified: "2026-02-01T00:00:00")
    static let beforeCorrection = Records.score("CORRECTED1", modified: "2026-02-01T00:00:00")
    static let beforeCancellation = Records.score("WITHDRAWN1", modified: "2026-02-01T00:00:00")

    static func ledger() -> Ledger {
        var entries: [String: Ledger.Entry] = [:]
        for score in [delivered, beforeCorrection, beforeCancellation] {
            entries[score.key] = Ledger.Entry(
                fingerprint: Fingerprint.make(score), status: score.status, seen: earlier)
        }
        return Ledger(entries: entries)
    }

    static var tonight: [(TestScore, Ledger.Delivery)] {
        var corrected = beforeCorrection
        corrected.candidate.familyName = "Corrected"
        var withdrawn = beforeCancellation
        withdrawn.status = .cancelled
        return [
            (delivered, .unchanged), (corrected, .update), (withdrawn, .cancellation),
            (Records.score("FIRST1", modified: "2026-03-31T00:00:00"), .new),
        ]
    }

    @Test(arguments: [false, true])
    func classifiesAndMarksTheDeliveryColumn(full: Bool) {
        let ledger = Self.ledger()
        var classifier = DeliveryClassifier(ledger: ledger, full: full, today: Self.today)
        for (score, delivery) in Self.tonight {
            var record = PipelineRecord()
            record.score = score
            let outcome = classifier.process(&record)
            let column = Field.deliveryType.text(
                of: record.score, RenderContext(dateFormat: .isoDate, downloadDate: Self.today))
            if delivery == .unchanged && !full {
                #expect(outcome == .withhold(.unchanged), "\(score.id)")
                #expect(column == "")
            } else {
                #expect(outcome == .pass, "\(score.id)")
                #expect(column == delivery.rawValue, "\(score.id)")
            }
        }
        // Nothing is recorded before the run commits ...
        #expect(ledger.entries[Self.tonight[3].0.key] == nil)
        #expect(ledger.entries[Self.beforeCorrection.key]?.fingerprint == Fingerprint.make(Self.beforeCorrection))
        // ... then every record is, the unchanged one too (seen tonight), whether or not it was delivered.
        #expect(ledger.apply() == [.new: 1, .update: 1, .cancellation: 1, .unchanged: 1])
        for (score, _) in Self.tonight {
            #expect(
                ledger.entries[score.key]
                    == Ledger.Entry(fingerprint: Fingerprint.make(score), status: score.status, seen: Self.today))
        }
    }

    /// A newer record that a filter left out must not let an older one with its key be recorded as delivered: the
    /// sink drops the older one, so recording it would suppress the real delivery on a later night.
    @Test func aFilteredRecordDoesNotLetAnOlderOneBeRecorded() {
        let ledger = Ledger()
        var classifier = DeliveryClassifier(ledger: ledger, full: false, today: Self.today)
        var older = PipelineRecord()
        older.score = Records.score("MOVED1", .ieltsAcademic, modified: "2026-03-01T00:00:00")
        var newer = PipelineRecord()
        newer.score = Records.score("MOVED1", .ieltsGeneralTraining, modified: "2026-03-20T00:00:00")
        #expect(classifier.process(&older) == .pass)
        classifier.observeWithheld(newer)
        #expect(ledger.apply() == [:])
        #expect(ledger.entries.isEmpty)

        // The other way round, a filtered record older than the delivered one changes nothing.
        var current = PipelineRecord()
        current.score = Records.score("KEPT1", modified: "2026-03-20T00:00:00")
        var stale = PipelineRecord()
        stale.score = Records.score("KEPT1", .ieltsGeneralTraining, modified: "2026-03-01T00:00:00")
        classifier.observeWithheld(stale)
        #expect(classifier.process(&current) == .pass)
        #expect(ledger.apply() == [.new: 1])
        #expect(ledger.entries[current.score.key]?.fingerprint == Fingerprint.make(current.score))
    }

    /// The same through the whole pipeline: `--module academic` leaves out the newer (General Training) version,
    /// the older Academic one is dropped as superseded, nothing is delivered and the ledger stays empty, so the
    /// next run without the filter delivers the newer one as new.
    @Test func throughThePipelineTheFilteredKeyStaysUndelivered() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("a.json")
        let second = directory.appendingPathComponent("b.json")
        try Records.write(ielts: [try Records.ielts("26SB000020MOVE020A", modified: "2026-03-01T00:00:00")], to: first)
        try Records.write(
            ielts: [
                try Records.ielts(
                    "26SB000020MOVE020A", modified: "2026-03-20T00:00:00", ["module": "General Training"])
            ], to: second)
        let ledger = Ledger()
        var options = ScorePipeline.Options(today: Self.today)
        options.inputs = [first.path, second.path]
        options.module = .ieltsAcademic
        options.destination = .file(directory.appendingPathComponent("out.csv").path)
        options.template = .compact
        let captured = try CapturedDiagnostics()
        let summary = try ScorePipeline(options: options, diagnostics: captured.diagnostics).run(
            inputs: FileInputs(paths: options.inputs), ledger: ledger)
        #expect(summary.written == 0)
        #expect(summary.skipped == 1)
        #expect(summary.duplicates == 1)
        #expect(ledger.entries.isEmpty)
        #expect(captured.text.contains("dropped \(first.path) record 1"))

        options.module = nil
        let again = try ScorePipeline(options: options, diagnostics: Diagnostics(fd: -1)).run(
            inputs: FileInputs(paths: options.inputs), ledger: ledger)
        #expect(again.written == 1)
        #expect(again.deliveries == [.new: 1])
    }
}

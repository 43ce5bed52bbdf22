import Testing

@testable import ScoreKit

/// The ledger decides what a scheduled fetch delivers again: only what changed, once per key, and only what the
/// run really delivered.
@Suite struct LedgerTests {
    static let today = Records.date("2026-04-01")
    static let earlier = Records.date("2026-02-01")

    static func entry(_ score: TestScore, scheme: Int = Fingerprint.currentScheme) -> Ledger.Entry {
        Ledger.Entry(fingerprint: Fingerprint.make(score, scheme: scheme), status: score.status, seen: earlier)
    }

    @Test func classifiesAgainstWhatWasDelivered() {
        let delivered = Records.score("26SB1", modified: "2026-01-01T00:00:00")
        var changed = delivered
        changed.scores.writing = .valid(Records.decimal("6.5"))
        var cancelled = delivered
        cancelled.status = .cancelled
        let wasCancelled = Records.score("26SB2", status: .cancelled)
        let ledger = Ledger(entries: [delivered.key: Self.entry(delivered), wasCancelled.key: Self.entry(wasCancelled)])
        #expect(ledger.classify(delivered) == .unchanged)
        #expect(ledger.classify(changed) == .update)
        #expect(ledger.classify(cancelled) == .cancellation)
        #expect(ledger.classify(wasCancelled) == .unchanged, "a cancellation is delivered once")
        #expect(ledger.classify(Records.score("26SB3")) == .new)
        #expect(ledger.classify(Records.score("26SB4", status: .cancelled)) == .cancellation)
        // The key is test family and id: the same id in the other test is another result.
        #expect(ledger.classify(Records.score("26SB1", .toeflIBT)) == .new)
        #expect(ledger.classify(Records.score("26SB1", .ieltsGeneralTraining)) != .new)
        // A result shared again with the same content (a new modification time) is not a change.
        var touched = delivered
        touched.session.lastModified = .valid(Timestamp(date: Self.today))
        #expect(ledger.classify(touched) == .unchanged)
    }

    /// A ledger written by release 0.1.0 (scheme 1) still recognizes its records, and learns scheme 2 from them.
    @Test func aFingerprintOfTheOldSchemeStillMatchesAndIsRewrittenInTheNew() {
        let score = Records.score("26SB1", modified: "2026-01-01T00:00:00")
        let ledger = Ledger(entries: [score.key: Self.entry(score, scheme: 1)])
        #expect(ledger.entries[score.key]?.fingerprint.hasPrefix("2:") == false)
        #expect(ledger.stage(score, today: Self.today) == .unchanged)
        #expect(ledger.apply() == [.unchanged: 1])
        #expect(ledger.entries[score.key]?.fingerprint == Fingerprint.make(score))
        #expect(ledger.entries[score.key]?.fingerprint.hasPrefix("2:") == true)
        #expect(ledger.entries[score.key]?.seen == Self.today)
    }

    @Test(arguments: [
        // (modification times in input order, the one recorded)
        (["2026-03-01T00:00:00", "2026-03-09T00:00:00", "2026-03-05T00:00:00"], 1),
        (["2026-03-09T00:00:00", "2026-03-01T00:00:00"], 0),
        // A tie goes to the later record, as the sink keeps it.
        (["2026-03-01T00:00:00", "2026-03-01T00:00:00", "2026-02-01T00:00:00"], 1),
    ])
    func recordsTheNewestOfEachKeyTiesToTheLater(modified: [String], recorded: Int) {
        let ledger = Ledger()
        let scores = modified.enumerated().map { index, time in
            Records.score("26SB1", modified: time, familyName: "Version \(index)")
        }
        for score in scores { _ = ledger.stage(score, today: Self.today) }
        #expect(ledger.apply() == [.new: 1])
        #expect(ledger.entries[scores[0].key]?.fingerprint == Fingerprint.make(scores[recorded]))
    }

    @Test func aRecordLeftOutKeepsItsKeyAsItWas() {
        let delivered = Records.score("26SB1", modified: "2026-01-01T00:00:00")
        let ledger = Ledger(entries: [delivered.key: Self.entry(delivered)])
        var older = delivered
        older.candidate.familyName = "Changed"
        _ = ledger.stage(older, today: Self.today)
        var newer = delivered
        newer.session.lastModified = .valid(Timestamp(date: Self.today))
        newer.scores.overall = .valid(ExactDecimal(hundredths: 900))
        ledger.stageLeftOut(newer)
        #expect(ledger.apply() == [:])
        #expect(ledger.entries == [delivered.key: Self.entry(delivered)])

        // Left out but older than what the run delivers: the delivered one is recorded.
        ledger.stageLeftOut(older)
        _ = ledger.stage(newer, today: Self.today)
        #expect(ledger.apply() == [.update: 1])
        #expect(ledger.entries[delivered.key]?.fingerprint == Fingerprint.make(newer))
    }

    @Test func countsByKindAndForgetsWhatWasStaged() {
        let known = Records.score("26SB1")
        var changed = Records.score("26SB2")
        let ledger = Ledger(entries: [known.key: Self.entry(known), changed.key: Self.entry(changed)])
        changed.candidate.familyName = "Corrected"
        let batch = [
            known, changed, Records.score("26SB3"), Records.score("26SB4"), Records.score("26SB5", status: .cancelled),
        ]
        #expect(batch.map { ledger.stage($0, today: Self.today) } == [.unchanged, .update, .new, .new, .cancellation])
        // A record without an id is delivered as new, and never recorded.
        #expect(ledger.stage(Records.score(""), today: Self.today) == .new)
        #expect(ledger.apply() == [.unchanged: 1, .update: 1, .new: 2, .cancellation: 1])
        #expect(ledger.entries.count == 5)
        #expect(ledger.entries["IELTS:"] == nil)
        #expect(ledger.apply() == [:], "a second apply records nothing more")
    }

    /// Entries live as long as a result is valid (two years) plus a margin; the cutoff day itself is kept.
    @Test(arguments: [(0, false), (1, true), (-1, false)])
    func prunesEntriesPastTheValidityAndMargin(daysBeforeCutoff: Int, pruned: Bool) throws {
        let margin = 60
        let cutoff = Self.today.daysSinceEpoch - 2 * 366 - margin
        let seen = try #require(CalendarDate(daysSinceEpoch: cutoff - daysBeforeCutoff))
        let ledger = Ledger(entries: [
            "IELTS:OLD": Ledger.Entry(fingerprint: "2:0", status: .reported, seen: seen),
            "IELTS:NOW": Ledger.Entry(fingerprint: "2:0", status: .reported, seen: Self.today),
        ])
        #expect(ledger.prune(today: Self.today, marginDays: margin) == (pruned ? 1 : 0))
        #expect(ledger.entries.keys.sorted() == (pruned ? ["IELTS:NOW"] : ["IELTS:NOW", "IELTS:OLD"]))
    }

    @Test func theDefaultMarginIsSixtyDays() throws {
        let seen = try #require(CalendarDate(daysSinceEpoch: Self.today.daysSinceEpoch - 2 * 366 - 61))
        let ledger = Ledger(entries: ["IELTS:OLD": Ledger.Entry(fingerprint: "2:0", status: .reported, seen: seen)])
        #expect(ledger.prune(today: Self.today) == 1)
    }
}

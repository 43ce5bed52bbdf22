/// What scheduled fetches have delivered before: for each key (test and id), a fingerprint of the content
/// delivered, its status and the day it was last seen. Records whose fingerprint matches are not delivered again.
public final class Ledger {
    public struct Entry: Sendable, Hashable {
        /// See ``Fingerprint``: the scheme is part of the stored text.
        public var fingerprint: String
        public var status: ScoreStatus
        /// The day the record was last delivered or seen.
        public var seen: CalendarDate

        public init(fingerprint: String, status: ScoreStatus, seen: CalendarDate) {
            self.fingerprint = fingerprint
            self.status = status
            self.seen = seen
        }
    }

    /// How a record is delivered this run.
    public enum Delivery: String, Sendable, CaseIterable {
        case new, update, cancellation, unchanged
    }

    /// What the run will record for a key once it has committed.
    private struct Staged {
        /// What to record, or nil for a record a filter left out: the key's entry stays as it was.
        var entry: Entry?
        var delivery: Delivery
        var modified: Int
    }

    public private(set) var entries: [String: Entry]
    private var staged: [String: Staged] = [:]

    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// How `score` compares with what was delivered before this run.
    public func classify(_ score: TestScore) -> Delivery {
        let previous = entries[score.key]
        if let previous,
            previous.fingerprint == Fingerprint.make(score, scheme: Fingerprint.scheme(of: previous.fingerprint))
        {
            return .unchanged
        }
        if score.status == .cancelled { return .cancellation }
        return previous == nil ? .new : .update
    }

    /// Classifies `score` and notes what to record for its key once the run has committed. When a key comes more
    /// than once, the most recently modified record is the one recorded (ties: the later), as the sink keeps it.
    /// A record without an id is always new and never recorded.
    public func stage(_ score: TestScore, today: CalendarDate) -> Delivery {
        let delivery = classify(score)
        let entry = Entry(fingerprint: Fingerprint.make(score), status: score.status, seen: today)
        note(score, Staged(entry: entry, delivery: delivery, modified: 0))
        return delivery
    }

    /// Notes a record that a filter left out: it is not delivered, so its key's entry stays as it was, even when
    /// an older record with the same key was staged (the sink drops that one as superseded).
    public func stageLeftOut(_ score: TestScore) {
        note(score, Staged(entry: nil, delivery: .unchanged, modified: 0))
    }

    private func note(_ score: TestScore, _ item: Staged) {
        guard !score.id.isEmpty else { return }
        var item = item
        item.modified = score.modifiedAt?.secondsSinceEpoch ?? Int.min / 2
        if let previous = staged[score.key], previous.modified > item.modified { return }
        staged[score.key] = item
    }

    /// Records what was staged; returns the count of keys by kind of delivery.
    public func apply() -> [Delivery: Int] {
        var counts: [Delivery: Int] = [:]
        for (key, item) in staged {
            guard let entry = item.entry else { continue }
            entries[key] = entry
            counts[item.delivery, default: 0] += 1
        }
        staged.removeAll()
        return counts
    }

    /// Drops entries not seen for longer than the 2-year validity plus `marginDays`.
    public func prune(today: CalendarDate, marginDays: Int = 60) -> Int {
        let cutoff = today.daysSinceEpoch - 2 * 366 - marginDays
        let before = entries.count
        entries = entries.filter { $0.value.seen.daysSinceEpoch >= cutoff }
        return before - entries.count
    }
}

extension ScoreStatus {
    /// The status as the state file stores it: "R" reported, "C" cancelled.
    var ledgerCode: String { self == .cancelled ? "C" : "R" }

    init?(ledgerCode: String) {
        switch ledgerCode {
        case "R": self = .reported
        case "C": self = .cancelled
        default: return nil
        }
    }
}

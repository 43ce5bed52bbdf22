/// What a run has delivered before: for each key (test and id), a fingerprint of the content delivered, its
/// status and the day it was last seen. Records whose fingerprint matches are not delivered again.
public final class Ledger {
    public struct Entry: Sendable, Hashable {
        public var fingerprint: String
        /// "R" reported or "C" cancelled.
        public var status: String
        /// The day the record was last delivered or seen.
        public var seen: CalendarDate
    }

    /// How a record is delivered this run.
    public enum Delivery: String, Sendable {
        case new, update, cancellation, unchanged
    }

    public private(set) var entries: [String: Entry]
    private var staged: [(ordinal: Int, key: String, entry: Entry, delivery: Delivery)] = []

    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// Classifies `score` against what was delivered before this run.
    public func classify(_ score: TestScore, fingerprint: String) -> Delivery {
        let previous = entries[score.key]
        if let previous, previous.fingerprint == fingerprint { return .unchanged }
        if score.status == .cancelled { return .cancellation }
        return previous == nil ? .new : .update
    }

    /// Notes a record written at `ordinal`, to record once the run has succeeded.
    public func stage(_ score: TestScore, fingerprint: String, delivery: Delivery, ordinal: Int, today: CalendarDate) {
        let entry = Entry(fingerprint: fingerprint, status: score.status == .cancelled ? "C" : "R", seen: today)
        staged.append((ordinal, score.key, entry, delivery))
    }

    /// Records what was staged, except the superseded ordinals; returns the count by kind of delivery.
    public func apply(skipping superseded: Set<Int>) -> [Delivery: Int] {
        var counts: [Delivery: Int] = [:]
        for item in staged where !superseded.contains(item.ordinal) {
            entries[item.key] = item.entry
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

    /// The fingerprint the ledger stores for `score` (see ``Fingerprint``).
    public static func fingerprint(_ score: TestScore) -> String { Fingerprint.scheme1(score) }
}

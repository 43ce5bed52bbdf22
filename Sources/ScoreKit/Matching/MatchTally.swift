/// How many records each rule matched, and how many were ambiguous or unmatched: for the summary line.
public struct MatchTally: Sendable, Equatable {
    public var matched: [MatchRule: Int] = [:]
    public var ambiguous = 0
    public var conflict = 0
    public var unmatched = 0

    public init() {}

    /// "matched 7 (id 1, name-dob 4, swapped-name-dob 1, email-dob 1, email-name 0), ambiguous 1, unmatched 2",
    /// with "conflict N" before "unmatched" when there are any.
    public var line: String {
        let rules = MatchRule.allCases.map { "\($0.rawValue) \(matched[$0, default: 0])" }
        return "matched \(matched.values.reduce(0, +)) (\(rules.joined(separator: ", "))), ambiguous \(ambiguous), "
            + (conflict > 0 ? "conflict \(conflict), " : "") + "unmatched \(unmatched)"
    }

    /// Counts a record by the match fields the stage filled in.
    mutating func count(_ score: TestScore) {
        switch MatchStatus(rawValue: score[stored: .matchStatus]) {
        case .matched?: MatchRule(rawValue: score[stored: .matchedBy]).map { matched[$0, default: 0] += 1 }
        case .ambiguous?: ambiguous += 1
        case .conflict?: conflict += 1
        case .unmatched?: unmatched += 1
        case nil: break
        }
    }
}

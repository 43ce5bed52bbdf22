/// The outcome of an admissions policy for one record.
public enum PolicyResult: String, Sendable, Hashable, CaseIterable {
    /// Every required score meets its minimum, and nothing needs a person.
    case meets
    /// Cancelled, older than `maxAgeDays`, or a score below its minimum.
    case fails
    /// A person must decide: a required score is missing (an accommodation) or touched by a warning.
    case review
    /// The policy has no rule for the record's test.
    case noRule = "no-rule"
}

/// A result and every reason for it, in the policy file's wording (`writing 5.5 < 6.0`, `cancelled`, ...).
public struct PolicyDecision: Sendable, Hashable {
    public var result: PolicyResult
    public var reasons: [String]

    public init(result: PolicyResult, reasons: [String]) {
        self.result = result
        self.reasons = reasons
    }
}

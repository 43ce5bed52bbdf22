/// An admissions office's English requirement: minimum scores per test, how old a test may be, and whether TOEFL
/// MyBest scores count. Read from a policy file (see ``load(_:)``) and applied by ``PolicyCheck``.
public struct AdmissionsPolicy: Sendable, Hashable {
    /// A score a rule can set a minimum for.
    public enum Part: String, Sendable, Hashable, CaseIterable {
        case overall, listening, reading, writing, speaking

        /// The part of a section.
        public init(_ section: Section) {
            switch section {
            case .listening: self = .listening
            case .reading: self = .reading
            case .writing: self = .writing
            case .speaking: self = .speaking
            }
        }

        /// The part's score among `scores` (a record's, or its MyBest scores).
        public func score(in scores: SectionScores) -> Checked<ExactDecimal>? {
            guard let section else { return scores.overall }
            return scores[section]
        }

        /// The section, or nil for the overall score.
        public var section: Section? {
            switch self {
            case .overall: nil
            case .listening: .listening
            case .reading: .reading
            case .writing: .writing
            case .speaking: .speaking
            }
        }
    }

    /// The minimums for one test; a part without one is not judged.
    public struct Rule: Sendable, Hashable {
        public var minimums: [Part: ExactDecimal]

        public init(minimums: [Part: ExactDecimal] = [:]) {
            self.minimums = minimums
        }
    }

    /// The policy's name, for the tally.
    public var name: String
    /// The most days from the test date to today; nil: any age.
    public var maxAgeDays: Int?
    /// Judge TOEFL records on the better of each score and its MyBest score (MyBest dates within `maxAgeDays`).
    public var acceptMyBest: Bool
    /// The rule for each test; a test without one gives `no-rule`.
    public var rules: [TestKind: Rule]

    public init(name: String, maxAgeDays: Int? = nil, acceptMyBest: Bool = false, rules: [TestKind: Rule]) {
        self.name = name
        self.maxAgeDays = maxAgeDays
        self.acceptMyBest = acceptMyBest
        self.rules = rules
    }
}

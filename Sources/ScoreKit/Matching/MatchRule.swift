/// The matching rules, in the order they are tried: the first with any candidate decides.
public enum MatchRule: String, Sendable, Hashable, CaseIterable {
    /// The score's TRF or appointment number is one the applicant reported.
    case id
    /// Same date of birth, same family name, compatible first names (see ``NameKey/isCompatible(with:)``).
    case nameDob = "name-dob"
    /// As `name-dob` with the score's family and first names swapped.
    case swappedNameDob = "swapped-name-dob"
    /// Same email and same date of birth.
    case emailDob = "email-dob"
    /// Same email and same family name.
    case emailName = "email-name"
}

/// Whether a score was matched to one applicant.
public enum MatchStatus: String, Sendable, Hashable, CaseIterable {
    case matched, ambiguous
    /// An applicant reported the score's id, but the score names another person (another date of birth, or
    /// another family name in either order): a person decides.
    case conflict
    case unmatched
}

/// The outcome of matching one score.
public struct MatchResult: Sendable, Hashable {
    public var status: MatchStatus
    /// The deciding rule: the one that matched, the one at which two or more applicants fit, or `id` for a
    /// conflict (nil: unmatched).
    public var rule: MatchRule?
    /// The applicant's id when matched, else "".
    public var applicantId: String
    /// For review: the applicants that fit at the deciding rule (ambiguous), the applicants who reported the id and
    /// then those a later rule finds (conflict), or the closest ones (unmatched); at most ``Matcher/candidateLimit``.
    public var candidates: [String]

    public init(status: MatchStatus, rule: MatchRule?, applicantId: String = "", candidates: [String] = []) {
        self.status = status
        self.rule = rule
        self.applicantId = applicantId
        self.candidates = candidates
    }
}

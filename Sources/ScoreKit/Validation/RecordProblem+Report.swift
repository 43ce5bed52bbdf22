import Foundation

/// How much a problem weighs: a warning counts (and fails `--strict`), a note only informs.
public enum ProblemSeverity: String, Sendable {
    case warning, note
}

extension RecordProblem {
    /// A short stable name for tallies and the problems file.
    public var kind: String {
        switch self {
        case .missingID: "missing-id"
        case .missingName: "missing-name"
        case .unparseableScore: "score-not-a-number"
        case .scoreOutOfScale: "score-out-of-scale"
        case .scoreOffStep: "score-off-step"
        case .overallInconsistent: "overall-inconsistent"
        case .cefrDisagrees: "cefr-disagrees"
        case .unrecognizedCEFR: "cefr-unrecognized"
        case .unparseableDate: "date-unreadable"
        case .expired: "expired"
        case .photoNotSaved: "photo-not-saved"
        }
    }

    /// The field the problem is about, or "" for the record as a whole.
    public var field: String {
        switch self {
        case .missingID: "scoreId"
        case .missingName: "familyName"
        case .unparseableScore(let field, _), .scoreOutOfScale(let field, _, _), .scoreOffStep(let field, _, _),
            .unparseableDate(let field, _):
            field
        case .overallInconsistent: "overallBandScore"
        case .cefrDisagrees, .unrecognizedCEFR: "cefrLevel"
        case .expired: "testDate"
        case .photoNotSaved: "photo_data"
        }
    }

    /// The value as the source sent it, or "".
    public var value: String {
        switch self {
        case .missingID, .missingName, .photoNotSaved: ""
        case .unparseableScore(_, let text), .unrecognizedCEFR(let text), .unparseableDate(_, let text): text
        case .scoreOutOfScale(_, let value, _), .scoreOffStep(_, let value, _): value
        case .overallInconsistent(let reported, _), .cefrDisagrees(let reported, _): reported
        case .expired(let testDate, _): testDate.description
        }
    }

    public var severity: ProblemSeverity { .warning }

    /// Whether the value is personal data (a date of birth): messages on stderr leave it out.
    public var isPersonal: Bool { Field(name: field).map(Self.personalFields.contains) ?? false }

    /// What stderr says: the description, without a personal value (the problems file has it).
    public var message: String {
        guard isPersonal, !value.isEmpty else { return description }
        return description.replacingOccurrences(of: "\"\(value)\"", with: "(value left out: personal data)")
    }

    private static let personalFields: Set<Field> = [
        .dateOfBirth, .familyName, .firstName, .middleName, .candidateEmail, .telephone, .postalAddress,
        .addressLine1, .addressLine2, .addressLine3, .addressLine4, .postcode,
    ]
}

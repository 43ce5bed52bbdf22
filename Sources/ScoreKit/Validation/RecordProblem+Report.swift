import Foundation

extension RecordProblem {
    /// Whether the value is personal data (a date of birth): messages on stderr leave it out.
    public var isPersonal: Bool { outputField.map(Self.personalFields.contains) ?? false }

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

/// Which column of an applicant file holds what, found from its headings.
///
/// Headings are compared with case, spaces, '_' and '-' ignored. The id column is the one `--applicant-id-column`
/// names, or else the first heading among `applicantId`, `Applicant ID`, `ID`, `Reference`. For each detail the
/// first heading among its synonyms wins; the reported score ids may come from several columns.
public struct ApplicantColumns: Sendable, Equatable {
    public var id: Int
    public var familyName: Int?
    public var firstName: Int?
    public var dateOfBirth: Int?
    public var email: Int?
    /// Columns of score ids the applicant reported.
    public var reportedIds: [ReportedIdColumn]

    /// A column of score ids the applicant reported.
    public struct ReportedIdColumn: Sendable, Equatable {
        public var column: Int
        /// IELTS TRF numbers, or else TOEFL appointment numbers.
        public var isIELTS: Bool
    }

    public static let idHeadings = ["applicantId", "Applicant ID", "ID", "Reference"]
    // The details go by the names score files use for the same fields (``Field/names``): one list for both.
    public static let familyNameHeadings = Field.familyName.names
    public static let firstNameHeadings = Field.firstName.names
    public static let dateOfBirthHeadings = Field.dateOfBirth.names
    public static let emailHeadings = Field.candidateEmail.names
    public static let trfHeadings = Field.trfNumber.names
    public static let appointmentHeadings = Field.appointmentNumber.names

    /// Resolves `headings`; nil when there is no id column (see ``MatchingError/noIdColumn``).
    public init?(headings: [String], idColumn: String?) {
        let folded = headings.map(Self.fold)
        func first(_ names: [String]) -> Int? {
            for name in names.map(Self.fold) {
                if let index = folded.firstIndex(of: name) { return index }
            }
            return nil
        }
        guard let id = first(idColumn.map { [$0] } ?? Self.idHeadings) else { return nil }
        self.id = id
        familyName = first(Self.familyNameHeadings)
        firstName = first(Self.firstNameHeadings)
        dateOfBirth = first(Self.dateOfBirthHeadings)
        email = first(Self.emailHeadings)
        let trf = Set(Self.trfHeadings.map(Self.fold))
        let appointment = Set(Self.appointmentHeadings.map(Self.fold))
        reportedIds = folded.indices.compactMap { index in
            if trf.contains(folded[index]) { return ReportedIdColumn(column: index, isIELTS: true) }
            if appointment.contains(folded[index]) { return ReportedIdColumn(column: index, isIELTS: false) }
            return nil
        }
    }

    /// Whether `heading` is one this file format knows (any synonym above).
    static func isKnown(_ heading: String) -> Bool {
        let all =
            idHeadings + familyNameHeadings + firstNameHeadings + dateOfBirthHeadings + emailHeadings + trfHeadings
            + appointmentHeadings
        return all.map(fold).contains(fold(heading))
    }

    static func fold(_ heading: String) -> String {
        String(heading.lowercased().unicodeScalars.filter { !" _-\t".unicodeScalars.contains($0) })
    }
}

extension TestScore {
    /// The fields a record's id is read from.
    private static let idHeadings: Set<String> = [
        Field.trfNumber.heading, Field.appointmentNumber.heading, Field.scoreId.heading,
    ]

    /// Whether a spreadsheet may have changed the record's id: it came in scientific notation (`2.02601E+15`, its
    /// last digits gone), or from an XLSX number cell with more digits than a spreadsheet keeps (15). Such an id may
    /// now be another result's, so it is no key: two records that share it are not duplicates.
    var idMayBeDamaged: Bool {
        guard !sourceProblems.isEmpty else { return false }
        for problem in sourceProblems {
            switch problem {
            case .scientificNotation(let field) where Self.idHeadings.contains(field):
                return true
            case .storedAsNumber(let field) where Self.idHeadings.contains(field):
                if text.withBytes(.id, { $0.count }) > 15 { return true }
            default:
                continue
            }
        }
        return false
    }
}

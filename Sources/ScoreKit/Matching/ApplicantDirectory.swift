/// The applicants of one file, held by row, with hash indexes on the keys the matching rules join on.
///
/// Rows with the same applicant id are one applicant (an office may keep a maiden name, or a second email, on a
/// second row): each row is indexed, and rows are told apart by ``owners``, the first row with their id.
public struct ApplicantDirectory {
    /// The applicant id, as written (trimmed), per row.
    var ids: [String] = []
    /// The first row with the same id, per row.
    var owners: [Int32] = []
    /// The normalized family name, joined (see ``NameKey/joined``).
    var families: [String] = []
    /// The normalized first name, as tokens (see ``NameKey/tokens``).
    var firsts: [String] = []
    /// The date of birth in days since 1970, or ``noBirth``.
    var births: [Int32] = []
    /// The email, trimmed and lower case.
    var emails: [String] = []

    var byReportedId = ChainIndex<String>()
    var byBirthAndFamily = ChainIndex<BirthAndName>()
    var byEmail = ChainIndex<String>()
    var byBirth = ChainIndex<Int32>()
    var byFamily = ChainIndex<String>()

    static let noBirth = Int32.min

    /// How many rows were loaded (rows without an id are not).
    public var count: Int { ids.count }

    /// Builds the indexes once every row is in; rows go in last to first so chains read in file order.
    mutating func buildIndexes(reportedIds: [[String]]) {
        byBirthAndFamily.reserve(count)
        byFamily.reserve(count)
        byEmail.reserve(count)
        for row in stride(from: count - 1, through: 0, by: -1) {
            let at = Int32(row)
            for key in reportedIds[row] { byReportedId.insert(key, row: at) }
            let birth = births[row]
            if birth != Self.noBirth {
                byBirth.insert(birth, row: at)
                if !families[row].isEmpty {
                    byBirthAndFamily.insert(BirthAndName(birth: birth, name: families[row]), row: at)
                }
            }
            if !families[row].isEmpty { byFamily.insert(families[row], row: at) }
            if !emails[row].isEmpty { byEmail.insert(emails[row], row: at) }
        }
    }

    /// The key under which a reported score id is indexed: letters and digits only, upper case, and the test.
    static func idKey<Text: StringProtocol>(_ id: Text, isIELTS: Bool) -> String {
        var key = isIELTS ? "I" : "T"
        for scalar in id.unicodeScalars where scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            key.unicodeScalars.append(contentsOf: scalar.properties.uppercaseMapping.unicodeScalars)
        }
        return key.count > 1 ? key : ""
    }

    /// An email as compared: trimmed and lower case.
    static func emailKey(_ email: String) -> String {
        email.trimmingASCIISpaces().lowercased()
    }
}

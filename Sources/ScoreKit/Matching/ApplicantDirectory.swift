/// The applicants of one file, held by row, with hash indexes on the keys the matching rules join on.
///
/// Rows with the same applicant id are one applicant (an office may keep a maiden name, or a second email, on a
/// second row): each row is indexed, and rows are told apart by ``owners``, the first row with their id.
public final class ApplicantDirectory {
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

    /// Reported score ids (few rows have any, and a row may have several).
    var byReportedId = ChainIndex<String>()
    var byBirthAndFamily = RowIndex(rows: 0)
    var byEmail = RowIndex(rows: 0)
    var byBirth = RowIndex(rows: 0)
    var byFamily = RowIndex(rows: 0)

    static let noBirth = Int32.min

    init() {}

    /// How many rows were loaded (rows without an id are not).
    public var count: Int { ids.count }

    /// Rows whose applicant reported the score id `key` (see ``idKey(_:isIELTS:)``).
    func rows(reportedId key: String) -> ChainIndex<String>.Rows { byReportedId.rows(key) }

    /// Rows with this date of birth and joined family name, in file order.
    func rows(birth: Int32, family: String) -> LazyFilterSequence<RowIndex.Rows> {
        byBirthAndFamily.rows(hash: RowIndex.hash(family, birth)).lazy.filter {
            self.births[$0] == birth && self.families[$0] == family
        }
    }

    /// Rows with this date of birth, in file order.
    func rows(birth: Int32) -> LazyFilterSequence<RowIndex.Rows> {
        byBirth.rows(hash: RowIndex.hash("", birth)).lazy.filter { self.births[$0] == birth }
    }

    /// Rows with this joined family name, in file order.
    func rows(family: String) -> LazyFilterSequence<RowIndex.Rows> {
        byFamily.rows(hash: RowIndex.hash(family)).lazy.filter { self.families[$0] == family }
    }

    /// Rows with this email (as ``emailKey(_:)`` gives it), in file order.
    func rows(email: String) -> LazyFilterSequence<RowIndex.Rows> {
        byEmail.rows(hash: RowIndex.hash(email)).lazy.filter { self.emails[$0] == email }
    }

    /// Sets ``owners`` from ``ids``, and returns the rows (in file order) that repeat an earlier row's id.
    func settleOwners() -> [Int] {
        var byId = RowIndex(rows: count)
        for row in stride(from: count - 1, through: 0, by: -1) {
            byId.insert(hash: RowIndex.hash(ids[row]), row: Int32(row))
        }
        var repeated: [Int] = []
        owners = (0..<count).map { row in
            let id = ids[row]
            let first = byId.rows(hash: RowIndex.hash(id)).first { ids[$0] == id } ?? row
            if first != row { repeated.append(row) }
            return Int32(first)
        }
        return repeated
    }

    /// Builds the indexes once every row is in; rows go in last to first so chains read in file order.
    func buildIndexes(reportedIds: [[String]]) {
        byBirthAndFamily = RowIndex(rows: count)
        byEmail = RowIndex(rows: count)
        byBirth = RowIndex(rows: count)
        byFamily = RowIndex(rows: count)
        for row in stride(from: count - 1, through: 0, by: -1) {
            let at = Int32(row)
            for key in reportedIds[row] { byReportedId.insert(key, row: at) }
            let birth = births[row]
            let family = families[row]
            if birth != Self.noBirth {
                byBirth.insert(hash: RowIndex.hash("", birth), row: at)
                if !family.isEmpty { byBirthAndFamily.insert(hash: RowIndex.hash(family, birth), row: at) }
            }
            if !family.isEmpty { byFamily.insert(hash: RowIndex.hash(family), row: at) }
            if !emails[row].isEmpty { byEmail.insert(hash: RowIndex.hash(emails[row]), row: at) }
        }
    }

    /// The key under which a reported score id is indexed: letters and digits only, upper case, and the test.
    static func idKey<Text: StringProtocol>(_ id: Text, isIELTS: Bool) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(id.utf8.count + 1)
        key.append(isIELTS ? UInt8(ascii: "I") : UInt8(ascii: "T"))
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"): key.append(byte)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): key.append(byte & 0xDF)
            case 0x80...: return slowIdKey(id, isIELTS: isIELTS)
            default: break
            }
        }
        return key.count > 1 ? String(decoding: key, as: UTF8.self) : ""
    }

    private static func slowIdKey<Text: StringProtocol>(_ id: Text, isIELTS: Bool) -> String {
        var key = isIELTS ? "I" : "T"
        for scalar in id.unicodeScalars where scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            key.unicodeScalars.append(contentsOf: scalar.properties.uppercaseMapping.unicodeScalars)
        }
        return key.count > 1 ? key : ""
    }

    /// An email as compared: trimmed and lower case.
    static func emailKey(_ email: String) -> String {
        if email.isEmpty { return "" }
        var email = trimmed(email)
        // Only an address is a key: `N/A`, `none` or `-` would join everyone who left the cell so.
        guard let at = email.utf8.firstIndex(of: UInt8(ascii: "@")), at != email.utf8.startIndex,
            email.utf8.index(after: at) != email.utf8.endIndex
        else { return "" }
        let plain = email.withUTF8 { bytes in !bytes.contains { (0x41...0x5A).contains($0) || $0 >= 0x80 } }
        return plain ? email : email.lowercased()
    }
}

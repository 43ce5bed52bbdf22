/// E-Delivery gender codes.
public enum Gender: String, Sendable, Hashable {
    case male = "M"
    case female = "F"
    case unspecified = "U"
}

/// The text fields a ``Candidate`` keeps in its ``TextFields``.
enum CandidateText: Int, TextSlot {
    case familyName, firstName, middleName, genderCode, email, telephone, postalAddress
    case addressLine1, addressLine2, addressLine3, addressLine4, town, region, postcode, country, countryCode
    case nativeCountryCode, nativeCountry, nativeLanguageCode, nativeLanguage
    case securityIdType, securityIdLast4, securityIdCountry, candidateId

    public static let slotCount = allCases.count
}

/// The person who took the test.
public struct Candidate: Sendable, Hashable {
    public var dateOfBirth: Checked<CalendarDate>?
    public var gender: Gender?
    /// The text fields (see ``CandidateText``), in one buffer.
    var text = TextFields<CandidateText>()

    public init() {}

    public var familyName: String {
        get { text[.familyName] }
        set { text[.familyName] = newValue }
    }
    public var firstName: String {
        get { text[.firstName] }
        set { text[.firstName] = newValue }
    }
    public var middleName: String {
        get { text[.middleName] }
        set { text[.middleName] = newValue }
    }
    /// The source's own gender code: TOEFL uses 0-5.
    public var genderCode: String {
        get { text[.genderCode] }
        set { text[.genderCode] = newValue }
    }
    public var email: String {
        get { text[.email] }
        set { text[.email] = newValue }
    }
    public var telephone: String {
        get { text[.telephone] }
        set { text[.telephone] = newValue }
    }
    /// The IELTS postal address as sent (a compilation of the address lines), if the source sent one.
    public var postalAddress: String {
        get { text[.postalAddress] }
        set { text[.postalAddress] = newValue }
    }
    public var town: String {
        get { text[.town] }
        set { text[.town] = newValue }
    }
    public var region: String {
        get { text[.region] }
        set { text[.region] = newValue }
    }
    public var postcode: String {
        get { text[.postcode] }
        set { text[.postcode] = newValue }
    }
    public var country: String {
        get { text[.country] }
        set { text[.country] = newValue }
    }
    public var countryCode: String {
        get { text[.countryCode] }
        set { text[.countryCode] = newValue }
    }
    public var nativeCountryCode: String {
        get { text[.nativeCountryCode] }
        set { text[.nativeCountryCode] = newValue }
    }
    public var nativeCountry: String {
        get { text[.nativeCountry] }
        set { text[.nativeCountry] = newValue }
    }
    public var nativeLanguageCode: String {
        get { text[.nativeLanguageCode] }
        set { text[.nativeLanguageCode] = newValue }
    }
    public var nativeLanguage: String {
        get { text[.nativeLanguage] }
        set { text[.nativeLanguage] = newValue }
    }
    /// Identity document: type, last 4 digits, issuing country (TOEFL).
    public var securityIdType: String {
        get { text[.securityIdType] }
        set { text[.securityIdType] = newValue }
    }
    public var securityIdLast4: String {
        get { text[.securityIdLast4] }
        set { text[.securityIdLast4] = newValue }
    }
    public var securityIdCountry: String {
        get { text[.securityIdCountry] }
        set { text[.securityIdCountry] = newValue }
    }
    /// The IELTS candidate id, which the guide says is no longer available.
    public var candidateId: String {
        get { text[.candidateId] }
        set { text[.candidateId] = newValue }
    }
    /// Address lines 1 to 4.
    public var addressLines: [String] {
        get { Self.addressSlots.map { text[$0] } }
        set {
            for (slot, line) in zip(Self.addressSlots, newValue + ["", "", "", ""]) { text[slot] = line }
        }
    }

    static let addressSlots: [CandidateText] = [.addressLine1, .addressLine2, .addressLine3, .addressLine4]

    /// The postal address as sent, or else the non-empty address lines joined by ", ".
    public var composedPostalAddress: String {
        let address = postalAddress
        return address.isEmpty ? addressLines.filter { !$0.isEmpty }.joined(separator: ", ") : address
    }
}

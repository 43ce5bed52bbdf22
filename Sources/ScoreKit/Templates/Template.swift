/// An ordered list of fields, an output format and a date format: what E-Delivery calls a download template.
public struct Template: Sendable, Hashable {
    public var name: String
    public var format: OutputFormat
    public var dateFormat: DateFormat
    public var fields: [Field]
    /// One line on what the template is for.
    public var summary: String

    public init(name: String, format: OutputFormat, dateFormat: DateFormat, fields: [Field], summary: String = "") {
        self.name = name
        self.format = format
        self.dateFormat = dateFormat
        self.fields = fields
        self.summary = summary
    }

    /// Every guide field in the guide's order, then the model's extra fields. The default.
    /// The IELTS equivalent is left out: it is ETS's concordance, not a value of the record, and a CRM import
    /// should not take it for one (ETS warns against using it to set cut scores).
    public static let eDelivery = Template(
        name: "e-delivery", format: .csv, dateFormat: .compact,
        fields: Field.allCases.filter { !Field.appendedByRun.contains($0) && $0 != .ieltsEquivalent },
        summary: "every E-Delivery field in the guide's order, then every other field of the model")

    /// What an admissions reader scans.
    public static let compact = Template(
        name: "compact", format: .csv, dateFormat: .isoDate,
        fields: [
            .testType, .scoreId, .status, .familyName, .firstName, .dateOfBirth, .testDate, .listeningScore,
            .readingScore, .writingScore, .speakingScore, .overallBandScore, .cefrLevel, .comparableIbtScore,
            .ieltsEquivalent,
        ],
        summary:
            "test, id, status, name, dates, the scores, the CEFR level, the comparable iBT score and the IELTS "
            + "equivalent")

    /// The example template in the IELTS Results Service Score Delivery Guide ("My template").
    public static let guideExample = Template(
        name: "guide-example", format: .csv, dateFormat: .monthDayYear,
        fields: [
            .firstName, .familyName, .dateOfBirth, .gender, .telephone, .candidateEmail, .postalAddress, .town,
            .country, .listeningScore, .readingScore, .writingScore, .speakingScore, .overallBandScore,
            .testDate, .module, .trfNumber,
        ],
        summary: "the guide's example template: CSV, mm/dd/yyyy, 17 fields")

    public static let builtIn: [Template] = [.eDelivery, .compact, .guideExample]
}

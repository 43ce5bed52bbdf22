/// A record-level problem: reported as a warning, the record is still written (`--strict` makes it fatal).
public enum RecordProblem: Sendable, Hashable, CustomStringConvertible {
    /// The record has no TRF or appointment number.
    case missingID
    /// The record has neither a family nor a first name.
    case missingName
    /// A score that is not a number.
    case unparseableScore(field: String, text: String)
    /// A score outside its scale's range.
    case scoreOutOfScale(field: String, value: String, scale: ScoreScale)
    /// A score between the steps of its scale.
    case scoreOffStep(field: String, value: String, scale: ScoreScale)
    /// An overall score the sections do not give under the official rounding rule (never "fixed").
    case overallInconsistent(reported: String, expected: String)
    /// A CEFR level from the feed that the score does not give.
    case cefrDisagrees(reported: String, expected: String)
    /// A CEFR level that is not A1-C2.
    case unrecognizedCEFR(text: String)
    /// A date that could not be read.
    case unparseableDate(field: String, text: String)
    /// An IELTS result more than two years after its test date.
    case expired(testDate: CalendarDate, validUntil: CalendarDate)
    /// An id, candidate number, postcode or telephone number that a spreadsheet stored as a number cell: leading
    /// zeros and digits past the 15th may be gone (kind "stored-as-number", the field, no value: it may be personal).
    case storedAsNumber(field: String)

    public var description: String {
        switch self {
        case .missingID: "missing id (TRF or appointment number)"
        case .missingName: "missing name (no family or first name)"
        case .unparseableScore(let field, let text): "\(field) \"\(text)\" is not a score"
        case .scoreOutOfScale(let field, let value, let scale):
            "\(field) \(value) is outside the \(scale.rawValue) scale"
        case .scoreOffStep(let field, let value, let scale):
            "\(field) \(value) is not a step of the \(scale.rawValue) scale"
        case .overallInconsistent(let reported, let expected):
            "overall score \(reported) does not follow from the sections (the official rule gives \(expected))"
        case .cefrDisagrees(let reported, let expected): "CEFR level \(reported) disagrees with the score (\(expected))"
        case .unrecognizedCEFR(let text): "CEFR level \"\(text)\" is not one of A1-C2"
        case .unparseableDate(let field, let text): "\(field) \"\(text)\" is not a date"
        case .expired(let testDate, let validUntil):
            "IELTS result from \(testDate) is past its 2-year validity (valid until \(validUntil))"
        case .storedAsNumber(let field):
            "\(field): a spreadsheet turned this into a number; digits may be lost (format the column as text)"
        }
    }
}

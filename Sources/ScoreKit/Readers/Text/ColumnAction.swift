/// What a column of a heading-based file does to a record, settled once per heading so that each value goes
/// straight to its place (see ``RowMapper``).
enum ColumnAction: Sendable, Hashable {
    /// Text the record keeps as it is (names, codes, the address lines).
    case stored(TextStorage)
    case centre, candidateNumber
    /// A date field, parsed in the file's date format.
    case date(Field)
    /// A score field, parsed exactly.
    case score(Field)
    case module, testType, scoreScale, trfNumber, appointmentNumber, scoreId, postcode, gender, status
    /// A column whose value the run makes itself (downloadDate) or that says nothing a record keeps.
    case ignored
    /// A field read through ``Field/apply(_:to:dateFormat:)`` (the rare ones: CEFR levels, MyBest, test mode ...).
    case other(Field)

    init(_ field: Field) {
        switch field {
        case .centreNumber: self = .centre
        case .candidateNumber: self = .candidateNumber
        case .candidateId: self = .stored(.candidate(.candidateId))
        case .postalAddress: self = .stored(.candidate(.postalAddress))
        case .module: self = .module
        case .testType: self = .testType
        case .scoreScale: self = .scoreScale
        case .trfNumber: self = .trfNumber
        case .appointmentNumber: self = .appointmentNumber
        case .scoreId: self = .scoreId
        case .postcode: self = .postcode
        case .gender: self = .gender
        case .status: self = .status
        case .downloadDate: self = .ignored
        default:
            if let storage = field.storage {
                self = .stored(storage)
            } else if field.valueType == .date {
                self = .date(field)
            } else if field.valueType == .score {
                self = .score(field)
            } else {
                self = .other(field)
            }
        }
    }
}

/// A record-level problem: the record is still written. A warning counts (`--strict` makes it fatal); a note
/// does not, and never changes the exit code.
public indirect enum RecordProblem: Sendable, Hashable, CustomStringConvertible {
    /// How much a problem weighs.
    public enum Severity: String, Sendable, Hashable {
        /// A rule the service owner states is broken, or a value that cannot be right: counted, fatal under
        /// `--strict`.
        case warning
        /// A check no published rule confirms (MyBest cross-checks): shown, never counted.
        case note
    }

    /// The record has no TRF or appointment number.
    case missingID
    /// The record has neither a family nor a first name.
    case missingName
    /// A first name without a family name: a column lost (a heading not read), or a single name in the wrong field.
    case missingFamilyName
    /// A score that is not a number.
    case unparseableScore(field: Field, text: String)
    /// A score outside its scale's range; `scale` names the range ("1-6", "0-30 section").
    case scoreOutOfScale(field: Field, value: String, scale: String)
    /// A score between the steps of its scale; `scale` names the range.
    case scoreOffStep(field: Field, value: String, scale: String)
    /// An overall score the sections do not give under the official rule (never "fixed").
    case overallInconsistent(field: Field, reported: String, expected: String)
    /// A section score missing from a reported result that has other scores, with no accommodation indicator to
    /// explain it (TOEFL L or S; IELTS has none): the overall cannot be checked against the sections.
    case missingSection(field: Field)
    /// An overall or total score missing from a reported result that has section scores (a spreadsheet formula
    /// saved without its value reads as empty): the result has no overall to check or to judge.
    case missingOverall(field: Field)
    /// A reported result without a test date: its 2-year validity cannot be checked.
    case missingTestDate
    /// A CEFR level from the feed that the score does not give; `expected` says what the table gives.
    case cefrDisagrees(field: Field, reported: String, expected: String)
    /// A CEFR level that is not A1-C2.
    case unrecognizedCEFR(field: Field, text: String)
    /// A comparable 0-120 score outside the ETS range of its 1-6 band.
    case comparableOutOfRange(field: Field, comparable: String, band: String, range: String)
    /// A date that could not be read.
    case unparseableDate(field: Field, text: String)
    /// A date after the run's today that cannot be: a test date (the test has not happened), or a date of birth.
    /// `value` is the date as yyyy-mm-dd.
    case dateAfterToday(field: Field, value: String, today: CalendarDate)
    /// A date of birth on or after the test date: one of the two dates is wrong. `birth` is yyyy-mm-dd.
    case birthNotBeforeTest(birth: String, testDate: CalendarDate)
    /// A MyBest section's test date that cannot be right: after today, after the MyBest as-of date, or before the
    /// date of birth (`reason` says which, never showing the birth). The score is not used by a policy.
    case myBestDateImpossible(field: Field, date: CalendarDate, reason: String)
    /// A result more than two years after its test date (IELTS and TOEFL alike).
    case expired(family: TestFamily, testDate: CalendarDate, validUntil: CalendarDate)
    /// A code the source's layout does not list (TOEFL `scoreStatus`, gender, accommodation indicator,
    /// `testType`; IELTS gender); the raw code is kept in the record. `expected` says what the layout lists and
    /// how the code was read.
    case unknownCode(field: Field, code: String, expected: String)
    /// A TOEFL score object that does not match the record's `testType` (the object decides the scale).
    case scoreObjectMismatch(testType: String, object: String, readAs: String)
    /// A section score beside an accommodation indicator that says there is none (the score is kept).
    case scoreDespiteAccommodation(field: Field, value: String, indicator: String)
    /// A MyBest cross-check that no ETS statement confirms (how MyBest totals, comparables and levels are
    /// formed): the inner problem, as a note.
    case myBestUnconfirmed(RecordProblem)
    /// The same test and id in two records that name different people (normalized family name, first name or date of
    /// birth differ): the record dropped for the more recent one is reported with `places`, where both were read
    /// ("kept a.json record 2, dropped b.json record 1"), never the names.
    case duplicateIdentity(places: String)
    /// The same id twice with another status or other scores, and no modification time that tells which is newer
    /// (warning): the one kept is only the later in input order.
    case duplicateUndecided(places: String)
    /// The same test and id twice, the same person's: the record dropped for the more recent one, with `places` as
    /// above. A note, limited per kind like every record problem (a file can hold a duplicate per record).
    case duplicate(family: TestFamily, places: String)
    /// A TOEFL `securityIdLast4` that is not the 4 digits ETS's layout sends ("ID number (last 4 digits
    /// displayed)"): `characters` long, `digitsOnly` or not. More than 4 is more of an identity document number than
    /// the feed should carry; the value is never shown.
    case notLastFourDigits(characters: Int, digitsOnly: Bool)
    /// `fetch --photos`: the record's photo could not be saved (the reason says why).
    case photoNotSaved(reason: String)
    /// A field whose text holds characters XML 1.0 cannot carry (control characters other than tab, LF and CR;
    /// U+FFFE, U+FFFF): the XML or XLSX output has U+FFFD in their place (CSV and JSON keep them). The value is
    /// never shown.
    case characterReplaced(field: Field, format: OutputFormat)
    /// What the reader of a CSV, XLSX, JSON or XML file found in the row (see ``SourceProblem``).
    case source(SourceProblem)

    /// Warning or note.
    public var severity: Severity {
        switch self {
        case .myBestUnconfirmed, .duplicate: .note
        default: .warning
        }
    }

    /// A stable short name, for tallies and logs.
    public var kind: String {
        switch self {
        case .missingID: "missing-id"
        case .missingName: "missing-name"
        case .missingFamilyName: "missing-family-name"
        case .unparseableScore: "unparseable-score"
        case .scoreOutOfScale: "score-out-of-scale"
        case .scoreOffStep: "score-off-step"
        case .overallInconsistent: "overall-inconsistent"
        case .missingSection: "missing-section"
        case .missingOverall: "missing-overall"
        case .missingTestDate: "missing-test-date"
        case .cefrDisagrees: "cefr-disagrees"
        case .unrecognizedCEFR: "unrecognized-cefr"
        case .comparableOutOfRange: "comparable-out-of-range"
        case .unparseableDate: "unparseable-date"
        case .dateAfterToday: "date-after-today"
        case .birthNotBeforeTest: "birth-not-before-test"
        case .expired: "expired"
        case .myBestDateImpossible: "mybest-date-impossible"
        case .unknownCode: "unknown-code"
        case .scoreObjectMismatch: "score-object-mismatch"
        case .scoreDespiteAccommodation: "score-despite-accommodation"
        case .myBestUnconfirmed(let inner): "mybest-" + inner.kind
        case .duplicateIdentity: "duplicate-identity"
        case .duplicateUndecided: "duplicate-undecided"
        case .duplicate: "duplicate"
        case .notLastFourDigits: "security-id-not-last-4"
        case .photoNotSaved: "photo-not-saved"
        case .characterReplaced: "character-replaced"
        case .source(let problem): problem.kind
        }
    }

    /// The output field the problem is about, if one.
    public var outputField: Field? {
        switch self {
        case .missingID: .scoreId
        case .missingName, .missingFamilyName: .familyName
        case .unparseableScore(let field, _), .scoreOutOfScale(let field, _, _), .scoreOffStep(let field, _, _),
            .overallInconsistent(let field, _, _), .cefrDisagrees(let field, _, _), .unrecognizedCEFR(let field, _),
            .comparableOutOfRange(let field, _, _, _), .unparseableDate(let field, _), .unknownCode(let field, _, _),
            .scoreDespiteAccommodation(let field, _, _), .missingSection(let field), .dateAfterToday(let field, _, _),
            .missingOverall(let field), .characterReplaced(let field, _), .myBestDateImpossible(let field, _, _):
            field
        case .missingTestDate: .testDate
        case .birthNotBeforeTest: .dateOfBirth
        case .expired: .testDate
        case .scoreObjectMismatch: .testType
        case .duplicateIdentity, .duplicateUndecided, .duplicate: .scoreId
        case .notLastFourDigits: .securityIdLast4
        case .myBestUnconfirmed(let inner): inner.outputField
        case .photoNotSaved: .photoData
        case .source(let problem): Field(name: problem.field)
        }
    }

    /// The field's heading, or "".
    public var field: String { outputField?.heading ?? "" }

    /// The offending value as the record holds it, or "".
    public var value: String {
        switch self {
        case .missingID, .missingName, .missingFamilyName, .photoNotSaved, .missingSection, .duplicateIdentity,
            .duplicateUndecided, .duplicate, .missingOverall, .missingTestDate, .notLastFourDigits, .characterReplaced:
            ""
        case .source(let problem): problem.value
        case .unparseableScore(_, let text), .unrecognizedCEFR(_, let text), .unparseableDate(_, let text):
            text
        case .scoreOutOfScale(_, let value, _), .scoreOffStep(_, let value, _),
            .scoreDespiteAccommodation(_, let value, _), .dateAfterToday(_, let value, _),
            .birthNotBeforeTest(let value, _):
            value
        case .overallInconsistent(_, let reported, _), .cefrDisagrees(_, let reported, _): reported
        case .comparableOutOfRange(_, let comparable, _, _): comparable
        case .expired(_, let testDate, _): testDate.description
        case .myBestDateImpossible(_, let date, _): date.description
        case .unknownCode(_, let code, _): code
        case .scoreObjectMismatch(let testType, _, _): testType
        case .myBestUnconfirmed(let inner): inner.value
        }
    }

    public var description: String {
        switch self {
        case .missingID: "missing id (TRF or appointment number)"
        case .missingName: "missing name (no family or first name)"
        case .missingFamilyName:
            "no family name beside the first name (a single name belongs in familyName; check the column's heading)"
        case .unparseableScore(let field, let text): "\(field.heading) \(Self.shown(text)) is not a score"
        case .scoreOutOfScale(let field, let value, let scale):
            // A number far off the scale may be a telephone or document number that slipped into the column.
            Self.shows(value)
                ? "\(field.heading) \(value) is outside the \(scale) scale"
                : "\(field.heading) is outside the \(scale) scale (a value of \(value.count) characters, not shown: it "
                    + "may be personal; --problems keeps it)"
        case .scoreOffStep(let field, let value, let scale):
            "\(field.heading) \(value) is not a step of the \(scale) scale"
        case .overallInconsistent(.overallBandScore, let reported, let expected):
            "overall score \(reported) does not follow from the sections (the official rule gives \(expected))"
        case .overallInconsistent(let field, let reported, let expected):
            "\(field.heading) \(reported) does not follow from the MyBest sections (the scale's rule gives \(expected))"
        case .missingSection(let field):
            "\(field.heading) is missing beside the other scores and no accommodation indicator explains it: the "
                + "overall cannot be checked against the sections"
        case .missingOverall(.overallBandScore):
            "overall score is missing beside the section scores (a spreadsheet formula saved without its value "
                + "reads as empty): the result has no overall to check or to judge"
        case .missingOverall(let field):
            "\(field.heading) is missing beside the MyBest section scores"
        case .missingTestDate: "testDate is missing: the result's 2-year validity cannot be checked"
        case .cefrDisagrees(.cefrLevel, let reported, let expected):
            "CEFR level \(reported) disagrees with the score (\(expected))"
        case .cefrDisagrees(let field, let reported, let expected):
            "\(field.heading) \(reported) disagrees with the score (\(expected))"
        case .unrecognizedCEFR(.cefrLevel, let text): "CEFR level \(Self.shown(text)) is not one of A1-C2"
        case .unrecognizedCEFR(let field, let text): "\(field.heading) \(Self.shown(text)) is not one of A1-C2"
        case .comparableOutOfRange(let field, let comparable, let band, let range):
            "\(field.heading) \(comparable) is outside the ETS range of band \(band) (\(range))"
        case .unparseableDate(let field, _):
            // The text is left out (the problems file has it): it may be a date of birth.
            "\(field.heading) is not a date in any format read (\(DateFormat.accepted))"
        case .dateAfterToday(.testDate, let value, let today):
            "testDate \(value) is after today (\(today)): the test cannot have been taken yet"
        case .dateAfterToday(let field, _, let today):
            // The date is left out (the problems file has it): it may be a date of birth.
            "\(field.heading) is after today (\(today))"
        case .birthNotBeforeTest:
            // Neither date is shown: the test date column may hold a date of birth (columns that moved).
            "dateOfBirth is not before the test date: one of the two dates is wrong (--problems keeps them)"
        case .expired(let family, let testDate, let validUntil):
            "\(family.rawValue) result from \(testDate) is past its 2-year validity (valid until \(validUntil))"
        case .myBestDateImpossible(let field, let date, let reason):
            "\(field.heading) \(date) is \(reason): that MyBest score is not used"
        case .unknownCode(let field, let code, let expected):
            "\(Self.sourceName(field)) \(Self.shown(code)) is not \(expected)"
        case .scoreObjectMismatch(let testType, let object, let readAs):
            "testType \(testType) does not match the \(object) score object (scores read as \(readAs))"
        case .scoreDespiteAccommodation(let field, let value, let indicator):
            "\(field.heading) \(value) is present although accommodation indicator \(indicator) means no such score "
                + "(the score is kept)"
        case .myBestUnconfirmed(let inner):
            "\(inner); a note: no ETS statement confirms how MyBest values are formed"
        case .duplicateIdentity(let places):
            "the id appears again with a different family name, first name or date of birth: \(places); "
                + "find out which record is right"
        case .duplicateUndecided(let places):
            "the id appears again with another status or other scores, and no last-modified or report date tells "
                + "which is newer: \(places), the later in input order; find out which record is right"
        case .duplicate(let family, let places): "the \(family.rawValue) id appears twice: \(places)"
        case .notLastFourDigits(let characters, let digitsOnly):
            "securityIdLast4 has \(characters) character\(characters == 1 ? "" : "s")"
                + (digitsOnly ? "" : ", not all digits")
                + " where ETS's layout sends the last 4 digits of the identity document number"
                + (characters > 4 ? ": more of the document number than the feed should carry" : "")
        case .photoNotSaved(let reason): "photo not saved: \(reason)"
        case .characterReplaced(let field, let format):
            "\(field.heading) holds control characters XML 1.0 cannot carry: the \(format.rawValue.uppercased()) "
                + "output has U+FFFD in their place (CSV and JSON keep them)"
        case .source(let problem): problem.description
        }
    }

    /// A value for a message, quoted when it has the shape of what the column holds and so cannot be personal: a
    /// score (`"8,0"`, `"7.25"`, `"-"`: at most 6 characters of digits, one point or comma, a sign), a level or a
    /// code (`"C3"`, `"X"`: a letter and at most one digit), or a spreadsheet's error value (`"#N/A"`). Anything
    /// else may be a name, a date of birth or a document number that slipped into the column (a row whose fields
    /// moved): the message says "a value", and the problems file keeps it.
    static func shown(_ text: String) -> String {
        shows(text) ? "\"\(text)\"" : "holds a value (not shown: it may be personal; --problems keeps it) that"
    }

    /// Whether ``shown(_:)`` quotes `text`.
    static func shows(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 8 else { return false }
        if bytes.first == UInt8(ascii: "#") { return bytes.dropFirst().allSatisfy { $0 > 0x20 && $0 < 0x7F } }
        let letters = bytes.filter { ($0 | 0x20) &- UInt8(ascii: "a") < 26 }.count
        let digits = bytes.filter { $0 &- UInt8(ascii: "0") < 10 }.count
        let marks = bytes.filter {
            [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "+")].contains($0)
        }
        if letters == 0 { return bytes.count <= 6 && digits + marks.count == bytes.count && marks.count <= 2 }
        return letters == 1 && digits <= 1 && letters + digits + marks.count == bytes.count && bytes.count <= 3
    }

    /// The name the source gives the field whose code is unknown.
    private static func sourceName(_ field: Field) -> String {
        switch field {
        case .sourceStatus: "scoreStatus"
        case .genderCode: "gender"
        case .listeningAccommodation: "listeningAccommodationInd"
        case .speakingAccommodation: "speakingAccommodationInd"
        default: field.heading
        }
    }
}

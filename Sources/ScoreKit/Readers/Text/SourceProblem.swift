/// A problem a reader found in one row or record of its source (a heading-based file, or a layout field the TOEFL
/// feed left out): kept with the record (see ``TestScore/sourceProblems``) and reported by the validator beside the
/// record's other warnings. Messages name fields and line numbers, never a value that could be personal (a name, a
/// date, an address).
public enum SourceProblem: Sendable, Hashable, CustomStringConvertible {
    /// The row had fewer fields than the header: the missing ones are read as empty.
    case shortRow(line: Int, fields: Int, expected: Int)
    /// An id, candidate number or postcode in scientific notation (`2.02601E+15`): a spreadsheet turned it into a
    /// number and its last digits are gone. The value is kept as it came.
    case scientificNotation(field: String)
    /// An all-digit id shorter than it should be: a spreadsheet turned it into a number and dropped its leading
    /// zeros. The value is kept as it came.
    case lostLeadingZeros(field: String, digits: Int, expected: Int)
    /// A Module or testType value that names no test the model knows; the record is read as `readAs`.
    case unknownTest(field: String, value: String, readAs: TestKind)
    /// An IELTS row with an empty Module in a file that has the column: read as Academic, a guess.
    case missingModule
    /// testType names one IELTS module and Module the other: read as Module says.
    case moduleConflict(testType: TestKind, module: TestKind)
    /// A TOEFL row with no testType or scoreScale whose scores fit two scales: read as `readAs`, a guess.
    case scaleGuessed(readAs: TestKind, other: TestKind)
    /// A gender that is not M, F, U, Male or Female: written as U, the value kept in genderCode.
    case unknownGender(value: String)
    /// An id, candidate number, postcode or telephone number an XLSX sheet stores as a number cell: leading zeros
    /// and digits past the 15th may be gone. The value is not shown (it may be personal).
    case storedAsNumber(field: String)
    /// A code the source's layout requires is missing or blank (TOEFL `scoreStatus`, kept in `field`);
    /// `sourceName` is the layout's name for it, `expected` says what the layout lists and how the record was read.
    case missingCode(field: Field, sourceName: String, expected: String)
    /// A date that another format reads but not `format`, the one the file's dates settled (kept as text). The
    /// message names the format, never the value (it may be a date of birth).
    case dateOffFormat(field: Field, text: String, format: DateFormat)

    /// A stable short name, for tallies.
    public var kind: String {
        switch self {
        case .shortRow: "short-row"
        case .scientificNotation: "spreadsheet-number"
        case .lostLeadingZeros: "lost-leading-zeros"
        case .unknownTest: "unknown-test"
        case .unknownGender: "unknown-gender"
        case .missingModule: "missing-module"
        case .moduleConflict: "module-conflict"
        case .scaleGuessed: "scale-guessed"
        case .storedAsNumber: "stored-as-number"
        case .missingCode: "missing-code"
        case .dateOffFormat: "date-off-format"
        }
    }

    /// The field concerned ("" for the row as a whole).
    public var field: String {
        switch self {
        case .shortRow: ""
        case .scientificNotation(let field), .lostLeadingZeros(let field, _, _), .unknownTest(let field, _, _),
            .storedAsNumber(let field):
            field
        case .missingCode(let field, _, _), .dateOffFormat(let field, _, _): field.heading
        case .unknownGender: Field.gender.heading
        case .missingModule, .moduleConflict: Field.module.heading
        case .scaleGuessed: Field.testType.heading
        }
    }

    /// The offending value for the problems file ("" where it is not kept); stderr leaves out personal ones.
    public var value: String {
        switch self {
        case .unknownTest(_, let value, _), .dateOffFormat(_, let value, _), .unknownGender(let value): value
        default: ""
        }
    }

    public var description: String {
        switch self {
        case .shortRow(let line, let fields, let expected):
            "line \(line) has \(fields) of the header's \(expected) fields: the missing ones are read as empty"
        case .scientificNotation(let field):
            "\(field) is in scientific notation: a spreadsheet turned it into a number and its digits are lost "
                + "(export from the source again, or save as XLSX)"
        case .lostLeadingZeros(let field, let digits, let expected):
            "\(field) has \(digits) digits where \(expected) are expected: a spreadsheet turned it into a number and "
                + "dropped its leading zeros (export from the source again, or save as XLSX)"
        case .unknownTest(let field, _, let readAs):
            // The value is left out (the problems file has it): in a row whose fields slipped it may be a name.
            "\(field) is not a test or module scoreimport knows: read as \(readAs.displayName)"
        case .moduleConflict(let testType, let module):
            "testType says \(testType.displayName) but Module says \(module.module ?? module.displayName): read as "
                + module.displayName
        case .scaleGuessed(let readAs, let other):
            "no testType or scoreScale, and the scores fit two scales: read as \(readAs.displayName), but "
                + "\(other.displayName) reads them too (add a testType column)"
        case .missingModule:
            "Module is empty: read as IELTS Academic, which is a guess; a --module filter keeps the record"
        case .unknownGender:
            "gender is not M, F, U, Male or Female: written as U, the value kept in genderCode"
        case .missingCode(_, let name, let expected):
            "no \(name): the layout says \(expected)"
        case .dateOffFormat(let field, _, let format):
            "\(field.heading) is not a \(format == .dayMonthYear ? "dd/mm/yyyy or dd.mm.yyyy" : format.rawValue) date, "
                + "the format this file's dates use"
        case .storedAsNumber(let field):
            "\(field): a spreadsheet turned this into a number; leading zeros and digits past the 15th may be lost "
                + "(format the column as text)"
        }
    }
}

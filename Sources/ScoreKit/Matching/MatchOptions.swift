/// What `--applicants`, `--applicant-id-column`, `--applicant-date-format` and `--review` ask for.
public struct MatchOptions: Sendable, Hashable {
    /// The applicant file (CSV with a header row).
    public var applicants: String
    /// The heading of the applicant id column; nil takes the first of ``ApplicantColumns/idHeadings``.
    public var idColumn: String?
    /// The applicant file's date format; nil settles it from the file's dates.
    public var dateFormat: DateFormat?
    /// Where the ambiguous and unmatched records go (with `candidateApplicants`); nil writes no review file.
    public var review: String?
    /// The review file's format, when its name says one (`review.xlsx`); nil writes the output's.
    public var reviewFormat: OutputFormat?

    public init(applicants: String, idColumn: String? = nil, dateFormat: DateFormat? = nil, review: String? = nil) {
        self.applicants = applicants
        self.idColumn = idColumn
        self.dateFormat = dateFormat
        self.review = review
    }
}

/// Why matching could not start. Messages name the file and its headings, never a cell of a row.
public enum MatchingError: ScoreImportError, Sendable {
    /// The applicant file is missing (exit 66), cannot be read (exit 74), or is malformed or empty (exit 65).
    case input(InputError)
    /// The applicant file has no applicant id column (exit 64: a usage error). `headings` is nil when the first row
    /// holds none of the known headings, so it may be data and is not shown.
    case noIdColumn(file: String, wanted: String?, headings: [String]?)
    /// Every date of birth in the applicant file fits more than one format (exit 65).
    case ambiguousDates(file: String, formats: [DateFormat])
    /// The review file cannot be created (exit 73) or staged (exit 74).
    case review(OutputError)

    public var description: String {
        switch self {
        case .input(let error):
            return error.description
        case .noIdColumn(let file, let wanted, let headings):
            let asked =
                wanted.map { "no column \"\($0)\" (--applicant-id-column)" }
                ?? "no applicant id column: head it "
                + ApplicantColumns.idHeadings.map { "\"\($0)\"" }.joined(separator: ", ")
                + " or name it with --applicant-id-column NAME"
            guard let headings else {
                return "\(file): \(asked); the first row holds none of the known headings, so it is not shown: "
                    + "the file needs a header row"
            }
            let shown = headings.map { "\"\($0.count > 40 ? String($0.prefix(40)) + "..." : $0)\"" }
            return "\(file): \(asked); its headings are \(shown.joined(separator: ", "))"
        case .ambiguousDates(let file, let formats):
            let names = formats.map(\.rawValue)
            return "\(file): ambiguous dates of birth: every one reads as \(names.joined(separator: " or ")); "
                + "pass --applicant-date-format \(names[0]) (or another of them)"
        case .review(let error):
            return error.description
        }
    }

    /// The exit status each case maps to.
    public var exitCode: ExitCode {
        switch self {
        case .input(.missing), .input(.notAFile): .noInput
        case .input(.io): .ioError
        case .input: .dataError
        case .noIdColumn: .usage
        case .ambiguousDates: .dataError
        case .review(let error): error.exitCode
        }
    }
}

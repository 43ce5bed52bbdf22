/// Every option of every command: the one table behind parsing, `--help` and the documentation. Commands list the
/// options they take; code reads them by case, so a misspelt option name does not compile.
enum Option: String, CaseIterable, Sendable {
    // What convert, check and fetch read and keep.
    case module, test
    case excludeCancelled = "exclude-cancelled"
    case inputDateFormat = "input-date-format"
    case inputEncoding = "input-encoding"
    case delimiter, sheet
    case policy, applicants
    case applicantIdColumn = "applicant-id-column"
    case applicantDateFormat = "applicant-date-format"
    case review
    case quiet
    case allWarnings = "all-warnings"
    case problems
    case logFormat = "log-format"
    case help
    // What convert and fetch write.
    case template, format
    case dateFormat = "date-format"
    case output, strict
    case noFormulaGuard = "no-formula-guard"
    case bom
    // Fetch only.
    case since, until, trf, endpoint, credentials, photos
    case maxRetries = "max-retries"
    case timeout
    case maxRunTime = "max-run-time"
    case maxBody = "max-body"
    case auth
    case checkCredentials = "check-credentials"
    case limit, state, overlap, full
    case dryRun = "dry-run"
    case skipEmpty = "skip-empty"
    case credentialsIssued = "credentials-issued"

    /// The long name, without the dashes.
    var name: String { rawValue }

    var short: Character? {
        switch self {
        case .quiet: "q"
        case .help: "h"
        case .template: "t"
        case .format: "f"
        case .output: "o"
        default: nil
        }
    }

    /// The value's placeholder in help, or nil for a flag.
    var valueName: String? {
        switch self {
        case .module: "academic|general-training"
        case .test: "ielts|toefl"
        case .inputDateFormat, .format, .dateFormat: "F"
        case .inputEncoding: "E"
        case .delimiter: "D"
        case .template: "NAME|PATH"
        case .output, .problems: "PATH"
        case .policy, .applicants, .review: "FILE"
        case .applicantIdColumn, .sheet: "NAME"
        case .applicantDateFormat: "F"
        case .since, .until: "T"
        case .trf: "NUMBER"
        case .endpoint: "URL"
        case .credentials: "PATH"
        case .photos: "DIR"
        case .maxRetries, .limit: "N"
        case .timeout, .maxRunTime: "SECONDS"
        case .maxBody: "MB"
        case .auth: "basic|token"
        case .state: "FILE"
        case .overlap: "HOURS"
        case .logFormat: "text|json"
        case .credentialsIssued: "DATE"
        case .excludeCancelled, .quiet, .allWarnings, .help, .checkCredentials, .strict, .noFormulaGuard, .bom, .full,
            .dryRun, .skipEmpty:
            nil
        }
    }

    /// What completion offers for the option's value.
    var completion: ValueCompletion {
        switch self {
        case .output, .problems, .credentials, .state, .policy, .applicants, .review: .file
        case .photos: .directory
        case .template: .valuesOrFile(Template.builtIn.map(\.name))
        default: values.map { .values($0) } ?? (valueName == nil ? .none : .text)
        }
    }

    /// The values the option takes, when they are a fixed list (for suggestions and completion).
    var values: [String]? {
        switch self {
        case .module: ["academic", "general-training"]
        case .test: ["ielts", "toefl"]
        case .inputDateFormat, .dateFormat, .applicantDateFormat: DateFormat.allCases.map(\.rawValue)
        case .format: OutputFormat.allCases.map(\.rawValue)
        case .logFormat: ["text", "json"]
        case .inputEncoding: InputEncoding.allCases.map(\.rawValue)
        case .delimiter: CSVDialect.named.map(\.name)
        case .auth: ServiceFetcher.Auth.allCases.map(\.rawValue)
        default: nil
        }
    }

    var help: String {
        switch self {
        case .module:
            "keep only IELTS results of this module (TOEFL results pass, and so do results whose module is unknown or "
                + "empty, with a warning)"
        case .test: "keep only results of this test"
        case .excludeCancelled: "leave out cancelled results"
        case .applicants: "match every record to an applicant in FILE (CSV): adds applicantId, matchStatus, matchedBy"
        case .applicantIdColumn: "the applicant file's id heading (default: applicantId, Applicant ID, ID or Reference)"
        case .applicantDateFormat: "the applicant file's date format, when its dates of birth are ambiguous"
        case .review:
            "with --applicants: write the ambiguous, conflicting and unmatched records to FILE, with "
                + "candidateApplicants, in the format its name says (.csv, .xlsx ...), else the output's"
        case .policy: "judge every record against this admissions policy (JSON): adds policyResult and policyReasons"
        case .inputDateFormat:
            "date format of E-Delivery CSV input when its dates are ambiguous (\(Self.dateFormats))"
        case .inputEncoding:
            "read CSV and XML input as \(Self.alternatives(InputEncoding.allCases.map(\.rawValue))) (default: detected)"
        case .sheet: "the worksheet of XLSX input to read (default: the first visible one)"
        case .delimiter: "CSV input delimiter: comma, semicolon, tab or pipe (default: detected from the header line)"
        case .quiet: "no notes; warnings, errors and the summary still print"
        case .allWarnings:
            "print every record warning (default: the first \(Diagnostics.perKindLimit) of each kind, then a tally)"
        case .problems:
            "write every record problem to PATH as CSV (file, record, id, field, value, kind, severity, problem)"
        case .help: "show this help"
        case .template:
            "built-in template (\(Template.builtIn.map(\.name).joined(separator: ", "))) or template file; "
                + "default e-delivery"
        case .format:
            "output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: the -o file's "
                + "extension, else the template's)"
        case .dateFormat: "output date format: \(Self.dateFormats)"
        case .output: "write to PATH atomically, mode 0600 (default: stdout)"
        case .strict: "any record warning fails the run with exit 1, writing nothing"
        case .noFormulaGuard: "do not prefix cells starting with = + - @ or a control character with '"
        case .bom: "start CSV output with a UTF-8 byte order mark (for Excel)"
        case .since:
            "start of the window: yyyy-MM-ddTHH:mm:ss (UTC), a date, or ISO 8601 with Z or an offset "
                + "(default: two years back, everything still valid)"
        case .until: "end of the window (default: now)"
        case .trf: "IELTS: look up this one result"
        case .endpoint: "service base URL (default: production)"
        case .credentials: "private file (chmod 600) with client_id= and client_secret= (IELTS) or authcode= (TOEFL)"
        case .photos: "IELTS: ask for photos and save them as DIR/<trfNumber>.jpg (mode 0600)"
        case .maxRetries: "retries of 429, 5xx, timeouts and broken connections (default 5)"
        case .timeout: "bound on each whole request, connect to last byte (default 60)"
        case .maxRunTime: "bound on the whole run, retries and backoff included (default 3600)"
        case .maxBody: "bound on each answer, after decompression (default 1024)"
        case .auth: "IELTS: Basic auth (default) or a Bearer token from Cambridge's token endpoint"
        case .checkCredentials: "one minimal request: are the credentials accepted, and when are they due for renewal"
        case .limit: "IELTS page size, at most 2000 (default 2000)"
        case .state:
            "incremental runs: watermark and ledger; delivers each record once, updates and cancellations again"
        case .overlap: "with --state: start this long before the watermark, for late arrivals (default 48)"
        case .full: "with --state: deliver every record in the window, changed or not"
        case .dryRun: "fetch and report what would be delivered; write nothing, keep the state"
        case .skipEmpty: "write no file when nothing is delivered"
        case .logFormat: "stderr lines as text (fetch: with a UTC timestamp) or JSON objects for log shippers"
        case .credentialsIssued:
            "when the credentials were issued (or issued= in the file): warns 30 days before renewal"
        }
    }

    static var dateFormats: String { DateFormat.allCases.map(\.rawValue).joined(separator: ", ") }

    /// "a, b or c".
    static func alternatives(_ values: [String]) -> String {
        values.count < 2 ? values.joined() : values.dropLast().joined(separator: ", ") + " or " + (values.last ?? "")
    }
}

/// What a shell completes for an option's value.
enum ValueCompletion: Equatable {
    /// A flag: no value.
    case none
    /// Free text (a date, a number, a URL).
    case text
    case file, directory
    case values([String])
    case valuesOrFile([String])
}

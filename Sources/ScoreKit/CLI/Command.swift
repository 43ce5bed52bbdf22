/// Every command: its synopsis, summary, description and options. The one table behind the usage text, each
/// command's `--help`, the man page and the shell completions.
enum Command: String, CaseIterable, Sendable {
    case convert, check, fetch, templates, help, version, man, completions

    var name: String { rawValue }

    /// What follows `scoreimport NAME` in the synopsis.
    var synopsis: String {
        switch self {
        case .convert, .check: "[OPTIONS] [FILE ...]"
        case .fetch: "ielts|toefl [OPTIONS]"
        case .templates: "[NAME|PATH]"
        case .help: "[COMMAND]"
        case .version, .man: ""
        case .completions: "bash|zsh|fish"
        }
    }

    var summary: String {
        switch self {
        case .convert: "read TOEFL, IELTS, E-Delivery and XLSX files and write one E-Delivery-style table"
        case .check: "validate files only: list every problem"
        case .fetch: "fetch IELTS or TOEFL scores over HTTP and write the table"
        case .templates: "list the templates, or show one with every field and its meaning"
        case .help: "show help for a command"
        case .version: "print the version (also --version, -V)"
        case .man: "print the manual page, scoreimport(1), as roff"
        case .completions: "print the shell completion script for bash, zsh or fish"
        }
    }

    /// What convert and check read, named once for both commands' help and the man page (README, "What it reads").
    static let inputs = """
        TOEFL Server-to-Server JSON, IELTS Results Service JSON, E-Delivery CSV (and CSV saved from a spreadsheet), \
        legacy E-Delivery XML, XLSX workbooks (the first visible sheet, or --sheet), and scoreimport's own CSV, \
        JSON, JSON Lines and XML
        """

    /// The paragraphs of `--help` and the man page between the synopsis and the options.
    var description: String {
        switch self {
        case .convert:
            """
            Reads \(Self.inputs) (each detected from its content; no FILE, or -, reads stdin) and writes one \
            table in the E-Delivery column vocabulary. Record problems are warnings on stderr; the record is still \
            written.
            """
        case .check:
            """
            Validates \(Self.inputs), as convert reads them, and lists every problem, writing no output. Exits 0 \
            when clean, 1 when there are problems, 65 for a malformed document, 66 for a missing file.
            """
        case .fetch:
            """
            Fetches the scores released to the institution in a time window and writes them through the same \
            templates as convert. IELTS: GET {endpoint}/v1/ielts/result-verification, paged, with Basic auth, or \
            with --auth token a Bearer token from POST {endpoint}/v1/cambridge.id/token (cached for the run, \
            renewed before it expires). TOEFL: GET {endpoint}/scores with an authcode header. Windows over 31 days \
            are cut into slices.

            Credentials come from IELTS_CLIENT_ID and IELTS_CLIENT_SECRET, or TOEFL_AUTHCODE, or --credentials \
            FILE. They are never accepted as option values and never printed.
            """
        case .templates:
            """
            Lists the built-in templates, or shows one (or a template file) with every field and its meaning. \
            A template file is JSON naming fields by column heading or by the guide's field name:

                {"name": "crm", "format": "csv", "dateFormat": "dd/mm/yyyy",
                 "fields": ["TRF Number", "appointmentNumber", "Family Name", "firstName",
                            "Date of Birth", "overallBandScore"]}
            """
        case .help: "Shows the usage, or a command's help."
        case .version: "Prints the version."
        case .man: "Prints the manual page: scoreimport man > scoreimport.1; man -l scoreimport.1."
        case .completions:
            """
            Prints a completion script for the shell: commands, options, option values and file arguments. \
            For example: source <(scoreimport completions bash).
            """
        }
    }

    /// The options the command takes, in the order help lists them.
    var options: [Option] {
        switch self {
        case .convert: ConvertCommand.outputOptions + ConvertCommand.inputOptions
        case .check: ConvertCommand.inputOptions
        case .fetch: FetchCommand.options
        case .templates, .help, .version, .man, .completions: [.help]
        }
    }

    /// What the command's operands are, for completion.
    var operands: [String]? {
        switch self {
        case .convert, .check: nil
        case .fetch: ["ielts", "toefl"]
        case .templates: Template.builtIn.map(\.name)
        case .help: Command.allCases.map(\.name)
        case .version, .man: []
        case .completions: Shell.allCases.map(\.rawValue)
        }
    }

    /// The command's `--help`.
    var help: String {
        var text = "Usage: scoreimport \(name)\(synopsis.isEmpty ? "" : " \(synopsis)")\n\n"
        text += Help.wrap(description)
        if self == .convert {
            text += "\nFormats:\n\n"
            for format in OutputFormat.allCases {
                text += Help.item(format.rawValue, format.summary, column: 10)
            }
        }
        return text + "\nOptions:\n\n" + Help.options(options)
    }
}

/// The shells `completions` writes for.
enum Shell: String, CaseIterable, Sendable {
    case bash, zsh, fish
}

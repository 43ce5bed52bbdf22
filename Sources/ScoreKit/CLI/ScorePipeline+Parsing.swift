#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension ScorePipeline.Options {
    /// The pipeline's options from the command line's input options and, when the command `writes`, its output
    /// options (convert, fetch). Opens no file: the policy and a template file are only named here, so the run's
    /// files can be checked (``files``) before ``readFiles(_:command:)`` reads them.
    init(_ parsed: ParsedArguments, command: String, today: CalendarDate, writes: Bool) throws(UsageError) {
        self.init(today: today)
        if let name = parsed.value(.module) {
            switch name.lowercased() {
            case "academic": module = .ieltsAcademic
            case "general-training", "general training", "gt": module = .ieltsGeneralTraining
            default:
                throw UsageError(
                    Suggestion.message(
                        "--module must be academic or general-training, not \"\(name)\"", for: name,
                        in: Option.module.values ?? []), command: command)
            }
        }
        if let test = parsed.value(.test) {
            guard let family = TestFamily(argument: test) else {
                throw UsageError(
                    Suggestion.message(
                        "--test must be ielts or toefl, not \"\(test)\"", for: test, in: Option.test.values ?? []),
                    command: command)
            }
            testFamily = family
        }
        excludeCancelled = parsed.flag(.excludeCancelled)
        if let text = parsed.value(.inputDateFormat) {
            inputDateFormat = try Self.dateFormat(text, option: .inputDateFormat, command: command)
        }
        if let name = parsed.value(.inputEncoding) {
            guard let encoding = InputEncoding(name: name) else {
                throw UsageError(
                    Suggestion.message(
                        "--input-encoding must be \(Option.alternatives(Option.inputEncoding.values ?? [])), not "
                            + "\"\(name)\"", for: name, in: Option.inputEncoding.values ?? []), command: command)
            }
            textInput.encoding = encoding
        }
        if let name = parsed.value(.delimiter) {
            guard let delimiter = TextInputOptions.delimiter(named: name) else {
                throw UsageError(
                    Suggestion.message(
                        "--delimiter must be comma, semicolon, tab or pipe, not \"\(name)\"", for: name,
                        in: Option.delimiter.values ?? []), command: command)
            }
            textInput.delimiter = delimiter
        }
        textInput.sheet = parsed.value(.sheet)
        policyFile = parsed.value(.policy)
        problemsFile = parsed.value(.problems)
        if let problems = problemsFile,
            let other = try Self.namedFormat(problems, option: "--problems", command: command),
            other != .csv
        {
            throw UsageError(
                "--problems \(problems): the problems file is CSV; its name says \(other.rawValue)", command: command)
        }
        if let path = parsed.value(.applicants) {
            let format = try parsed.value(.applicantDateFormat).map { (text) throws(UsageError) in
                try Self.dateFormat(text, option: .applicantDateFormat, command: command)
            }
            matching = MatchOptions(
                applicants: path, idColumn: parsed.value(.applicantIdColumn), dateFormat: format,
                review: parsed.value(.review))
            matching?.reviewFormat = try parsed.value(.review).flatMap { (review) throws(UsageError) in
                try Self.namedFormat(review, option: "--review", command: command)
            }
        } else if let option = [Option.applicantIdColumn, .applicantDateFormat, .review].first(where: parsed.has) {
            throw UsageError("--\(option.name) needs --applicants FILE", command: command)
        }
        guard writes else {
            destination = nil
            return
        }
        if let name = parsed.value(.template) {
            if let builtIn = Template.builtIn.first(where: { $0.name == name.lowercased() }) {
                template = builtIn
            } else {
                templateFile = name
            }
        }
        destination = parsed.value(.output).map { .file($0) } ?? .standardOutput
        strict = parsed.flag(.strict)
        formulaGuard = !parsed.flag(.noFormulaGuard)
        byteOrderMark = parsed.flag(.bom)
    }

    /// Reads the files the options name besides the inputs (the policy, a template file), then settles the output's
    /// format and date format from the template, `--format`, `--date-format` and the output file's name.
    mutating func readFiles(_ parsed: ParsedArguments, command: String) throws {
        if let path = policyFile { policy = try AdmissionsPolicy.load(path) }
        guard destination != nil else { return }
        if let path = templateFile { template = try TemplateLoader.load(path) }
        if let text = parsed.value(.format) {
            guard let format = OutputFormat(rawValue: text.lowercased()) else {
                throw UsageError(
                    Suggestion.message(
                        "unknown format \"\(text)\"", for: text, in: OutputFormat.allCases.map(\.rawValue)),
                    command: command)
            }
            template.format = format
        }
        if let text = parsed.value(.dateFormat) {
            template.dateFormat = try Self.dateFormat(text, option: .dateFormat, command: command)
        }
        if !parsed.has(.format), let output = parsed.value(.output),
            let suffix = OutputFormat.unwrittenExtension(of: output)
        {
            throw UsageError(
                "the output file \(output) ends in .\(suffix), a format scoreimport does not write: name it "
                    + "\(OutputFormat.extensionList), or pass --format to write one of those under this name",
                command: command)
        }
        if let output = parsed.value(.output), let named = OutputFormat(fileName: output) {
            // The file's name says the format when -f does not; the two must agree.
            if parsed.has(.format), template.format != named {
                throw UsageError(
                    "--format \(template.format.rawValue) does not match the output file \(output), whose name says "
                        + "\(named.rawValue)", command: command)
            }
            template.format = named
        }
        if byteOrderMark && template.format != .csv {
            throw UsageError(
                "--bom is for CSV output (it marks UTF-8 for Excel); \(template.format.rawValue) has no use for it",
                command: command)
        }
        if template.format.isBinary && destination == .standardOutput && isatty(STDOUT_FILENO) == 1 {
            throw UsageError(
                "--format \(template.format.rawValue) is binary: pass -o PATH (or redirect stdout to a file)",
                command: command)
        }
    }

    /// The format a file's name says (`.xlsx`), or nil; a name ending in a format scoreimport does not write
    /// (`.tsv`, `.xls` ...) is a usage error, as for `-o`.
    static func namedFormat(_ path: String, option: String, command: String) throws(UsageError) -> OutputFormat? {
        if let suffix = OutputFormat.unwrittenExtension(of: path) {
            throw UsageError(
                "\(option) \(path) ends in .\(suffix), a format scoreimport does not write: name it "
                    + OutputFormat.extensionList, command: command)
        }
        return OutputFormat(fileName: path)
    }

    static func dateFormat(_ text: String, option: Option, command: String) throws(UsageError) -> DateFormat {
        guard let format = DateFormat(name: text) else {
            throw UsageError(
                Suggestion.message(
                    "--\(option.name) must be one of \(Option.dateFormats), not \"\(text)\"", for: text,
                    in: DateFormat.allCases.map(\.rawValue)), command: command)
        }
        return format
    }
}

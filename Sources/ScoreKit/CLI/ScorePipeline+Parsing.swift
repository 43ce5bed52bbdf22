#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension ScorePipeline.Options {
    /// The pipeline's options from the command line's input options and, when the command `writes`, its output
    /// options (convert, fetch).
    init(_ parsed: ParsedArguments, command: String, today: CalendarDate, writes: Bool) throws {
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
                        "--input-encoding must be utf-8, utf-16 or windows-1252, not \"\(name)\"", for: name,
                        in: Option.inputEncoding.values ?? []), command: command)
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
        if let path = parsed.value(.policy) { policy = try AdmissionsPolicy.load(path) }
        if let path = parsed.value(.applicants) {
            let format = try parsed.value(.applicantDateFormat).map { (text) throws(UsageError) in
                try Self.dateFormat(text, option: .applicantDateFormat, command: command)
            }
            let review = parsed.value(.review)
            guard review == nil || review != parsed.value(.output) else {
                throw UsageError("--review must name another file than --output", command: command)
            }
            matching = MatchOptions(
                applicants: path, idColumn: parsed.value(.applicantIdColumn), dateFormat: format, review: review)
        } else if let option = [Option.applicantIdColumn, .applicantDateFormat, .review].first(where: parsed.has) {
            throw UsageError("--\(option.name) needs --applicants FILE", command: command)
        }
        guard writes else {
            destination = nil
            return
        }
        if let name = parsed.value(.template) { template = try TemplateLoader.load(name) }
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
        destination = parsed.value(.output).map { .file($0) } ?? .standardOutput
        if let output = parsed.value(.output), let named = OutputFormat(fileName: output) {
            // The file's name says the format when -f does not; the two must agree.
            if parsed.has(.format), template.format != named {
                throw UsageError(
                    "--format \(template.format.rawValue) does not match the output file \(output), whose name says "
                        + "\(named.rawValue)", command: command)
            }
            template.format = named
        }
        if parsed.flag(.bom) && template.format != .csv {
            throw UsageError(
                "--bom is for CSV output (it marks UTF-8 for Excel); \(template.format.rawValue) has no use for it",
                command: command)
        }
        if template.format.isBinary && destination == .standardOutput && isatty(STDOUT_FILENO) == 1 {
            throw UsageError(
                "--format \(template.format.rawValue) is binary: pass -o PATH (or redirect stdout to a file)",
                command: command)
        }
        strict = parsed.flag(.strict)
        formulaGuard = !parsed.flag(.noFormulaGuard)
        byteOrderMark = parsed.flag(.bom)
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

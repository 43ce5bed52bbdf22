#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `scoreimport convert` and `scoreimport check`.
enum ConvertCommand {
    static let inputOptions: [OptionSpec] = [
        OptionSpec(
            name: "module", valueName: "academic|general-training",
            help: "keep only IELTS results of this module (TOEFL results pass)"),
        OptionSpec(name: "test", valueName: "ielts|toefl", help: "keep only results of this test"),
        OptionSpec(name: "exclude-cancelled", help: "leave out cancelled results"),
        OptionSpec(
            name: "input-date-format", valueName: "F",
            help: "date format of E-Delivery CSV input when its dates are ambiguous (\(dateFormats))"),
        OptionSpec(name: "sheet", valueName: "NAME", help: "the sheet of XLSX input to read (default: the first)"),
        OptionSpec(name: "quiet", short: "q", help: "no notes; warnings, errors and the summary still print"),
        OptionSpec(name: "help", short: "h", help: "show this help"),
    ]

    static let outputOptions: [OptionSpec] = [
        OptionSpec(
            name: "template", short: "t", valueName: "NAME|PATH",
            help: "built-in template (\(Template.builtIn.map(\.name).joined(separator: ", "))) or template file; "
                + "default e-delivery"),
        OptionSpec(
            name: "format", short: "f", valueName: "F",
            help: "output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")) "
                + "(default: the template's)"),
        OptionSpec(name: "date-format", valueName: "F", help: "output date format: \(dateFormats)"),
        OptionSpec(
            name: "output", short: "o", valueName: "PATH",
            help: "write to PATH atomically, mode 0600 (default: stdout)"),
        OptionSpec(name: "strict", help: "any record warning fails the run with exit 1, writing nothing"),
        OptionSpec(name: "no-formula-guard", help: "do not prefix cells starting with = + - @ TAB CR LF with '"),
        OptionSpec(name: "bom", help: "start CSV output with a UTF-8 byte order mark (for Excel)"),
    ]

    static var dateFormats: String { DateFormat.allCases.map(\.rawValue).joined(separator: ", ") }

    static func run(_ arguments: [String], environment: [String: String], diagnostics: Diagnostics, check: Bool = false)
        throws(UsageError) -> ExitCode
    {
        let command = check ? "check" : "convert"
        let specs = check ? inputOptions : outputOptions + inputOptions
        let parsed = try ArgumentParser.parse(arguments, specs: specs, command: command)
        if parsed.flag("help") {
            CLI.write(help(command: command, specs: specs), to: 1)
            return .ok
        }
        var options = ScorePipeline.Options(today: try CLI.today(environment))
        options.inputs = parsed.positionals
        if let failure = try configure(
            &options, from: parsed, command: command, diagnostics: diagnostics, output: !check)
        {
            return failure
        }
        let pipeline = ScorePipeline(options: options, diagnostics: diagnostics)
        do {
            let summary = try pipeline.run()
            diagnostics.line(summary.line)
            if check && summary.warnings > 0 { return .warnings }
            return .ok
        } catch {
            return report(error, diagnostics: diagnostics)
        }
    }

    /// Applies the input and output options shared by convert, check and fetch; an exit code means stop.
    static func configure(
        _ options: inout ScorePipeline.Options, from parsed: ParsedArguments, command: String, diagnostics: Diagnostics,
        output: Bool
    ) throws(UsageError) -> ExitCode? {
        diagnostics.quiet = parsed.flag("quiet")
        if let name = parsed.value("module") {
            switch name.lowercased() {
            case "academic": options.module = .ieltsAcademic
            case "general-training", "general training", "gt": options.module = .ieltsGeneralTraining
            default:
                throw UsageError("--module must be academic or general-training, not \"\(name)\"", command: command)
            }
        }
        if let test = parsed.value("test") {
            guard ["ielts", "toefl"].contains(test.lowercased()) else {
                throw UsageError("--test must be ielts or toefl, not \"\(test)\"", command: command)
            }
            options.testFamily = test.uppercased()
        }
        options.excludeCancelled = parsed.flag("exclude-cancelled")
        options.sheet = parsed.value("sheet")
        if let text = parsed.value("input-date-format") {
            options.inputDateFormat = try dateFormat(text, option: "input-date-format", command: command)
        }
        if !output {
            options.destination = nil
        } else {
            if let name = parsed.value("template") {
                do {
                    options.template = try TemplateLoader.load(name)
                } catch {
                    diagnostics.error(error.description)
                    switch error {
                    case .unknown, .invalid: return ExitCode.usage
                    case .malformed: return ExitCode.dataError
                    case .io: return ExitCode.ioError
                    }
                }
            }
            if let text = parsed.value("format") {
                guard let format = OutputFormat(rawValue: text.lowercased()) else {
                    var message = "unknown format \"\(text)\""
                    if let guess = Suggestion.closest(to: text, in: OutputFormat.allCases.map(\.rawValue)) {
                        message += "; did you mean \(guess)?"
                    }
                    throw UsageError(message, command: command)
                }
                options.template.format = format
            }
            if let text = parsed.value("date-format") {
                options.template.dateFormat = try dateFormat(text, option: "date-format", command: command)
            }
            options.destination = parsed.value("output").map { .file($0) } ?? .standardOutput
            if options.template.format.isBinary && options.destination == .standardOutput && isatty(1) == 1 {
                throw UsageError(
                    "--format \(options.template.format.rawValue) is binary: pass -o PATH (or redirect stdout to a file)",
                    command: command)
            }
            options.strict = parsed.flag("strict")
            options.formulaGuard = !parsed.flag("no-formula-guard")
            options.byteOrderMark = parsed.flag("bom")
        }
        return nil
    }

    static func report(_ failure: ScorePipeline.Failure, diagnostics: Diagnostics) -> ExitCode {
        switch failure {
        case .strict(let summary):
            diagnostics.error("--strict: \(summary.warnings) warning(s); nothing was written")
            diagnostics.line(summary.line)
            return .warnings
        case .input(let error):
            diagnostics.error(error.description)
            switch error {
            case .missing: return .noInput
            case .io: return .ioError
            case .malformed, .unrecognized, .ambiguousDates: return .dataError
            case .sheetNotFound: return .usage
            }
        case .output(let error):
            diagnostics.error(error.description + "; nothing was written")
            switch error {
            case .cannotCreate: return .cannotCreate
            case .io: return .ioError
            }
        case .fetch(let error):
            diagnostics.error(error.description)
            switch error {
            case .rejected: return .credentialsRejected
            case .unavailable: return .unavailable
            case .refused: return .dataError
            case .configuration: return .usage
            }
        }
    }

    static func dateFormat(_ text: String, option: String, command: String) throws(UsageError) -> DateFormat {
        guard let format = DateFormat(name: text) else {
            var message = "--\(option) must be one of \(dateFormats), not \"\(text)\""
            if let guess = Suggestion.closest(to: text, in: DateFormat.allCases.map(\.rawValue)) {
                message += "; did you mean \(guess)?"
            }
            throw UsageError(message, command: command)
        }
        return format
    }

    static func help(command: String, specs: [OptionSpec]) -> String {
        var text: String
        if command == "check" {
            text = """
                Usage: scoreimport check [OPTIONS] [FILE ...]

                Validates TOEFL, IELTS and E-Delivery files and lists every problem, writing no output.
                Exits 0 when clean, 1 when there are problems, 65 for a malformed document, 66 for a missing file.

                """
        } else {
            text = """
                Usage: scoreimport convert [OPTIONS] [FILE ...]

                Reads TOEFL Server-to-Server JSON, IELTS Results Service JSON, E-Delivery CSV, XLSX workbooks and
                scoreimport's own CSV, JSON and XML (detected from the content; no FILE, or -, reads stdin) and writes
                one table in the E-Delivery column vocabulary. Record problems are warnings on stderr; the record is
                still written.

                Formats:

                """
            for format in OutputFormat.allCases { text += "  \(format.rawValue.padding(8))\(format.summary)\n" }
        }
        text += "\nOptions:\n"
        return text + OptionSpec.helpLines(specs)
    }
}

/// `scoreimport convert` and `scoreimport check`.
enum ConvertCommand {
    /// What convert, check and fetch read and keep.
    static let inputOptions: [Option] = [
        .module, .test, .excludeCancelled, .inputDateFormat, .quiet, .allWarnings, .problems, .logFormat, .help,
    ]
    /// What convert and fetch write.
    static let outputOptions: [Option] = [.template, .format, .dateFormat, .output, .strict, .noFormulaGuard, .bom]

    static func run(_ arguments: [String], environment: [String: String], diagnostics: Diagnostics, check: Bool)
        throws -> ExitCode
    {
        let command = check ? "check" : "convert"
        let options = check ? inputOptions : outputOptions + inputOptions
        let parsed = try ArgumentParser.parse(arguments, options: options, command: command)
        if parsed.flag(.help) {
            CLI.write(help(command: command, options: options), to: 1)
            return .ok
        }
        try CLI.configure(diagnostics, parsed, command: command)
        var settings = try ScorePipeline.Options(
            parsed, command: command, today: try CLI.today(environment), writes: !check)
        settings.inputs = parsed.positionals
        let summary = try CLI.reportingProblems(diagnostics) {
            try ScorePipeline(options: settings, diagnostics: diagnostics).run()
        }
        diagnostics.line(summary.line)
        return check && summary.warnings > 0 ? .warnings : .ok
    }

    static func help(command: String, options: [Option]) -> String {
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

                Reads TOEFL Server-to-Server JSON, IELTS Results Service JSON, E-Delivery CSV and scoreimport's own
                CSV, JSON and XML (detected from the content; no FILE, or -, reads stdin) and writes one table in the
                E-Delivery column vocabulary. Record problems are warnings on stderr; the record is still written.

                Formats:

                """
            for format in OutputFormat.allCases { text += "  \(format.rawValue.padding(8))\(format.summary)\n" }
        }
        text += "\nOptions:\n"
        return text + Option.helpLines(options)
    }
}

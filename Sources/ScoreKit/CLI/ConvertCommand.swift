/// `scoreimport convert` and `scoreimport check`.
enum ConvertCommand {
    /// What convert, check and fetch read and keep.
    static let inputOptions: [Option] = [
        .module, .test, .excludeCancelled, .inputDateFormat, .inputEncoding, .delimiter, .sheet, .policy, .applicants,
        .applicantIdColumn,
        .applicantDateFormat, .review, .quiet, .allWarnings, .problems, .logFormat, .help,
    ]
    /// What convert and fetch write.
    static let outputOptions: [Option] = [.template, .format, .dateFormat, .output, .strict, .noFormulaGuard, .bom]

    /// Why check takes none of convert's output options: it writes no table.
    static var checkRefuses: [Option: String] {
        var reasons: [Option: String] = [:]
        for option in outputOptions {
            reasons[option] =
                option == .strict
                ? "check takes no --strict: it already exits 1 when any record has a warning"
                : "check writes nothing, so it takes no --\(option.name): to write the table, run scoreimport "
                    + "convert with the same options"
        }
        return reasons
    }

    static func run(_ arguments: [String], environment: [String: String], diagnostics: Diagnostics, check: Bool)
        throws -> ExitCode
    {
        let command = check ? "check" : "convert"
        let parsed = try ArgumentParser.parse(
            arguments, options: check ? inputOptions : outputOptions + inputOptions, command: command,
            refused: check ? checkRefuses : [:])
        if parsed.flag(.help) {
            try CLI.output(check ? Command.check.help : Command.convert.help)
            return .ok
        }
        try CLI.configure(diagnostics, parsed, command: command)
        var settings = try ScorePipeline.Options(
            parsed, command: command, today: try CLI.today(environment), writes: !check)
        settings.inputs = parsed.positionals
        try settings.files.check(command: command)
        try settings.readFiles(parsed, command: command)
        try CLI.openProblems(diagnostics, settings.problemsFile)
        let summary = try CLI.reportingProblems(diagnostics) {
            try ScorePipeline(options: settings, diagnostics: diagnostics).run()
        }
        diagnostics.line(summary.line)
        if check { for line in summary.policyTally?.lines ?? [] { diagnostics.line(line) } }
        return check && summary.warnings > 0 ? .warnings : .ok
    }
}

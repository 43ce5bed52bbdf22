#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    #error("scoreimport builds on Linux only (Glibc or Musl)")
#endif

/// The command line: `scoreimport COMMAND [OPTIONS] [FILE ...]`. The executable calls `run` and exits with its code.
///
/// The CLI translates: argv into typed options, one library call, and the error it throws into its exit code
/// (each error carries its own, see ``ScoreImportError``).
public enum CLI {
    public static var version: String { Release.version }

    /// Runs one command line; `arguments` excludes the program name.
    public static func run(arguments: [String], environment: [String: String]) -> ExitCode {
        ProcessSetup.prepare()
        let diagnostics = Diagnostics()
        defer { diagnostics.flush() }
        // Seen before parsing, so that a usage error is a JSON line too when the log is to be JSON.
        if asksForJSONLog(arguments) { diagnostics.style = .json }
        ProcessSetup.stopNotice.style = diagnostics.style
        do {
            return try dispatch(arguments, environment: environment, diagnostics: diagnostics)
        } catch let error as UsageError {
            let help = error.command.map { "scoreimport \($0) --help" } ?? "scoreimport --help"
            if diagnostics.style == .json {
                // Every stderr line a JSON object, for log shippers: the hint goes into the message.
                diagnostics.error("\(error.message) (run `\(help)` for usage)")
            } else {
                diagnostics.error(error.message)
                write("Run `\(help)` for usage.\n", to: STDERR_FILENO)
            }
            return error.exitCode
        } catch let error as StrictFailure {
            diagnostics.tally()
            diagnostics.error(error.description)
            diagnostics.line(error.summary.line)
            return error.exitCode
        } catch let error as any ScoreImportError {
            diagnostics.error(error.description)
            return error.exitCode
        } catch {
            diagnostics.error("internal error: \(error)")
            return .internalError
        }
    }

    private static func dispatch(_ arguments: [String], environment: [String: String], diagnostics: Diagnostics)
        throws -> ExitCode
    {
        guard let command = arguments.first else {
            write(usage, to: STDERR_FILENO)
            return .usage
        }
        let rest = Array(arguments.dropFirst())
        switch command {
        case "convert", "check":
            return try ConvertCommand.run(
                rest, environment: environment, diagnostics: diagnostics, check: command == "check")
        case "templates": return try TemplatesCommand.run(rest)
        case "fetch": return try FetchCommand.run(rest, environment: environment, diagnostics: diagnostics)
        case "help", "--help", "-h":
            guard let topic = rest.first, topic != "--help" else {
                try output(usage)
                return .ok
            }
            guard let command = Command(rawValue: topic) else {
                throw UsageError(
                    Suggestion.message(
                        "no help topic \"\(topic)\": the topics are the commands ("
                            + Command.allCases.map(\.name).joined(separator: ", ") + ")", for: topic,
                        in: Command.allCases.map(\.name)))
            }
            try output(command.help)
            return .ok
        case "version", "--version", "-V":
            return try simple(.version, rest) { "scoreimport \(version)\n" }
        case "man": return try simple(.man, rest) { ManPage.render() }
        case "completions":
            let parsed = try ArgumentParser.parse(rest, options: [.help], command: "completions")
            if parsed.flag(.help) { return try simple(.completions, ["--help"]) { "" } }
            guard let name = parsed.positionals.first else {
                throw UsageError("completions needs a shell: bash, zsh or fish", command: "completions")
            }
            guard let shell = Shell(rawValue: name) else {
                throw UsageError(
                    Suggestion.message(
                        "completions needs a shell, bash, zsh or fish, not \"\(name)\"", for: name,
                        in: Shell.allCases.map(\.rawValue)), command: "completions")
            }
            if let extra = parsed.positionals.dropFirst().first {
                throw UsageError("completions takes one shell, not also \"\(extra)\"", command: "completions")
            }
            try output(Completions.script(for: shell))
            return .ok
        default:
            throw UsageError(
                Suggestion.message(
                    "unknown command \"\(command)\"", for: command,
                    in: Command.allCases.map(\.name) + ["--version", "-V", "--help", "-h"]))
        }
    }

    /// Whether the arguments hold `--log-format json` (or `--log-format=json`).
    private static func asksForJSONLog(_ arguments: [String]) -> Bool {
        zip(arguments, arguments.dropFirst()).contains { $0 == "--log-format" && $1 == "json" }
            || arguments.contains("--log-format=json")
    }

    /// A command that takes only `--help` and prints `text`.
    private static func simple(_ command: Command, _ arguments: [String], text: () -> String) throws -> ExitCode {
        let parsed = try ArgumentParser.parse(arguments, options: [.help], command: command.name)
        if let extra = parsed.positionals.first {
            throw UsageError("\(command.name) takes no arguments, not \"\(extra)\"", command: command.name)
        }
        try output(parsed.flag(.help) ? command.help : text())
        return .ok
    }

    /// The diagnostics options every reading command shares: quiet, all warnings, the log format (`text` is
    /// `textStyle`: plain, or timestamped for fetch). The problems file is opened once the run's files are checked
    /// (``openProblems(_:_:)``).
    static func configure(
        _ diagnostics: Diagnostics, _ parsed: ParsedArguments, command: String,
        textStyle: Diagnostics.Style = .plain
    ) throws {
        diagnostics.quiet = parsed.flag(.quiet)
        diagnostics.allWarnings = parsed.flag(.allWarnings)
        switch parsed.value(.logFormat) ?? "text" {
        case "text": diagnostics.style = textStyle
        case "json": diagnostics.style = .json
        case let other:
            throw UsageError(
                Suggestion.message(
                    "--log-format must be text or json, not \"\(other)\"", for: other,
                    in: Option.logFormat.values ?? []), command: command)
        }
        // The line a SIGTERM or SIGINT leaves is written in the run's log format too.
        ProcessSetup.stopNotice.style = diagnostics.style
    }

    /// Starts the problems file (`--problems`), staged beside its destination until the run ends.
    static func openProblems(_ diagnostics: Diagnostics, _ path: String?) throws {
        if let path { diagnostics.problemLog = try ProblemLog(path: path) }
    }

    /// Runs `body`, then publishes the problems file, also when `--strict` refused the run (its problems are what
    /// staff need then); prints the tally of problems not shown.
    static func reportingProblems<Result>(_ diagnostics: Diagnostics, _ body: () throws -> Result) throws -> Result {
        do {
            let result = try body()
            try diagnostics.problemLog?.publish()
            diagnostics.tally()
            return result
        } catch let error as StrictFailure {
            try diagnostics.problemLog?.publish()
            throw error
        }
    }

    static var usage: String {
        var text = """
            scoreimport: English-test score importer (IELTS Results Service, TOEFL iBT Server-to-Server, \
            E-Delivery CSV).

            Usage: scoreimport COMMAND [OPTIONS] [FILE ...]

            Commands:

            """
        for command in Command.allCases { text += Help.item(command.name, command.summary, column: 15) }
        text +=
            "\n"
            + Help.wrap(
                "Run `scoreimport COMMAND --help` (or `scoreimport help COMMAND`) for a command's options, "
                    + "`man scoreimport` for the manual.")
        text += "\nExit codes:\n"
        for code in ExitCode.allCases { text += Help.item(String(code.rawValue), code.meaning, column: 8) }
        return text
    }

    /// Writes to standard error; a failure there has nowhere to be told.
    static func write(_ text: String, to fd: Int32) {
        try? FileOutput.writeAll(fd, Array(text.utf8)[...], name: "standard error")
    }

    /// Writes what a command prints (help, the manual, completions, a template) to standard output. A write that
    /// fails (a full disk, a closed pipe, `>&-`) is exit 74: `make dist` and scripts rely on the status.
    static func output(_ text: String) throws(OutputError) {
        guard !StandardStreams.outputWasClosed else {
            throw .io(IOError("write to", path: "standard output (it was closed)", code: EBADF))
        }
        do {
            try FileOutput.writeAll(STDOUT_FILENO, Array(text.utf8)[...], name: "standard output")
        } catch {
            throw .io(IOError("write to", path: "standard output", code: error.code))
        }
    }

    /// The clock of the run: the system's, or fixed by `SCOREIMPORT_NOW` (ISO 8601) to replay a given night.
    static func clock(_ environment: [String: String]) throws(UsageError) -> SystemClock {
        guard let text = environment["SCOREIMPORT_NOW"] else { return SystemClock() }
        guard let seconds = TimeWindow.parse(text) else {
            throw UsageError("SCOREIMPORT_NOW must be yyyy-MM-ddTHH:mm:ssZ, not \"\(text)\"")
        }
        return SystemClock(fixedNow: seconds)
    }

    /// The day the run counts as today (UTC): `SCOREIMPORT_TODAY=yyyy-mm-dd`, else the clock's day.
    static func today(_ environment: [String: String]) throws(UsageError) -> CalendarDate {
        if let text = environment["SCOREIMPORT_TODAY"] {
            guard let date = DateFormat.isoDate.parse(text) else {
                throw UsageError("SCOREIMPORT_TODAY must be yyyy-mm-dd, not \"\(text)\"")
            }
            return date
        }
        return try clock(environment).today
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

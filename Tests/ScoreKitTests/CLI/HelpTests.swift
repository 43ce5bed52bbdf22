import Foundation
import Testing

/// Help and suggestions as a user meets them, from the built binary.
@Suite struct HelpTests {
    @Test(arguments: [
        (["convert", "--format", "xslx", "x.json"], "did you mean xlsx?"),
        (["convert", "--module", "academc", "x.json"], "did you mean academic?"),
        (["convert", "--test", "ielt", "x.json"], "did you mean ielts?"),
        (["convert", "--date-format", "dd/mm/yyy", "x.json"], "did you mean dd/mm/yyyy?"),
        (["convert", "--template", "compcat", "x.json"], "did you mean compact?"),
        (["help", "covnert"], "did you mean convert?"),
        (["help", "nosuch"], "the topics are the commands (convert, check"),
        (["fetch", "ilets"], "did you mean ielts?"),
        (["conevrt"], "did you mean convert?"),
        (["completions", "bsh"], "did you mean bash?"),
        (
            ["check", "--log-format", "jsn", "x.json"],
            "--log-format must be text or json, not \"jsn\"; did you mean json?"
        ),
    ])
    func mistakesGetASuggestion(arguments: [String], suggestion: String) throws {
        let result = try BinaryRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderrText.contains(suggestion), "\(result.stderrText)")
    }

    @Test(arguments: [["--version"], ["-V"], ["version"]])
    func theVersionHasThreeSpellings(arguments: [String]) throws {
        let result = try BinaryRunner.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdoutText.hasPrefix("scoreimport 0."))
    }

    @Test func theUsageListsEveryCommandAndTheVersion() throws {
        let text = try BinaryRunner.run(["--help"]).stdoutText
        for command in ["convert", "check", "fetch", "templates", "help", "version", "man", "completions"] {
            #expect(text.contains("\n  \(command) "), "\(command)")
        }
        #expect(text.contains("--version, -V"))
    }

    @Test func combinedShortFlagsTakeTheLastOnesValue() throws {
        let input = Paths.fixtures.appendingPathComponent("cases/toefl-seed-sample/input.json").path
        let combined = try BinaryRunner.run(["convert", "-qt", "compact", input])
        let separate = try BinaryRunner.run(["convert", "-q", "-t", "compact", input])
        #expect(combined.status == 0, "\(combined.stderrText)")
        #expect(combined.stdout == separate.stdout)
        #expect(combined.stdoutText.hasPrefix("testType,scoreId,"))
    }

    @Test func helpLinesWrapToTheWidthAndLongOptionsGetTheirOwnLine() throws {
        let result = try BinaryRunner.run(["convert", "--help"], environment: ["COLUMNS": "80"])
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        let module = try #require(lines.firstIndex { $0.contains("--module academic|general-training") })
        #expect(lines[module].hasSuffix("academic|general-training"))
        #expect(lines[module + 1].trimmingCharacters(in: .whitespaces).hasPrefix("keep only IELTS results"))
    }

    @Test func templatesHelpShowsATemplateFile() throws {
        let text = try BinaryRunner.run(["templates", "--help"]).stdoutText
        #expect(text.contains(#"{"name": "crm", "format": "csv", "dateFormat": "dd/mm/yyyy","#))
    }

    /// Each mistake gets a message that says what is wrong, never `not nothing` or `not ""`, and extra arguments
    /// are refused rather than ignored.
    @Test(arguments: [
        (["fetch"], "fetch needs a service: ielts or toefl"),
        (["fetch", "--since", "2026-01-01"], "fetch needs a service: ielts or toefl"),
        (["completions"], "completions needs a shell: bash, zsh or fish"),
        (["completions", "bash", "zsh"], "completions takes one shell, not also \"zsh\""),
        (["templates", "e-delivery", "extra"], "templates shows one template at a time, not also \"extra\""),
        (
            ["check", "--output", "out.csv", "x.json"],
            "check writes nothing, so it takes no --output: to write the table, run scoreimport convert with the "
                + "same options"
        ),
        (
            ["check", "-qo", "out.csv", "x.json"],
            "check writes nothing, so it takes no --output: to write the table, run scoreimport convert with the "
                + "same options"
        ),
        (["check", "--format=xlsx", "x.json"], "check writes nothing, so it takes no --format: to write the table"),
        (["check", "--strict", "x.json"], "check takes no --strict: it already exits 1 when any record has a warning"),
        (["fetch", "ielts", "--max-retries", "-1"], "--max-retries must be a whole number from 0 to 100, not \"-1\""),
        (["fetch", "ielts", "--timeout", "-0.5"], "--timeout must be a whole number from 1 to 3600, not \"-0.5\""),
    ])
    func mistakesSayWhatIsWrong(arguments: [String], message: String) throws {
        let result = try BinaryRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        let line = result.stderrText.split(separator: "\n").first.map(String.init) ?? ""
        #expect(line.contains("scoreimport: error: " + message), "\(line)")
        #expect(!result.stderrText.contains("not nothing") && !result.stderrText.contains("not \"\""))
    }

    /// What a command prints must arrive: a full disk (or a closed stdout) is exit 74, as `make dist` relies on when
    /// it writes the man page and completions.
    @Test(arguments: [
        ["--help"], ["help", "fetch"], ["convert", "--help"], ["man"], ["completions", "bash"], ["templates"],
        ["templates", "compact"], ["version"],
    ])
    func aFailedWriteToStandardOutputIsExit74(arguments: [String]) throws {
        for (redirection, reason) in [(">/dev/full", "No space left on device"), (">&-", "(it was closed)")] {
            let result = try Tool.capture(
                URL(fileURLWithPath: "/bin/sh"),
                ["-c", "exec \"$0\" \"$@\" \(redirection)", BinaryRunner.binary.path] + arguments,
                environment: BinaryRunner.baseEnvironment)
            let stderr = String(decoding: result.stderr, as: UTF8.self)
            #expect(result.status == 74, "\(arguments) \(redirection): \(stderr)")
            #expect(stderr.hasPrefix("scoreimport: error: cannot write to standard output"), "\(stderr)")
            #expect(stderr.contains(reason), "\(stderr)")
        }
    }

    /// The help names the problems file's columns as the file has them.
    @Test func theProblemsHelpListsTheFilesColumns() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let problems = directory.appendingPathComponent("problems.csv").path
        let input = Paths.fixtures.appendingPathComponent("cases/ielts-api-response/input.json").path
        _ = try BinaryRunner.run(["check", "--problems", problems, input])
        let header = try String(contentsOfFile: problems, encoding: .utf8).split(separator: "\r\n").first ?? ""
        let help = try BinaryRunner.run(["check", "--help"], environment: ["COLUMNS": "400"]).stdoutText
        let columns = header.split(separator: ",").joined(separator: ", ")
        #expect(columns.split(separator: ",").count == 8)
        #expect(help.contains("write every record problem to PATH as CSV (\(columns))"), "\(header)")
    }

    /// The help says what README says: without -f the -o file's extension sets the format; --sheet takes the
    /// first visible sheet; --input-encoding lists every encoding.
    @Test(arguments: ["convert", "fetch"])
    func defaultsAreTheOnesTheCodeUses(command: String) throws {
        let help = try BinaryRunner.run([command, "--help"], environment: ["COLUMNS": "400"]).stdoutText
        #expect(
            help.contains(
                "output format: csv, json, jsonl, xml, xlsx (default: the -o file's extension, else the template's)"))
        if command == "convert" {
            #expect(help.contains("the worksheet of XLSX input to read (default: the first visible one)"))
            #expect(
                help.contains("read CSV and XML input as utf-8, utf-16, windows-1252 or mac-roman (default: detected)"))
        }
    }

    @Test func fetchHelpNamesBothWaysToAuthenticate() throws {
        let help = try BinaryRunner.run(["fetch", "--help"], environment: ["COLUMNS": "400"]).stdoutText
        #expect(
            help.contains(
                "with Basic auth, or with --auth token a Bearer token from POST {endpoint}/v1/cambridge.id/token"))
    }

    /// Every kind of input convert and check read is named in both commands' help and in the man page's
    /// description of each (one table behind them): XLSX and legacy E-Delivery XML were missing.
    @Test(arguments: ["convert", "check"])
    func helpAndTheManPageNameEveryInput(command: String) throws {
        let help = try BinaryRunner.run([command, "--help"]).stdoutText
        // The man page's roff, its words joined again and its minus signs plain, from the command's entry on.
        let roff = try BinaryRunner.run(["man"]).stdoutText.replacingOccurrences(of: "\\-", with: "-")
        let entry = try #require(roff.components(separatedBy: "\n.B \(command)\n").dropFirst().last)
            .components(separatedBy: "\n.TP\n")[0]
        for text in [help, entry] {
            let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for input in [
                "TOEFL Server-to-Server JSON", "IELTS Results Service JSON", "E-Delivery CSV", "legacy E-Delivery XML",
                "XLSX workbooks (the first visible sheet, or --sheet)",
                "scoreimport's own CSV, JSON, JSON Lines and XML",
            ] {
                #expect(words.contains(input), "\(command): \(input)")
            }
        }
    }
}

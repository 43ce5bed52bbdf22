import Testing

@testable import ScoreKit

/// argv -> tokens -> values by option, as a user types them, and the usage errors (exit 64) for what is wrong.
@Suite struct ArgumentParserTests {
    @Test(arguments: [
        (["--output", "out.csv"], [ArgumentToken.long("output", value: nil), .positional("out.csv")]),
        (["--output=out.csv"], [.long("output", value: "out.csv")]),
        (["--since=2026-01-01T00:00:00+02:00"], [.long("since", value: "2026-01-01T00:00:00+02:00")]),
        (["--output="], [.long("output", value: "")]),
        (["--template=a=b"], [.long("template", value: "a=b")]),
        (["-o", "out.csv"], [.short("o", value: nil), .positional("out.csv")]),
        (["-oout.csv"], [.short("o", value: "out.csv")]),
        (["-", "in.json"], [.positional("-"), .positional("in.json")]),
        (["--", "--strict", "-o", "-"], [.positional("--strict"), .positional("-o"), .positional("-")]),
        (["a.json", "--", "--"], [.positional("a.json"), .positional("--")]),
        (["--max-retries", "-1"], [.long("max-retries", value: nil), .negativeNumber("-1")]),
        (
            ["-0.5", "-1.", "-.5", "-1x", "--", "-2"],
            [
                .negativeNumber("-0.5"), .short("1", value: "."), .short(".", value: "5"), .short("1", value: "x"),
                .positional("-2"),
            ]
        ),
        ([], []),
    ])
    func tokenizes(arguments: [String], tokens: [ArgumentToken]) {
        #expect(ArgumentParser.tokenize(arguments) == tokens)
    }

    static let options: [Option] = ConvertCommand.outputOptions + ConvertCommand.inputOptions

    func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        try ArgumentParser.parse(arguments, options: Self.options, command: "convert")
    }

    @Test func readsValuesFlagsAndFiles() throws {
        let parsed = try parse([
            "-t", "compact", "--format=json", "-oout.json", "--strict", "-q", "a.json", "-", "--", "-b.json",
        ])
        #expect(parsed.value(.template) == "compact")
        #expect(parsed.value(.format) == "json")
        #expect(parsed.value(.output) == "out.json")
        #expect(parsed.flag(.strict) && parsed.flag(.quiet))
        #expect(!parsed.flag(.bom) && !parsed.has(.bom))
        #expect(parsed.value(.module) == nil && !parsed.has(.module))
        #expect(parsed.positionals == ["a.json", "-", "-b.json"])
    }

    @Test func aRepeatedOptionKeepsTheLastValue() throws {
        let parsed = try parse(["-o", "first.csv", "--output=second.csv", "-othird.csv", "--strict", "--strict"])
        #expect(parsed.value(.output) == "third.csv")
        #expect(parsed.values[.output] == ["first.csv", "second.csv", "third.csv"])
        #expect(parsed.flag(.strict))
    }

    @Test func aValueMayLookLikeAnythingButAnOption() throws {
        #expect(try parse(["--output", "-"]).value(.output) == "-")
        #expect(try parse(["--output", "-12"]).value(.output) == "-12")
        #expect(try parse(["--output=-1", "-o", "-2.5"]).values[.output] == ["-1", "-2.5"])
        #expect(try parse(["--template", "my template.json"]).value(.template) == "my template.json")
    }

    @Test(arguments: [
        (["--strict=yes"], "--strict takes no value"),
        (["-qv"], "unknown option -v"),
        (["--output"], "--output needs a value (PATH)"),
        (["-o"], "--output needs a value (PATH)"),
        (["-o", "--strict"], "--output needs a value (PATH)"),
        (["--template", "-q"], "--template needs a value (NAME|PATH)"),
        (["--ouptut", "x"], "unknown option --ouptut; did you mean --output?"),
        (["--exclude-canceled"], "unknown option --exclude-canceled; did you mean --exclude-cancelled?"),
        (["--templ"], "unknown option --templ; did you mean --template?"),
        (["--tst", "ielts"], "unknown option --tst; did you mean --test?"),
        (["--since", "2026-01-01"], "unknown option --since"),
        (["-x"], "unknown option -x"),
        (["-1"], "unknown option -1"),
    ])
    func refusesWhatItCannotRead(arguments: [String], message: String) {
        #expect {
            _ = try parse(arguments)
        } throws: { error in
            guard let usage = error as? UsageError else { return false }
            return usage.message == message && usage.command == "convert" && usage.exitCode == .usage
        }
    }

    /// A secret passed as an option is refused without its value appearing in the message.
    @Test func anUnknownOptionWithAValueDoesNotEchoTheValue() throws {
        let error = try #require(throws: UsageError.self) { _ = try parse(["--client-secret=hunter2-value"]) }
        #expect(!error.message.contains("hunter2-value"))
    }
}

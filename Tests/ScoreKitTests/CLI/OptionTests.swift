import Foundation
import Testing

@testable import ScoreKit

/// The one table of options behind parsing and `--help`: every option is documented and taken by a command, and
/// no command has two options answering to the same name or letter.
@Suite struct OptionTests {
    static let commands: [(String, [Option])] = [
        ("convert", ConvertCommand.outputOptions + ConvertCommand.inputOptions),
        ("check", ConvertCommand.inputOptions),
        ("fetch", FetchCommand.options),
    ]

    @Test(arguments: Option.allCases)
    func everyOptionHasHelpAndIsTakenBySomeCommand(option: Option) {
        #expect(option.help.count >= 10)
        #expect(option.name.allSatisfy { $0.isLowercase || $0 == "-" })
        #expect(Self.commands.contains { $0.1.contains(option) }, "--\(option.name) is taken by no command")
        if let valueName = option.valueName { #expect(!valueName.isEmpty) }
        if let values = option.values {
            #expect(option.valueName != nil, "a flag has no values")
            #expect(!values.isEmpty)
        }
    }

    @Test(arguments: commands.map(\.0))
    func noCommandTakesTwoOptionsWithOneNameOrLetter(command: String) throws {
        let options = try #require(Self.commands.first { $0.0 == command }?.1)
        #expect(Set(options).count == options.count, "an option listed twice")
        let letters = options.compactMap(\.short)
        #expect(Set(letters).count == letters.count, "\(command): two options share a short letter")
        #expect(options.contains(.help) && options.contains(.quiet))
    }

    /// `--help` shows every option of the command, once, with its value placeholder and help.
    @Test(arguments: commands.map(\.0))
    func helpListsEveryOptionOnce(command: String) throws {
        let options = try #require(Self.commands.first { $0.0 == command }?.1)
        let help = Help.options(options, width: 400)
        // An option too long for its column has its description on the next line.
        let lines = help.split(separator: "\n").map(String.init).reduce(into: [String]()) { lines, line in
            if line.hasPrefix(" ") && line.trimmingCharacters(in: .whitespaces).first != "-", let last = lines.last {
                lines[lines.count - 1] = last + " " + line.trimmingCharacters(in: .whitespaces)
            } else {
                lines.append(line)
            }
        }
        #expect(lines.count == options.count)
        for (line, option) in zip(lines, options) {
            var expected = option.short.map { "  -\($0), " } ?? "      "
            expected += "--\(option.name)" + (option.valueName.map { " \($0)" } ?? "")
            #expect(line.hasPrefix(expected), "\(line)")
            #expect(line.hasSuffix(option.help))
        }
    }
}

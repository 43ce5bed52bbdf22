import Foundation
import Testing

/// `scoreimport-sandbox --help` names every option it parses and every fault it takes (the list its own error for an
/// unknown fault gives), on stdout with exit 0; a wrong argument still exits 64, pointing at --help.
@Suite struct SandboxHelpTests {
    static func sandbox(_ arguments: [String]) throws -> BinaryRunner.Result {
        let result = try Tool.capture(Sandbox.binary, arguments)
        return BinaryRunner.Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    @Test func helpListsEveryOptionAndFault() throws {
        let help = try Self.sandbox(["--help"])
        #expect(help.status == 0)
        #expect(help.stderr.isEmpty)
        let text = help.stdoutText
        for option in [
            "--port N", "--data DIR", "--fault KIND[:COUNT]", "--token-fault KIND[:COUNT]", "--max-window-records N",
            "--max-page-records N",
            "--retry-after SECONDS", "--slow-seconds SECONDS", "--token-seconds SECONDS", "--help",
        ] {
            #expect(text.contains("\n  \(option) "), "\(option)")
        }
        let unknown = try Self.sandbox(["--fault", "no-such-fault"])
        #expect(unknown.status == 64)
        let listed = try #require(unknown.stderrText.firstMatch(of: /use one of \[([^\]]*)\]/)).1
        let faults = listed.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")) }
        #expect(faults.count >= 26)
        let section = try #require(text.components(separatedBy: "Faults (KIND):\n").last)
        let described = section.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        for fault in faults {
            #expect(described.contains(fault), "\(fault) is not in --help")
        }
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 110 })
    }

    @Test func anUnknownArgumentPointsAtHelp() throws {
        let result = try Self.sandbox(["--bogus"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText == "scoreimport-sandbox: unknown argument --bogus; see --help\n")
    }
}

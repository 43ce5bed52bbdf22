import Foundation
import Testing

/// The README's sandbox example, run as written: the sandbox with its arguments (on a free port instead of 8080),
/// then each `scoreimport fetch` line with its environment, so the credentials the README gives are the ones the
/// sandbox takes.
@Suite struct ReadmeSandboxTests {
    /// The commands of the `sh` block in "## The sandbox", continuation lines joined.
    static func commands() throws -> [String] {
        let readme = try String(contentsOf: Paths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## The sandbox\n").last)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first)
        let lines = try #require(block.components(separatedBy: "\n```").first)
        return lines.replacingOccurrences(of: " \\\n", with: " ").split(separator: "\n").map(String.init)
    }

    @Test func eachFetchRunsAsTheReadmeWritesIt() throws {
        let commands = try Self.commands()
        let start = try #require(commands.first { $0.hasPrefix(".build/debug/scoreimport-sandbox ") })
        let sandboxArguments = start.split(separator: " ").dropFirst().map(String.init).filter { $0 != "&" }
        let port = try #require(sandboxArguments.firstIndex(of: "--port")) + 1
        var arguments = sandboxArguments
        arguments.removeSubrange((port - 1)...port)
        let sandbox = try Sandbox(arguments)
        var fetched: [String: BinaryRunner.Result] = [:]
        for command in commands where command.contains(" .build/debug/scoreimport fetch ") {
            let words = command.split(separator: " ").map(String.init)
            let program = try #require(words.firstIndex(of: ".build/debug/scoreimport"))
            var environment = ["SCOREIMPORT_NOW": "2026-11-22T12:00:00Z", "SCOREIMPORT_RETRY_BASE_SECONDS": "0.01"]
            for assignment in words[..<program] {
                let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
                environment[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            let arguments = words[(program + 1)...].map {
                $0 == "http://127.0.0.1:\(sandboxArguments[port])" ? sandbox.endpoint : $0
            }
            // The real environment's credentials must not stand in for the README's.
            for variable in ["IELTS_CLIENT_ID", "IELTS_CLIENT_SECRET", "TOEFL_AUTHCODE"]
            where environment[variable] == nil {
                environment[variable] = ""
            }
            fetched[arguments[1]] = try BinaryRunner.run(arguments, environment: environment)
        }
        let log = sandbox.stop()
        #expect(Set(fetched.keys) == ["ielts", "toefl"])
        for (service, result) in fetched {
            #expect(result.status == 0, "\(service): \(result.stderrText)")
        }
        let toefl = try #require(fetched["toefl"])
        #expect(toefl.stdoutText.split(separator: "\r\n").count == 7)
        #expect(toefl.stderrText.contains("read 6, written 6, warnings 0"))
        #expect(log.contains { $0.contains("GET /scores?") && $0.hasSuffix("-> 200 (1 records)") }, "\(log)")
        #expect(!log.contains { $0.contains("-> 401") }, "\(log)")
    }
}

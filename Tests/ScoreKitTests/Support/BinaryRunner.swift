import Foundation

/// Runs the built `scoreimport` binary as a user would, and captures what it printed.
struct BinaryRunner {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: Data
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    static let binary = Paths.repository.appendingPathComponent(".build/debug/scoreimport")

    /// The environment every run gets: a fixed "today" so validity and Download Date are stable.
    static let baseEnvironment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["SCOREIMPORT_TODAY"] = "2026-11-22"
        return environment
    }()

    static func run(
        _ arguments: [String], in directory: URL? = nil, stdin: Data? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let result = try Tool.capture(
            binary, arguments, stdin: stdin, directory: directory,
            environment: baseEnvironment.merging(environment) { $1 })
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}

/// Carries bytes out of the reading thread.
final class DataBox: @unchecked Sendable {
    var data = Data()
}

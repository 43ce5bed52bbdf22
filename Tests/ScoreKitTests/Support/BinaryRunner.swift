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
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = baseEnvironment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        // Read both pipes concurrently so a large output cannot deadlock the child.
        let stdoutBox = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            stdoutBox.data = output.fileHandleForReading.readDataToEndOfFile()
        }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdoutBox.data, stderr: stderr)
    }
}

/// Carries bytes out of the reading thread.
final class DataBox: @unchecked Sendable {
    var data = Data()
}

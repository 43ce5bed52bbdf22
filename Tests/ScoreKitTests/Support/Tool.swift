import Foundation

/// Runs an external program (python3, jq, xmllint) and returns its stdout; throws on a non-zero exit.
enum Tool {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ program: String, _ arguments: [String], stdin: Data? = nil) throws -> String {
        let result = try capture(URL(fileURLWithPath: "/usr/bin/env"), [program] + arguments, stdin: stdin)
        guard result.status == 0 else {
            throw Failed(
                description: "\(program) exited \(result.status): \(String(decoding: result.stderr, as: UTF8.self))")
        }
        return String(decoding: result.stdout, as: UTF8.self)
    }

    /// Runs `executable` and captures its exit status, stdout and stderr (read concurrently, so a large output
    /// cannot deadlock the child).
    static func capture(
        _ executable: URL, _ arguments: [String], stdin: Data? = nil, directory: URL? = nil,
        environment: [String: String]? = nil
    ) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        let box = DataBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { box.data = output.fileHandleForReading.readDataToEndOfFile() }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, box.data, stderr)
    }

    static func exists(_ program: String) -> Bool {
        (try? run("sh", ["-c", "command -v \(program)"])) != nil
    }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("scoreimport-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

import Foundation

/// Runs an external program (python3, jq, xmllint) and returns its stdout; throws on a non-zero exit.
enum Tool {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ program: String, _ arguments: [String], stdin: Data? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
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
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(
                description: "\(program) exited \(process.terminationStatus): \(String(decoding: err, as: UTF8.self))")
        }
        return String(decoding: box.data, as: UTF8.self)
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

import Foundation

/// The built `scoreimport-sandbox`, started on a free loopback port for one test and stopped after it.
final class Sandbox {
    static let binary = Paths.repository.appendingPathComponent(".build/debug/scoreimport-sandbox")
    let process = Process()
    let port: Int
    private let errors = Pipe()
    private let log = DataBox()
    private let group = DispatchGroup()

    init(_ arguments: [String] = []) throws {
        let output = Pipe()
        process.executableURL = Self.binary
        process.arguments = ["--port", "0"] + arguments
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let portText = text.split(separator: ":").last?.trimmingCharacters(in: .whitespacesAndNewlines),
            let port = Int(portText)
        else { throw Tool.Failed(description: "sandbox did not start: \(text)") }
        self.port = port
        let handle = errors.fileHandleForReading
        let box = log
        DispatchQueue.global().async(group: group) { box.data = handle.readDataToEndOfFile() }
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Stops the server and returns its request log (request lines only).
    func stop() -> [String] {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        group.wait()
        return String(decoding: log.data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    deinit { _ = stop() }

    static let ieltsEnvironment = [
        "IELTS_CLIENT_ID": "demo-client", "IELTS_CLIENT_SECRET": "demo-secret",
        "SCOREIMPORT_RETRY_BASE_SECONDS": "0.01",
    ]
    static let toeflEnvironment = [
        "TOEFL_AUTHCODE": "ZXh0c3lzaWJ0MjZ0c3Q6cGFzczAxMDIwMw==",
        "SCOREIMPORT_RETRY_BASE_SECONDS": "0.01",
    ]
    static let window = ["--since", "2026-01-01", "--until", "2026-11-22"]
}

import Foundation

/// Another process holding an exclusive `flock(2)` on a file, as a live scoreimport run holds its temporary files
/// and its state's lock, until `release()` kills it.
final class LockHolder {
    private let process = Process()

    init(_ path: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = """
            import fcntl, os, sys, time
            fd = os.open(sys.argv[1], os.O_RDONLY | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)
            print("locked", flush=True)
            time.sleep(120)
            """
        process.arguments = ["python3", "-c", script, path]
        process.standardOutput = output
        try process.run()
        // Read to the end of the line: under load a read can return part of it, and an empty read is the end.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard String(decoding: line, as: UTF8.self).hasPrefix("locked") else {
            throw Tool.Failed(description: "the lock holder did not take the lock on \(path)")
        }
    }

    /// Ends the holder: the kernel drops its lock with it.
    func release() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { release() }
}

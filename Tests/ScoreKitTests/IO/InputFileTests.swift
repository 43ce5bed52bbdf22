import Foundation
import Testing

@testable import ScoreKit

/// Inputs are regular files and pipes, nothing else: a device (which `/dev/zero` shows can be endless), a socket or
/// a directory is refused before a byte is read (exit 66), and a pipe whose spool cannot grow in TMPDIR (a full
/// disk) is an I/O error (exit 74) that leaves nothing in TMPDIR.
@Suite(.serialized) struct InputFileTests {
    /// Runs `scoreimport ARGS` through `sh -c`, with `redirection` applied and TMPDIR set to `tmp`.
    static func shell(_ command: String, tmp: URL, in directory: URL? = nil) throws -> BinaryRunner.Result {
        let result = try Tool.capture(
            URL(fileURLWithPath: "/bin/sh"), ["-c", command, BinaryRunner.binary.path], directory: directory,
            environment: BinaryRunner.baseEnvironment.merging(["TMPDIR": tmp.path]) { $1 })
        return BinaryRunner.Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    @Test func aDeviceASocketAndADirectoryAreRefusedBeforeAnyByteIsRead() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tmp = directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: false)
        let socket = directory.appendingPathComponent("input.sock").path
        _ = try Tool.run(
            "python3", ["-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", socket])
        let cases: [(String, String)] = [
            ("exec \"$0\" check /dev/zero", "/dev/zero is a character device, not a file or a pipe"),
            ("exec \"$0\" convert -o out.csv /dev/zero", "/dev/zero is a character device, not a file or a pipe"),
            ("exec \"$0\" check \(socket)", "\(socket) is a socket, not a file or a pipe"),
            ("exec \"$0\" check \(tmp.path)", "\(tmp.path) is a directory, not a file or a pipe"),
            ("exec \"$0\" check < /dev/zero", "<stdin> is a character device, not a file or a pipe"),
            ("exec \"$0\" check --applicants /dev/zero -", "/dev/zero is a character device"),
            ("exec \"$0\" check --policy /dev/zero -", "/dev/zero is a character device"),
        ]
        for (command, message) in cases {
            let start = Date()
            let result = try Self.shell(command, tmp: tmp, in: directory)
            #expect(result.status == 66, "\(command): \(result.stderrText)")
            #expect(result.stderrText.contains("error: \(message)"), "\(command): \(result.stderrText)")
            #expect(Date().timeIntervalSince(start) < 10, "refused at once, not spooled")
            #expect(entries(tmp) == [], "nothing spooled")
            #expect(!entries(directory).contains("out.csv"))
        }
        #expect(
            try Self.shell("exec \"$0\" check < /dev/zero", tmp: tmp).stderrText.contains(
                "; name the files to read, or pipe one in"))
    }

    /// A pipe and a FIFO are read as before.
    @Test func pipesAndFIFOsAreRead() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = Paths.fixtures.appendingPathComponent("cases/ielts-api-response/input.json").path
        let fifo = directory.appendingPathComponent("scores.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let piped = try Self.shell("cat \(input) | \"$0\" check -q", tmp: directory)
        // The fixture holds two warnings (check exits 1): read whole either way.
        #expect(piped.status == 1, "\(piped.stderrText)")
        #expect(
            piped.stderrText.hasSuffix(
                "scoreimport: read 6, checked 6, warnings 2, skipped 0, duplicates 0 (IELTS 6)\n"))
        let named = try Self.shell("cat \(input) > \(fifo) & exec \"$0\" check -q \(fifo)", tmp: directory)
        #expect(named.status == 1)
        #expect(named.stderrText.replacingOccurrences(of: fifo, with: "<stdin>") == piped.stderrText)
    }

    /// The spool's writes fail (ENOSPC from /dev/full): the error names TMPDIR.
    @Test func aSpoolThatCannotGrowNamesTMPDIR() throws {
        var pipe: [Int32] = [0, 0]
        #expect(Glibc.pipe(&pipe) == 0)
        let full = open("/dev/full", O_WRONLY)
        defer {
            close(full)
            close(pipe[0])
        }
        #expect(write(pipe[1], "scores", 6) == 6)
        close(pipe[1])
        let error = try #require(throws: IOError.self) {
            try InputFile.copy(from: pipe[0], name: "<stdin>", to: full)
        }
        #expect(error.code == ENOSPC)
        #expect(
            error.description == "cannot spool <stdin> to \(TemporaryFile.directory) (TMPDIR): No space left on device")
    }

    /// Standard input larger than TMPDIR can hold: exit 74 and TMPDIR as it was. The spool grows past a file size
    /// limit (ulimit -f, SIGXFSZ ignored as a shell can), so the test needs no privileges.
    @Test func aSpoolPastWhatTMPDIRTakesIsExit74AndLeavesNothing() throws {
        let tmp = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let result = try Self.shell(
            "trap '' XFSZ; ulimit -f 256; head -c 1000000 /dev/urandom | \"$0\" check", tmp: tmp)
        #expect(result.status == 74, "\(result.stderrText)")
        #expect(result.stderrText.contains("error: cannot spool <stdin> to \(tmp.path) (TMPDIR): File too large"))
        #expect(entries(tmp) == [])
    }

    static let canMount: Bool = {
        guard geteuid() == 0, let probe = try? temporaryDirectory() else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        let mounted = (try? Tool.run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path])) != nil
        if mounted { _ = try? Tool.run("umount", [probe.path]) }
        return mounted
    }()

    /// A real full TMPDIR (a 256 KiB tmpfs): exit 74, "No space left on device", nothing left there.
    @Test(.enabled(if: canMount, "needs root to mount a small tmpfs; the ulimit test above covers the same path"))
    func aFullTMPDIRWhileSpoolingIsExit74AndLeavesNothing() throws {
        let tmp = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: tmp) }
        _ = try Tool.run("mount", ["-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", tmp.path])
        defer { _ = try? Tool.run("umount", [tmp.path]) }
        let result = try Self.shell("head -c 1000000 /dev/urandom | \"$0\" check", tmp: tmp)
        #expect(result.status == 74, "\(result.stderrText)")
        #expect(
            result.stderrText.contains("error: cannot spool <stdin> to \(tmp.path) (TMPDIR): No space left on device"))
        #expect(entries(tmp) == [])
        let used = try Tool.run("df", ["--output=used", tmp.path]).split(separator: "\n").last
        #expect(used?.trimmingCharacters(in: .whitespaces) == "0", "the space is given back")
    }
}

import Foundation
import Testing

/// Every file a run writes differs from every other file it writes and from every file it reads, in every command:
/// the built binary refuses a collision with a usage error naming both options, before it reads, fetches or writes
/// anything (the folder's files keep their bytes, nothing is added, the sandbox sees no request).
@Suite(.serialized) struct PathCollisionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["fetch", "ielts", "--state", "S", "-o", "S"], message: "--output (S) and --state (S)"),
        Case(
            arguments: ["fetch", "ielts", "--state", "S", "-o", "S.lock"], message: "and the lock of --state (S.lock)"),
        Case(
            arguments: ["fetch", "ielts", "--applicants", "app.csv", "--problems", "app.csv"],
            message: "--problems (app.csv) is the same file as --applicants (app.csv), which the run reads"),
        Case(
            arguments: ["fetch", "ielts", "--state", "app.csv", "--applicants", "app.csv", "-o", "out.csv"],
            message: "--state (app.csv) is the same file as --applicants (app.csv), which the run reads"),
        Case(
            arguments: ["check", "--applicants", "app.csv", "--review", "in.json", "in.json"],
            message: "--review (in.json) is the same file as an input (in.json), which the run reads"),
        Case(
            arguments: ["check", "--applicants", "app.csv", "--review", "app.csv", "in.json"],
            message: "--review (app.csv) is the same file as --applicants (app.csv), which the run reads"),
        Case(
            arguments: ["convert", "--problems", "app.csv", "app.csv"],
            message: "--problems (app.csv) is the same file as an input (app.csv)"),
        Case(
            arguments: ["convert", "-o", "in.json", "in.json"],
            message: "--output (in.json) is the same file as an input (in.json)"),
        Case(
            arguments: ["convert", "-o", "./linked.json", "in.json"],
            message: "--output (./linked.json) is the same file as an input (in.json)"),
        Case(
            arguments: ["convert", "--problems", "X", "-o", "X", "in.json"],
            message: "--output (X) and --problems (X) are the same file"),
        Case(
            arguments: ["convert", "-o", "policy.json", "--policy", "policy.json", "in.json"],
            message: "--output (policy.json) is the same file as --policy (policy.json), which the run reads"),
        Case(
            arguments: ["convert", "-o", "crm.json", "--template", "crm.json", "in.json"],
            message: "--output (crm.json) is the same file as --template (crm.json), which the run reads"),
        Case(
            arguments: ["convert", "--applicants", "app.csv", "--review", "r.csv", "-o", "r.csv", "in.json"],
            message: "--output (r.csv) and --review (r.csv) are the same file"),
    ]

    /// A folder holding an input, an applicant file, a policy and a template; returns each file's bytes.
    static func folder() throws -> (URL, [String: Data]) {
        let directory = try temporaryDirectory()
        try FileManager.default.copyItem(
            at: Paths.fixtures.appendingPathComponent("cases/ielts-api-response/input.json"),
            to: directory.appendingPathComponent("in.json"))
        try Data("applicantId,familyName\r\nA1,García\r\n".utf8).write(to: directory.appendingPathComponent("app.csv"))
        try FileManager.default.copyItem(
            at: Paths.fixtures.appendingPathComponent("policy/graduate-2027.json"),
            to: directory.appendingPathComponent("policy.json"))
        try Data(#"{"name": "crm", "fields": ["trfNumber"]}"#.utf8).write(
            to: directory.appendingPathComponent("crm.json"))
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("linked.json").path, withDestinationPath: "in.json")
        return (directory, try contents(directory))
    }

    static func contents(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in entries(directory) {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }

    @Test(arguments: cases)
    func aCollisionIsAUsageErrorBeforeAnythingHappens(_ c: Case) throws {
        let (directory, before) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sandbox = try Sandbox()
        let fetch = c.arguments.first == "fetch" ? ["--endpoint", sandbox.endpoint] : []
        let result = try BinaryRunner.run(
            c.arguments + fetch, in: directory, environment: Sandbox.ieltsEnvironment)
        let log = sandbox.stop()
        #expect(result.status == 64, "\(result.stderrText)")
        #expect(result.stderrText.contains(c.message))
        #expect(result.stderrText.contains("error: --"))
        #expect(result.stdout.isEmpty)
        #expect(log == [], "nothing was fetched")
        #expect(try Self.contents(directory) == before, "nothing was written, removed or added")
    }

    /// `convert -o x < x`: standard input redirected from the file the output would replace.
    @Test func anOutputOverStandardInputIsRefused() throws {
        let (directory, before) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Tool.capture(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "exec \"$0\" convert -o in.json < in.json", BinaryRunner.binary.path],
            directory: directory, environment: BinaryRunner.baseEnvironment)
        let stderr = String(decoding: result.stderr, as: UTF8.self)
        #expect(result.status == 64, "\(stderr)")
        #expect(stderr.contains("error: --output (in.json) is the same file as standard input, which the run reads"))
        #expect(try Self.contents(directory) == before)
    }

    /// Distinct files are fine, reading one file for two purposes too.
    @Test func distinctFilesRun() throws {
        let (directory, _) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BinaryRunner.run(
            [
                "convert", "-q", "--applicants", "app.csv", "--review", "review.csv", "--problems", "problems.csv",
                "-o", "out.csv", "in.json", "linked.json",
            ], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(Set(entries(directory)).isSuperset(of: ["out.csv", "review.csv", "problems.csv"]))
    }

    /// `-o` naming a FIFO (as /dev/stdout is one): refused, and the FIFO is still a FIFO. (Renaming over /dev/null
    /// as root would have replaced the device; a FIFO in the test's folder stands for it.)
    @Test func anOutputThatIsNoFileIsRefusedAndLeftAsItIs() throws {
        let (directory, _) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("out.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try BinaryRunner.run(["convert", "-o", fifo, "in.json"], in: directory)
        #expect(result.status == 64, "\(result.stderrText)")
        #expect(result.stderrText.contains("error: --output \(fifo) is a FIFO (a pipe), not a file"))
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }
}

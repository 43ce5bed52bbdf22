import Foundation
import Testing

/// A staging file that cannot grow (a full disk) is named in the error, as the state's temporary file is: its path
/// beside `-o`, or TMPDIR for standard output. The built binary runs under a file size limit (`ulimit -f`,
/// SIGXFSZ ignored as a shell can), so the test needs no privileges: EFBIG stands for ENOSPC on the same path.
@Suite struct StagingFailureTests {
    static let input = Paths.repository.appendingPathComponent("Fixtures/sandbox/ielts-results.json").path

    func convert(_ redirection: String, in directory: URL, tmp: URL) throws -> BinaryRunner.Result {
        let result = try Tool.capture(
            URL(fileURLWithPath: "/bin/sh"),
            [
                "-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" convert -q \(Self.input) \(redirection)",
                BinaryRunner.binary.path,
            ],
            directory: directory, environment: BinaryRunner.baseEnvironment.merging(["TMPDIR": tmp.path]) { $1 })
        return BinaryRunner.Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    @Test func aStagingFileThatCannotGrowIsNamed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tmp = directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: false)

        let file = try convert("-o \(directory.path)/out.csv", in: directory, tmp: tmp)
        #expect(file.status == 74, "\(file.stderrText)")
        let named = "error: cannot write the staging file \(directory.path)/.scoreimport-out.csv-"
        let rest = try #require(file.stderrText.components(separatedBy: named).dropFirst().first, "\(file.stderrText)")
        #expect(rest.wholeMatch(of: /[A-Za-z0-9]{6}: File too large\n/) != nil, "\(rest)")

        let standardOutput = try convert("", in: directory, tmp: tmp)
        #expect(standardOutput.status == 74, "\(standardOutput.stderrText)")
        #expect(standardOutput.stdout.isEmpty)
        #expect(
            standardOutput.stderrText.hasSuffix(
                "error: cannot write the staging file of standard output in \(tmp.path) (TMPDIR): File too large\n"))
        #expect(entries(directory) == ["tmp"])
        #expect(entries(tmp) == [])
    }
}

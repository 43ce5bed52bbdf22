import Foundation
import Testing

/// `convert` and `check` clean up after killed runs too, not only `fetch --state`: a convert killed with SIGKILL
/// leaves its staged output and problems file; the next convert or check writing to those folders removes them,
/// whatever the files were called.
@Suite(.serialized) struct LeftoversEndToEndTests {
    @Test func theNextConvertRemovesWhatAKilledConvertLeft() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        let problems = directory.appendingPathComponent("problems")
        for folder in [out, problems] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        }
        // A FIFO nobody writes to: the convert stages its files, then waits on the input until it is killed.
        let fifo = directory.appendingPathComponent("input.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let killed = Process()
        killed.executableURL = BinaryRunner.binary
        killed.arguments = [
            "convert", "-o", out.appendingPathComponent("march.csv").path, "--problems",
            problems.appendingPathComponent("march-problems.csv").path, fifo,
        ]
        killed.environment = BinaryRunner.baseEnvironment
        killed.standardError = FileHandle.nullDevice
        try killed.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && (entries(out).isEmpty || entries(problems).isEmpty) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        #expect(entries(out).count == 1 && entries(out)[0].hasPrefix(".scoreimport-march.csv-"), "\(entries(out))")
        #expect(entries(problems).count == 1 && entries(problems)[0].hasPrefix(".scoreimport-march-problems.csv-"))

        let input = Paths.fixtures.appendingPathComponent("cases/ielts-api-response/input.json").path
        let check = try BinaryRunner.run(
            ["check", "--problems", problems.appendingPathComponent("april-problems.csv").path, input])
        #expect(check.status == 1, "\(check.stderrText)")
        #expect(check.stderrText.contains("note: removed 1 temporary file(s) an earlier run left when it was stopped"))
        #expect(entries(problems) == ["april-problems.csv"])

        let convert = try BinaryRunner.run(["convert", "-o", out.appendingPathComponent("april.csv").path, input])
        #expect(convert.status == 0, "\(convert.stderrText)")
        #expect(
            convert.stderrText.contains("note: removed 1 temporary file(s) an earlier run left when it was stopped"))
        #expect(entries(out) == ["april.csv"])
    }
}

import Foundation
import Testing

@testable import ScoreKit

/// Two names for one file, however they are spelt: the same path, `./` and `..`, a symbolic link to the file or
/// to its folder, a hard link; and a file that does not exist yet, reached through a linked folder.
@Suite struct RunFilesTests {
    final class Folder {
        let directory: URL
        init() throws {
            directory = try temporaryDirectory()
            try Data("x".utf8).write(to: directory.appendingPathComponent("in.csv"))
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("sub"), withIntermediateDirectories: false)
            try FileManager.default.createSymbolicLink(
                atPath: path("link.csv"), withDestinationPath: path("in.csv"))
            try FileManager.default.createSymbolicLink(atPath: path("alias"), withDestinationPath: path("sub"))
            try FileManager.default.linkItem(atPath: path("in.csv"), toPath: path("hard.csv"))
        }
        deinit { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.path + "/" + name }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var written: [(String, String)]
        var read: [(String, String)] = []
        /// The message, or nil when the files are distinct.
        var message: String?
    }

    static let cases: [Case] = [
        Case(
            testDescription: "an output over an input", written: [("--output", "in.csv")],
            read: [("an input", "in.csv")],
            message: "--output (in.csv) is the same file as an input (in.csv), which the run reads: it would be "
                + "written over; choose another --output"),
        Case(
            testDescription: "through a symbolic link", written: [("--review", "link.csv")],
            read: [("--applicants", "in.csv")],
            message: "--review (link.csv) is the same file as --applicants (in.csv), which the run reads: it would be "
                + "written over; choose another --review"),
        Case(
            testDescription: "through a hard link", written: [("--problems", "hard.csv")],
            read: [("an input", "in.csv")],
            message: "--problems (hard.csv) is the same file as an input (in.csv), which the run reads: it would be "
                + "written over; choose another --problems"),
        Case(
            testDescription: "two outputs not there yet, spelt differently",
            written: [("--output", "sub/new.csv"), ("--problems", "sub/../sub/./new.csv")],
            message: "--output (sub/new.csv) and --problems (sub/../sub/./new.csv) are the same file: each file a run "
                + "writes needs a name of its own"),
        Case(
            testDescription: "a file not there yet, through a linked folder",
            written: [("--state", "alias/s"), ("--output", "sub/s")],
            message: "--state (alias/s) and --output (sub/s) are the same file: each file a run writes needs a name "
                + "of its own"),
        Case(
            testDescription: "the photo folder as the output",
            written: [("--output", "sub/p"), ("--photos", "alias/p")],
            message: "--output (sub/p) and --photos (alias/p) are the same file: each file a run writes needs a name "
                + "of its own"),
        Case(
            testDescription: "distinct files", written: [("--output", "out.csv"), ("--review", "sub/out.csv")],
            read: [("an input", "in.csv"), ("--policy", "in.csv"), ("an input", "link.csv")]),
    ]

    @Test(arguments: cases)
    func namesBothFilesOfACollision(_ c: Case) throws {
        let folder = try Folder()
        // Paths in the folder (the tests share the process's working directory, so it stays as it is).
        var files = RunFiles()
        for (role, path) in c.written { files.writes(folder.path(path), as: role, folder: role == "--photos") }
        for (role, path) in c.read { files.reads(folder.path(path), as: role) }
        if let message = c.message {
            let error = try #require(throws: UsageError.self) { try files.check(command: "convert") }
            #expect(error.message == message.replacingOccurrences(of: "(", with: "(\(folder.directory.path)/"))
            #expect(error.exitCode == .usage)
        } else {
            try files.check(command: "convert")
        }
    }

    @Test func aPathNotThereIsMadeAbsolute() throws {
        let folder = try Folder()
        #expect(RunFiles.resolved(folder.path("alias/x.csv")) == RunFiles.resolved(folder.path("sub/x.csv")))
        #expect(RunFiles.resolved("/nonexistent/a/../b.csv") == "/nonexistent/b.csv")
    }

    /// A path the run writes that is there but is no file is refused: renaming a new file over a device or a FIFO
    /// would replace it (as root, /dev/null itself). A folder where a file goes, a file where the photo folder goes.
    @Test func whatIsWrittenMustBeAFileOrAFolder() throws {
        let folder = try Folder()
        let fifo = folder.path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let cases: [(String, String, Bool, String)] = [
            (
                "--output", "/dev/null", false,
                "--output /dev/null is a character device, not a file: a run writes a new file and renames it over "
                    + "the old one, which would replace it; leave out --output to write to standard output"
            ),
            (
                "--review", fifo, false,
                "--review \(fifo) is a FIFO (a pipe), not a file: a run writes a new file and renames it over the "
                    + "old one, which would replace it"
            ),
            (
                "--state", folder.path("sub"), false,
                "--state \(folder.path("sub")) is a directory, not a file: pass the path of a file"
            ),
            (
                "--photos", folder.path("in.csv"), true,
                "--photos \(folder.path("in.csv")) is a file, not a folder: pass a folder (a missing one is made)"
            ),
        ]
        for (role, path, isFolder, message) in cases {
            var files = RunFiles()
            files.writes(path, as: role, folder: isFolder)
            let error = try #require(throws: UsageError.self) { try files.check(command: "fetch") }
            #expect(error.message == message)
        }
        var fine = RunFiles()
        fine.writes(folder.path("link.csv"), as: "--output")
        fine.writes(folder.path("sub"), as: "--photos", folder: true)
        try fine.check(command: "fetch")
    }
}

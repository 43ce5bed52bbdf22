import Foundation
import Testing

@testable import ScoreKit

/// Temporary files hold personal data: private, removed when a signal stops the run, and removed by the next run
/// when a killed run left them, but never while a live run still uses them.
@Suite struct TemporaryFileTests {
    @Test func createsPrivateLockedFiles() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (fd, path) = try TemporaryFile.create(in: directory.path, prefix: ".out.csv.tmp")
        defer {
            close(fd)
            unlink(path)
            TemporaryFile.unregister(path)
        }
        #expect(path.hasPrefix(directory.path + "/.out.csv.tmp-"))
        #expect(path.count == directory.path.count + "/.out.csv.tmp-XXXXXX".count)
        #expect(try mode(path) == 0o600)
        // Held locked by this process: another open of it cannot take the lock.
        let other = open(path, O_RDONLY)
        defer { close(other) }
        #expect(flock(other, LOCK_EX | LOCK_NB) != 0)
    }

    @Test func anonymousFilesHaveNoName() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fd = try TemporaryFile.anonymous()
        defer { close(fd) }
        var info = stat()
        #expect(fstat(fd, &info) == 0)
        #expect(info.st_nlink == 0, "unlinked at once: nothing to leave behind")
        #expect(info.st_mode & 0o777 == 0o600)
    }

    /// What a killed run left goes; what a live run holds (in this process or another) stays, as does anything
    /// without the prefix; a symbolic link is never followed.
    @Test func removeLeftoversRemovesOnlyWhatNobodyHolds() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func file(_ name: String) throws -> String {
            let path = directory.appendingPathComponent(name).path
            try Data("personal data".utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        _ = try file(".out.csv.tmp-KILLED")
        let folder = directory.appendingPathComponent(".out.csv.tmp-FOLDER")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        try Data("photo".utf8).write(to: folder.appendingPathComponent("0-26SB1.jpg"))
        let heldElsewhere = try file(".out.csv.tmp-OTHERP")
        let holder = try LockHolder(heldElsewhere)
        let (fd, heldHere) = try TemporaryFile.create(in: directory.path, prefix: ".out.csv.tmp")
        defer {
            close(fd)
            TemporaryFile.unregister(heldHere)
        }
        _ = try file("out.csv")
        _ = try file(".out.csv.tmpfile")
        _ = try file(".other.tmp-KILLED")
        let outside = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outside) }
        let target = outside.appendingPathComponent("precious").path
        try Data("keep".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent(".out.csv.tmp-LINKED").path, withDestinationPath: target)

        #expect(TemporaryFile.removeLeftovers(in: directory.path, prefix: ".out.csv.tmp-") == 2)
        #expect(
            entries(directory)
                == [
                    ".other.tmp-KILLED", ".out.csv.tmp-LINKED", ".out.csv.tmp-OTHERP",
                    heldHere.split(separator: "/").last.map(String.init) ?? "",
                    ".out.csv.tmpfile", "out.csv",
                ].sorted())
        #expect(FileManager.default.contents(atPath: target) == Data("keep".utf8))

        // Once the other process is gone, its file is a leftover too.
        holder.release()
        #expect(TemporaryFile.removeLeftovers(in: directory.path, prefix: ".out.csv.tmp-") == 1)
        #expect(!FileManager.default.fileExists(atPath: heldElsewhere))
        #expect(TemporaryFile.removeLeftovers(in: directory.appendingPathComponent("missing").path, prefix: ".") == 0)
    }

    /// What the signal handler calls: every registered file and folder goes, nothing else. Run in a child process,
    /// since it removes the registered files of the whole process.
    @Test func removeRegisteredRemovesEveryRegisteredFileAndFolder() async {
        await #expect(processExitsWith: .success) {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("scoreimport-test-registered-\(getpid())").path
            mkdir(directory, 0o700)
            let (fd, staged) = try TemporaryFile.create(in: directory, prefix: ".out.csv.tmp")
            let folder = directory + "/.scoreimport-photos-ABCDEF"
            mkdir(folder, 0o700)
            try Data("photo".utf8).write(to: URL(fileURLWithPath: folder + "/0-26SB1.jpg"))
            TemporaryFile.register(folder)
            let unregistered = directory + "/.state.tmp-done"
            try Data("renamed already".utf8).write(to: URL(fileURLWithPath: unregistered))
            TemporaryFile.register(unregistered)
            TemporaryFile.unregister(unregistered)
            TemporaryFile.removeRegistered()
            close(fd)
            let left = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            let stagedGone = !FileManager.default.fileExists(atPath: staged)
            try? FileManager.default.removeItem(atPath: directory)
            exit(left == [".state.tmp-done"] && stagedGone ? 0 : 1)
        }
    }

    @Test(arguments: [
        ("out.csv", ".", "out.csv"), ("dir/out.csv", "dir", "out.csv"), ("/out.csv", "/", "out.csv"),
        ("/var/lib/scoreimport/ielts.state", "/var/lib/scoreimport", "ielts.state"),
    ])
    func splitsPaths(path: String, directory: String, name: String) {
        let split = splitPath(path)
        #expect(split.directory == directory)
        #expect(split.name == name)
    }
}

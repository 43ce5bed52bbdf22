import Foundation
import Testing

@testable import ScoreKit

/// Temporary files hold personal data: private, removed when a signal stops the run, and removed by the next run
/// when a killed run left them, but never while a live run still uses them.
@Suite struct TemporaryFileTests {
    @Test func createsPrivateLockedFiles() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (fd, path) = try TemporaryFile.create(in: directory.path, prefix: TemporaryFile.prefix(beside: "out.csv"))
        defer {
            close(fd)
            unlink(path)
            TemporaryFile.unregister(path)
        }
        #expect(path.hasPrefix(directory.path + "/.scoreimport-out.csv-"))
        #expect(path.count == directory.path.count + "/.scoreimport-out.csv-XXXXXX".count)
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

    /// What a killed run left goes, whatever its destination was named; what a live run holds (in this process or
    /// another) stays, as does anything not named, made and kept as scoreimport makes its temporary files (the
    /// prefix, six letters after a dash, private, the user's own); a symbolic link is never followed.
    @Test func removeLeftoversRemovesOnlyWhatNobodyHolds() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func file(_ name: String, mode: Int = 0o600) throws -> String {
            let path = directory.appendingPathComponent(name).path
            try Data("personal data".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            return path
        }
        _ = try file(".scoreimport-ielts-2026-04-01.csv-Kx81Za")
        _ = try file(".scoreimport-ielts.state-a0B1c2")
        let folder = directory.appendingPathComponent(".scoreimport-photos-FOLDER")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        try Data("photo".utf8).write(to: folder.appendingPathComponent("0-26SB1.jpg"))
        let heldElsewhere = try file(".scoreimport-ielts-2026-04-02.csv-OTHERP")
        let holder = try LockHolder(heldElsewhere)
        let (fd, heldHere) = try TemporaryFile.create(
            in: directory.path, prefix: TemporaryFile.prefix(beside: "ielts-2026-04-03.csv"))
        defer {
            close(fd)
            TemporaryFile.unregister(heldHere)
        }
        _ = try file("ielts-2026-04-01.csv")
        _ = try file(".scoreimport-notes")
        _ = try file(".scoreimport-shared-AbCdEf", mode: 0o644)
        _ = try file(".out.csv.tmp-KILLED")
        let outside = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outside) }
        let target = outside.appendingPathComponent("precious").path
        try Data("keep".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent(".scoreimport-x.csv-LINKED").path, withDestinationPath: target)

        #expect(heldHere.hasPrefix(directory.path + "/.scoreimport-ielts-2026-04-03.csv-"))
        #expect(TemporaryFile.removeLeftovers(in: directory.path) == 3)
        #expect(
            entries(directory)
                == [
                    ".out.csv.tmp-KILLED", ".scoreimport-ielts-2026-04-02.csv-OTHERP", ".scoreimport-notes",
                    ".scoreimport-shared-AbCdEf", ".scoreimport-x.csv-LINKED",
                    heldHere.split(separator: "/").last.map(String.init) ?? "", "ielts-2026-04-01.csv",
                ].sorted())
        #expect(FileManager.default.contents(atPath: target) == Data("keep".utf8))

        // Once the other process is gone, its file is a leftover too; so are the names release 0.2.0 gave.
        holder.release()
        #expect(TemporaryFile.removeLeftovers(in: directory.path) == 1)
        #expect(!FileManager.default.fileExists(atPath: heldElsewhere))
        #expect(TemporaryFile.removeLeftovers(in: directory.path, prefix: ".out.csv.tmp-") == 1)
        #expect(TemporaryFile.removeLeftovers(in: directory.appendingPathComponent("missing").path) == 0)
    }

    /// A name too long for the prefix and the six letters is cut, so the temporary file can still be made.
    @Test func aLongNameIsCut() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let name = String(repeating: "é", count: 120) + ".csv"
        let (fd, path) = try TemporaryFile.create(in: directory.path, prefix: TemporaryFile.prefix(beside: name))
        defer {
            close(fd)
            unlink(path)
            TemporaryFile.unregister(path)
        }
        #expect(splitPath(path).name.utf8.count <= 255)
        #expect(splitPath(path).name.hasPrefix(".scoreimport-éé"))
    }

    /// What the signal handler calls: every registered file and folder goes, nothing else. Run in a child process,
    /// since it removes the registered files of the whole process.
    @Test func removeRegisteredRemovesEveryRegisteredFileAndFolder() async {
        await #expect(processExitsWith: .success) {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("scoreimport-test-registered-\(getpid())").path
            mkdir(directory, 0o700)
            let (fd, staged) = try TemporaryFile.create(in: directory, prefix: TemporaryFile.prefix(beside: "out.csv"))
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

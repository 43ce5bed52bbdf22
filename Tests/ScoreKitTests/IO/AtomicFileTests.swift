import Foundation
import Testing

@testable import ScoreKit

/// Outputs, the state file and photos are replaced whole or not at all, and are private afterwards.
@Suite struct AtomicFileTests {
    @Test func replacesTheFileWholeAndPrivately() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("ielts.state").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target)
        try AtomicFile.replace(target) { (fd, temporary) throws(IOError) in
            #expect(temporary.hasPrefix(directory.path + "/.scoreimport-ielts.state-"))
            try FileOutput.writeAll(fd, Array("new".utf8)[...], name: temporary)
        }
        #expect(FileManager.default.contents(atPath: target) == Data("new".utf8))
        #expect(try mode(target) == 0o600, "a file readable by others becomes private when replaced")
        #expect(entries(directory) == ["ielts.state"])
    }

    @Test func aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("ielts.state").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        let failure = IOError("write", path: "the disk", code: ENOSPC)
        let error = try #require(throws: IOError.self) {
            try AtomicFile.replace(target, prefix: ".custom") { (fd, temporary) throws(IOError) in
                #expect(temporary.hasPrefix(directory.path + "/.custom-"))
                try FileOutput.writeAll(fd, Array("half".utf8)[...], name: temporary)
                throw failure
            }
        }
        #expect(error == failure)
        #expect(FileManager.default.contents(atPath: target) == Data("old".utf8))
        #expect(entries(directory) == ["ielts.state"])
    }

    @Test func aFailedRenameSaysSoAndLeavesNoTemporaryFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("in-the-way")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        let error = try #require(throws: IOError.self) {
            try AtomicFile.replace(target.path) { (fd, name) throws(IOError) in
                try FileOutput.writeAll(fd, Array("new".utf8)[...], name: name)
            }
        }
        #expect(error.operation == AtomicFile.renameOperation)
        #expect(error.path == target.path)
        #expect(entries(directory) == ["in-the-way"])
    }

    @Test func aDirectoryThatDoesNotExistFailsBeforeWriting() throws {
        var wrote = false
        #expect(throws: IOError.self) {
            try AtomicFile.replace("/nonexistent-scoreimport-dir/out.csv") { (_, _) throws(IOError) in wrote = true }
        }
        #expect(!wrote)
    }
}

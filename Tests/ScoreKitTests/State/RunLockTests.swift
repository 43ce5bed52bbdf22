import Foundation
import Testing

@testable import ScoreKit

/// One run per state at a time: a second run stops at once (exit 75) instead of racing the first for the ledger.
@Suite struct RunLockTests {
    @Test func aSecondLockFailsAtOnceAndTheLockGoesWithItsHolder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("ielts.state").path
        do {
            let first = try RunLock(statePath: state)
            #expect(first.path == state + ".lock")
            #expect(try mode(first.path) == 0o600)
            let error = try #require(throws: StateError.self) { _ = try RunLock(statePath: state) }
            guard case .locked(let path) = error else {
                Issue.record("expected .locked, got \(error)")
                return
            }
            #expect(path == state + ".lock")
            #expect(error.exitCode == .temporaryFailure)
            #expect(
                error.description
                    == "another scoreimport run holds the lock \(state).lock; this run changed nothing "
                    + "(try again when it ends)")
            // Another state is another lock.
            _ = try RunLock(statePath: directory.appendingPathComponent("toefl.state").path)
        }
        // Released when the holder goes away (deinit), as when a run ends or dies.
        _ = try RunLock(statePath: state)
    }

    @Test func aLockHeldByAnotherProcessIsSeen() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("ielts.state").path
        let holder = try LockHolder(state + ".lock")
        #expect(throws: StateError.self) { _ = try RunLock(statePath: state) }
        holder.release()
        _ = try RunLock(statePath: state)
    }

    /// A state in a folder that does not exist names the folder (exit 73, as an output would), not its lock file.
    @Test func aMissingFolderIsNamed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("missing/ielts.state").path
        let error = try #require(throws: StateError.self) { _ = try RunLock(statePath: state) }
        #expect(error.exitCode == .cannotCreate)
        #expect(error.description.contains("the folder \(directory.path)/missing does not exist"))
        #expect(!error.description.contains(".lock"))
        // A file where the folder should be says the same.
        let file = directory.appendingPathComponent("afile")
        try Data().write(to: file)
        let notAFolder = try #require(throws: StateError.self) {
            _ = try RunLock(statePath: file.appendingPathComponent("ielts.state").path)
        }
        #expect(notAFolder.exitCode == .cannotCreate)
        #expect(notAFolder.description.contains("the folder \(file.path) does not exist or is not a folder"))
    }
}

import Foundation
import Testing

@testable import ScoreKit

/// A state path that is a symbolic link names its target, whether or not the target is there yet (a first run):
/// runs through the link and through the target take one lock, and the save writes the target, not the link.
@Suite struct StateTargetTests {
    /// A fresh folder, spelt with its symbolic links resolved (as the resolution returns it).
    final class Folder {
        let directory: URL
        let real: String
        init() throws {
            directory = try temporaryDirectory()
            real = directory.resolvingSymlinksInPath().path
        }
        deinit { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        func link(_ name: String, to destination: String) throws {
            try FileManager.default.createSymbolicLink(atPath: path(name), withDestinationPath: destination)
        }
        func isLink(_ name: String) throws -> Bool {
            try FileManager.default.attributesOfItem(atPath: path(name))[.type] as? FileAttributeType
                == .typeSymbolicLink
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        /// (link name, destination); a destination starting with `ABS/` is made absolute in the test's folder.
        var links: [(String, String)]
        var folders: [String] = []
        var files: [String] = []
        /// The path given, and what it resolves to, both in the test's folder.
        var given: String
        var target: String
    }

    @Test(arguments: [
        Case(
            testDescription: "a relative link to a missing file", links: [("c-link.state", "c.state")],
            given: "c-link.state", target: "c.state"),
        Case(
            testDescription: "an absolute link to a missing file", links: [("c-link.state", "ABS/c.state")],
            given: "c-link.state", target: "c.state"),
        Case(
            testDescription: "a chain of two links to a missing file",
            links: [("a.state", "b.state"), ("b.state", "ABS/c.state")], given: "a.state", target: "c.state"),
        Case(
            testDescription: "a relative link in a subfolder, relative to that subfolder",
            links: [("sub/c-link.state", "../var/c.state")], folders: ["sub", "var"], given: "sub/c-link.state",
            target: "var/c.state"),
        Case(
            testDescription: "a link through a linked folder",
            links: [("alias", "var"), ("c-link.state", "alias/c.state")],
            folders: ["var"], given: "c-link.state", target: "var/c.state"),
        Case(
            testDescription: "a link to an existing file", links: [("c-link.state", "c.state")], files: ["c.state"],
            given: "c-link.state", target: "c.state"),
        Case(
            testDescription: "a dangling link into a missing folder", links: [("c-link.state", "missing/c.state")],
            given: "c-link.state", target: "missing/c.state"),
        Case(testDescription: "no link", links: [], given: "c.state", target: "c.state"),
    ])
    func aLinkResolvesToItsTargetThereOrNot(_ test: Case) throws {
        let folder = try Folder()
        for name in test.folders {
            try FileManager.default.createDirectory(atPath: folder.path(name), withIntermediateDirectories: false)
        }
        for name in test.files { try Data().write(to: URL(fileURLWithPath: folder.path(name))) }
        for (name, destination) in test.links {
            let absolute = destination.hasPrefix("ABS/")
            try folder.link(name, to: absolute ? folder.path(String(destination.dropFirst(4))) : destination)
        }
        let resolved = try StateFile.target(of: folder.path(test.given))
        // A path that is no link comes back as given; a link's target with its folder resolved.
        #expect(resolved == (test.links.isEmpty ? folder.path(test.given) : folder.real + "/" + test.target))
    }

    @Test(arguments: [[("a.state", "a.state")], [("a.state", "b.state"), ("b.state", "a.state")]])
    func aLoopOfLinksIsAUsageErrorNamingThePathGiven(_ links: [(String, String)]) throws {
        let folder = try Folder()
        for (name, destination) in links { try folder.link(name, to: destination) }
        let error = try #require(throws: StateError.self) { try StateFile.target(of: folder.path("a.state")) }
        #expect(error.exitCode == .usage)
        #expect(
            error.description
                == "--state \(folder.path("a.state")) is a loop of symbolic links (more than 40 in a row), not a "
                + "state file: pass the path of a file (a missing one starts afresh)")
    }

    /// Forty links in a row are followed, as the kernel follows them.
    @Test func fortyLinksInARowAreFollowed() throws {
        let folder = try Folder()
        for index in 0..<40 { try folder.link("link\(index)", to: index == 39 ? "c.state" : "link\(index + 1)") }
        #expect(try StateFile.target(of: folder.path("link0")) == folder.real + "/c.state")
    }

    /// The first run through a link and a run given its target conflict (exit 75), in either order, and neither
    /// makes a lock beside the link.
    @Test func locksThroughTheLinkAndTheTargetConflict() throws {
        let folder = try Folder()
        try folder.link("c-link.state", to: "c.state")
        let target = folder.real + "/c.state"
        for (first, second) in [("c-link.state", "c.state"), ("c.state", "c-link.state")] {
            let held = try RunLock(statePath: try StateFile.target(of: folder.path(first)))
            #expect(held.path == target + ".lock")
            let error = try #require(throws: StateError.self) {
                _ = try RunLock(statePath: try StateFile.target(of: folder.path(second)))
            }
            #expect(error.exitCode == .temporaryFailure)
            #expect(error.description.contains("holds the lock \(target).lock;"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("c-link.state.lock")))
    }

    /// The first save through a link writes its target: the link stays a link, to a file that now exists, and the
    /// next run reads the state through it.
    @Test func theFirstSaveThroughALinkKeepsTheLink() throws {
        let folder = try Folder()
        try folder.link("c-link.state", to: "c.state")
        var state = try StateFile.load(path: try StateFile.target(of: folder.path("c-link.state")), service: .ielts)
        state.watermark = TimeWindow.parse("2026-11-22T02:00:00Z")
        try state.save()
        #expect(try folder.isLink("c-link.state"))
        #expect(try mode(folder.path("c.state")) == 0o600)
        let again = try StateFile.load(path: try StateFile.target(of: folder.path("c-link.state")), service: .ielts)
        #expect(again.watermark == state.watermark)
        #expect(entries(folder.directory) == ["c-link.state", "c.state"])
    }

    /// `--state LINK -o TARGET` on a first run: the output would be the state, which the run checks by the link's
    /// target because a dangling link has no device and inode to compare yet.
    @Test func anOutputOverAFirstRunsLinkTargetIsAUsageError() throws {
        let folder = try Folder()
        try folder.link("c-link.state", to: "c.state")
        var pipeline = ScorePipeline.Options(today: Records.date("2026-11-22"))
        pipeline.destination = .file(folder.path("c.state"))
        var configuration = ScheduledFetch.Configuration(
            service: .ielts, endpoint: "http://127.0.0.1:9", pipeline: pipeline)
        configuration.statePath = folder.path("c-link.state")
        let error = try #require(throws: UsageError.self) { try configuration.validate() }
        #expect(
            error.message
                == "--output (\(folder.path("c.state"))) and --state (\(folder.real)/c.state) are the same file: each "
                + "file a run writes needs a name of its own")
    }

    /// A dangling link into a folder that does not exist: the lock names the folder the link leads to (exit 73).
    @Test func aDanglingLinkIntoAMissingFolderNamesThatFolder() throws {
        let folder = try Folder()
        try folder.link("c-link.state", to: "missing/c.state")
        let error = try #require(throws: StateError.self) {
            _ = try RunLock(statePath: try StateFile.target(of: folder.path("c-link.state")))
        }
        #expect(error.exitCode == .cannotCreate)
        #expect(error.description.contains("the folder \(folder.real)/missing does not exist or is not a folder"))
    }
}

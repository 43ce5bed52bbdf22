import Foundation
import Testing

/// Locations of the repository's folders, found from this file's path (top-level folders are not resources).
enum Paths {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Fixtures")
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
    static let jsonTestSuite = shared.appendingPathComponent("data/JSONTestSuite/test_parsing")
}

/// `../shared`, beside the clone in CI and on developers' machines, absent in a fresh clone from a public host.
/// Tests that need it are skipped, with the reason shown, when it is absent; under `CI=true` it is required.
enum Shared {
    static let isPresent = FileManager.default.fileExists(atPath: Paths.jsonTestSuite.path)
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"
    /// Whether the check that `../shared` is there runs: always in CI, where its absence fails the run.
    static let isRequired = isPresent || isCI
    static let absence = Comment(rawValue: "../shared is absent (a fresh clone): JSONTestSuite tests skipped")
}

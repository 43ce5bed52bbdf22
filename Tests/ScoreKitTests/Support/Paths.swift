import Foundation

/// Locations of the repository's folders, found from this file's path (top-level folders are not resources).
enum Paths {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Fixtures")
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
    static let jsonTestSuite = shared.appendingPathComponent("data/JSONTestSuite/test_parsing")
}

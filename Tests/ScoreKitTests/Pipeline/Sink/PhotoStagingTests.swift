import Foundation
import Testing

@testable import ScoreKit

/// Photos are personal data: they wait in a private folder inside DIR and only the kept records' photos appear in
/// DIR, at commit, mode 0600.
@Suite struct PhotoStagingTests {
    static let jpeg = "/9j/4HNhbmRib3ggcGhvdG//2Q=="

    func photo(_ id: String) -> TestScore {
        var score = Records.score(id)
        score.photo = Self.jpeg
        return score
    }

    @Test func publishesOnlyTheKeptPhotosPrivatelyAndRemovesTheStagingFolder() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("photos")
        let staging = try PhotoStaging(directory: directory.path)
        #expect(try mode(directory.path) == 0o700, "DIR is created private")
        var scores = [photo("26SB1"), photo("26SB2"), photo("26SB3")]
        for index in scores.indices {
            #expect(try staging.stage(&scores[index], ordinal: index) == nil)
        }
        #expect(scores.map(\.photo) == ["26SB1.jpg", "26SB2.jpg", "26SB3.jpg"], "the column names the file")
        // Before commit DIR holds only the private staging folder.
        let before = entries(directory)
        #expect(before.count == 1 && before[0].hasPrefix(PhotoStaging.prefix))
        #expect(try mode(directory.appendingPathComponent(before[0]).path) == 0o700)

        try staging.publish(dropping: [1])
        #expect(entries(directory) == ["26SB1.jpg", "26SB3.jpg"])
        for name in ["26SB1.jpg", "26SB3.jpg"] {
            let path = directory.appendingPathComponent(name).path
            #expect(try mode(path) == 0o600)
            #expect(FileManager.default.contents(atPath: path) == Data(base64Encoded: Self.jpeg))
        }
    }

    @Test func aRunThatNeverCommitsLeavesDIRAsItWas() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("earlier".utf8).write(to: directory.appendingPathComponent("26SB9.jpg"))
        do {
            let staging = try PhotoStaging(directory: directory.path)
            var score = photo("26SB9")
            _ = try staging.stage(&score, ordinal: 0)
            #expect(entries(directory).count == 2)
        }
        #expect(entries(directory) == ["26SB9.jpg"])
        #expect(
            FileManager.default.contents(atPath: directory.appendingPathComponent("26SB9.jpg").path)
                == Data("earlier".utf8))
    }

    @Test(arguments: [
        ("../etc/x", jpeg, "photo not saved: the id is not letters and digits only"),
        ("", jpeg, "photo not saved: the id is not letters and digits only"),
        ("26SB4", "abc", "photo not saved: the photo data is not base64"),
    ])
    func aPhotoThatCannotBeSavedIsAWarningAndLeavesTheColumnEmpty(id: String, data: String, problem: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let staging = try PhotoStaging(directory: directory.path)
        var score = Records.score(id)
        score.photo = data
        #expect(try staging.stage(&score, ordinal: 0)?.description == problem)
        #expect(score.photo == "", "no base64 data reaches the output")
        try staging.publish(dropping: [])
        #expect(entries(directory) == [])
    }

    @Test func aRecordWithoutAPhotoIsLeftAlone() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let staging = try PhotoStaging(directory: directory.path)
        var score = Records.score("26SB5")
        #expect(try staging.stage(&score, ordinal: 0) == nil)
        #expect(score.photo == "")
        try staging.publish(dropping: [])
        #expect(entries(directory) == [])
    }
}

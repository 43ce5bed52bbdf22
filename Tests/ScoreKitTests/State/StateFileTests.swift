import Foundation
import Testing

@testable import ScoreKit

/// The state file is a stable format on disk: this release reads what 0.1.0 wrote (format 1) and its own format 2,
/// writes format 2 byte for byte as pinned here, privately, and refuses anything else without touching it.
@Suite struct StateFileTests {
    final class Folder {
        let directory: URL
        init() throws { directory = try temporaryDirectory() }
        deinit { try? FileManager.default.removeItem(at: directory) }
        var path: String { directory.appendingPathComponent("ielts.state").path }
        func write(_ text: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
        func text() throws -> String { try String(contentsOfFile: path, encoding: .utf8) }
    }

    @Test func readsFormatOneAsRelease010WroteIt() throws {
        let state = try StateFile.load(
            path: Paths.fixtures.appendingPathComponent("state/release-0.1.0-ielts.state").path, service: .ielts)
        #expect(state.watermark == TimeWindow.parse("2026-11-22T02:00:00Z"))
        #expect(state.ledger.entries.count == 9)
        #expect(
            state.ledger.entries["IELTS:26SB000007SAND007A"]
                == Ledger.Entry(fingerprint: "076e3b20fbd2cca8", status: .cancelled, seen: Records.date("2026-11-22")))
    }

    @Test func writesFormatTwoPrivatelyAndReadsItBack() throws {
        let folder = try Folder()
        let ledger = Ledger(entries: [
            "IELTS:26SB2": Ledger.Entry(
                fingerprint: "fedcba9876543210", status: .cancelled, seen: Records.date("2026-03-01")),
            "IELTS:26SB1": Ledger.Entry(
                fingerprint: "2:0123456789abcdef", status: .reported, seen: Records.date("2026-04-01")),
        ])
        let state = StateFile(
            path: folder.path, service: .ielts, watermark: TimeWindow.parse("2026-04-01T02:00:00Z"), ledger: ledger)
        try state.save()
        #expect(
            try folder.text() == """
                {"scoreimportState": "2", "service": "ielts", "watermark": "2026-04-01T02:00:00", "ledger": {
                  "IELTS:26SB1": ["2:0123456789abcdef", "R", "2026-04-01"],
                  "IELTS:26SB2": ["fedcba9876543210", "C", "2026-03-01"]
                }}

                """)
        #expect(try mode(folder.path) == 0o600)
        #expect(entries(folder.directory) == ["ielts.state"], "no temporary file left")
        let loaded = try StateFile.load(path: folder.path, service: .ielts)
        #expect(loaded.watermark == state.watermark)
        #expect(loaded.ledger.entries == ledger.entries)
    }

    @Test func aFormatOneFileIsWrittenBackAsFormatTwoWithItsFingerprints() throws {
        let folder = try Folder()
        try FileManager.default.copyItem(
            atPath: Paths.fixtures.appendingPathComponent("state/release-0.1.0-toefl.state").path, toPath: folder.path)
        let old = try StateFile.load(path: folder.path, service: .toefl)
        try old.save()
        #expect(try folder.text().hasPrefix(#"{"scoreimportState": "2", "service": "toefl""#))
        #expect(try StateFile.load(path: folder.path, service: .toefl).ledger.entries == old.ledger.entries)
    }

    @Test func aMissingFileIsAFirstRun() throws {
        let folder = try Folder()
        let state = try StateFile.load(path: folder.path, service: .ielts)
        #expect(state.watermark == nil)
        #expect(state.ledger.entries.isEmpty)
        #expect(entries(folder.directory) == [], "loading creates nothing")
    }

    @Test(arguments: [
        // (the file, what the message says)
        (
            #"{"scoreimportState": "3", "service": "ielts", "ledger": {}}"#,
            "state format 3 is newer than this release reads"
        ),
        (#"{"service": "ielts", "ledger": {}}"#, "not a scoreimport state file"),
        (#"{"scoreimportState": "2", "watermark": "last night"}"#, "watermark is not a time"),
        (#"{"scoreimportState": "2", "ledger": {"IELTS:A": ["2:0", "R"]}}"#, #"ledger entry "IELTS:A" is not"#),
        (
            #"{"scoreimportState": "2", "ledger": {"IELTS:A": ["2:0", "X", "2026-01-01"]}}"#,
            #"ledger entry "IELTS:A" is not"#
        ),
        (
            #"{"scoreimportState": "2", "ledger": {"IELTS:A": ["2:0", "R", "2026-02-30"]}}"#,
            #"ledger entry "IELTS:A" is not"#
        ),
        (
            #"{"scoreimportState": "2", "ledger": {"IELTS:A": ["2:0", "R", "2026-01-01", "x"]}}"#,
            #"ledger entry "IELTS:A" is not"#
        ),
        (#"{"scoreimportState": "2", "ledger": {"IELTS:A": [20, "R", "2026-01-01"]}}"#, "("),
        (#"{"scoreimportState": "2", "ledger": {"IELTS:A": "2:0"}}"#, "("),
        (#"{"scoreimportState": "2", "ledger": {"IELTS:A": [1,"#, "("),
        ("", "("),
        ("[]", "("),
    ])
    func refusesWhatItCannotTrustAndLeavesItUntouched(file: String, detail: String) throws {
        let folder = try Folder()
        try folder.write(file)
        let error = try #require(throws: StateError.self) { try StateFile.load(path: folder.path, service: .ielts) }
        #expect(error.exitCode == .dataError)
        #expect(error.description.hasPrefix("state file \(folder.path) is corrupt ("))
        #expect(error.description.contains(detail))
        #expect(error.description.contains("it was left untouched. To recover, move it aside (mv \(folder.path) "))
        #expect(try folder.text() == file)
        #expect(entries(folder.directory) == ["ielts.state"])
    }

    /// The other service's state is the wrong file, not a corrupt one: a usage error saying whose it is.
    @Test func theOtherServicesStateIsAUsageError() throws {
        let folder = try Folder()
        let file = #"{"scoreimportState": "2", "service": "toefl", "watermark": null, "ledger": {}}"#
        try folder.write(file)
        let error = try #require(throws: StateError.self) { try StateFile.load(path: folder.path, service: .ielts) }
        #expect(error.exitCode == .usage)
        #expect(
            error.description
                == "state file \(folder.path) belongs to fetch toefl, not fetch ielts: each service keeps its own "
                + "state (its own watermark and ledger). It was left untouched; pass the ielts state to --state, or a "
                + "new path for a first run")
        #expect(try folder.text() == file)
    }

    /// A state without a `"service"` member (edited by hand) belongs to the service its ledger keys name: the other
    /// service's keys are refused with the same message as a named mismatch, and the file is left as it was.
    @Test(arguments: [
        (TestFamily.ielts, #""TOEFL:2026000000000001": ["2:0123456789abcdef", "R", "2026-11-22"]"#, "toefl"),
        (.toefl, #""IELTS:26SB000001SAND001A": ["2:0123456789abcdef", "R", "2026-11-22"]"#, "ielts"),
    ])
    func aStateNamingNoServiceIsTheServiceItsLedgerKeysName(service: TestFamily, entry: String, stored: String)
        throws
    {
        let folder = try Folder()
        let file = #"{"scoreimportState": "2", "watermark": "2026-11-22T02:00:00", "ledger": {"# + entry + "}}"
        try folder.write(file)
        let error = try #require(throws: StateError.self) { try StateFile.load(path: folder.path, service: service) }
        #expect(error.exitCode == .usage)
        let named = StateError.otherService(path: folder.path, stored: stored, service: service.argument)
        #expect(error.description == named.description)
        #expect(error.description.hasPrefix("state file \(folder.path) belongs to fetch \(stored), not fetch "))
        #expect(try folder.text() == file)
        // Its own service reads it, and writes the member back.
        let own = try #require(TestFamily(argument: stored))
        let state = try StateFile.load(path: folder.path, service: own)
        #expect(state.ledger.entries.count == 1)
        try state.save()
        #expect(try folder.text().hasPrefix(#"{"scoreimportState": "2", "service": "\#(stored)""#))
    }

    /// With no service and no ledger entries there is nothing to mix up: either service adopts the state.
    @Test(arguments: TestFamily.allCases) func aStateNamingNoServiceWithAnEmptyLedgerIsAdopted(service: TestFamily)
        throws
    {
        let folder = try Folder()
        try folder.write(#"{"scoreimportState": "2", "watermark": "2026-11-22T02:00:00", "ledger": {}}"#)
        let state = try StateFile.load(path: folder.path, service: service)
        #expect(state.watermark == TimeWindow.parse("2026-11-22T02:00:00Z"))
        #expect(state.ledger.entries.isEmpty)
    }

    /// Keys of both services and no service: no release writes that, so it is corrupt, not either service's.
    @Test func aStateNamingNoServiceWithKeysOfBothIsCorrupt() throws {
        let folder = try Folder()
        try folder.write(
            #"{"scoreimportState": "2", "ledger": {"IELTS:A": ["2:0", "R", "2026-01-01"], "#
                + #""TOEFL:B": ["2:0", "R", "2026-01-01"]}}"#)
        let error = try #require(throws: StateError.self) { try StateFile.load(path: folder.path, service: .ielts) }
        #expect(error.exitCode == .dataError)
        #expect(error.description.contains("(it names no service, and its ledger holds both IELTS and TOEFL keys)"))
    }

    /// Release 0.1.0 wrote the service member: its states are refused by the other service by name. Without the
    /// member (edited by hand) the ledger keys decide the same way, and its own service still reads every entry.
    @Test(arguments: [(TestFamily.ielts, TestFamily.toefl, 9), (.toefl, .ielts, 6)])
    func release010StatesBelongToTheirServiceWithOrWithoutTheMember(own: TestFamily, other: TestFamily, count: Int)
        throws
    {
        let release = try String(
            contentsOf: Paths.fixtures.appendingPathComponent("state/release-0.1.0-\(own.argument).state"),
            encoding: .utf8)
        let member = #""service": "\#(own.argument)", "#
        #expect(release.hasPrefix(#"{"scoreimportState": "1", "# + member))
        for text in [release, release.replacingOccurrences(of: member, with: "")] {
            let folder = try Folder()
            try folder.write(text)
            let error = try #require(throws: StateError.self) { try StateFile.load(path: folder.path, service: other) }
            #expect(
                error.description
                    == StateError.otherService(path: folder.path, stored: own.argument, service: other.argument)
                    .description)
            #expect(try StateFile.load(path: folder.path, service: own).ledger.entries.count == count)
        }
    }

    /// A directory (or a FIFO) where the state should be is no state at all, and no first run either.
    @Test func aPathThatIsNoFileIsAUsageError() throws {
        let folder = try Folder()
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: false)
        let error = try #require(throws: StateError.self) { try StateFile.load(path: folder.path, service: .ielts) }
        #expect(error.exitCode == .usage)
        #expect(
            error.description
                == "--state \(folder.path) is a directory, not a state file: pass the path of a file (a missing one "
                + "starts afresh)")
        let fifo = folder.directory.appendingPathComponent("fifo.state").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let refused = try #require(throws: StateError.self) { try StateFile.checkPath(fifo) }
        #expect(refused.description.hasPrefix("--state \(fifo) is a FIFO, not a state file"))
    }
}

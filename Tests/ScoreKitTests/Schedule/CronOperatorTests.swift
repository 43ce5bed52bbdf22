import Foundation
import Testing

/// What a cron operator meets running the built binary against the sandbox: options that cannot work together,
/// a state that is not this run's, a window before the watermark. Each is refused before the first request (the
/// sandbox's request log stays empty), with the state, the output and the folder as they were.
@Suite(.serialized) struct CronOperatorTests {
    /// A working folder with the state and the outputs.
    final class Folder {
        let directory: URL

        init() throws { directory = try temporaryDirectory() }
        deinit { try? FileManager.default.removeItem(at: directory) }

        var state: String { path("ielts.state") }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        var names: [String] { entries(directory) }
        var stateBytes: Data? { FileManager.default.contents(atPath: state) }

        /// The watermark the state file holds.
        func watermark() throws -> String? {
            let object = try JSONSerialization.jsonObject(with: stateBytes ?? Data()) as? [String: Any]
            return object?["watermark"] as? String
        }

        /// `fetch ielts` against `sandbox` at `now`.
        func fetch(_ sandbox: Sandbox, _ extra: [String], now: String = "2026-11-22T02:00:00Z") throws
            -> BinaryRunner.Result
        {
            try BinaryRunner.run(
                ["fetch", "ielts", "--endpoint", sandbox.endpoint, "-t", "compact"] + extra,
                environment: Sandbox.ieltsEnvironment.merging(
                    ["SCOREIMPORT_NOW": now, "SCOREIMPORT_TODAY": String(now.prefix(10))]) { $1 })
        }
    }

    /// `--trf` asks for one result: with `--state` it would move the watermark to now and the next night would
    /// skip everything since the last window.
    @Test func aLookUpWithAStateIsAUsageErrorBeforeAnyRequest() throws {
        let folder = try Folder()
        let sandbox = try Sandbox()
        let result = try folder.fetch(
            sandbox, ["--state", folder.state, "--trf", "26SB000001SAND001A", "-o", folder.path("out.csv")])
        let log = sandbox.stop()
        #expect(result.status == 64, "\(result.stderrText)")
        #expect(result.stderrText.contains("error: --trf looks up one result and cannot run with --state"))
        #expect(log == [], "nothing was fetched")
        #expect(folder.names == [], "no state, no lock, no output")

        // Without --state the look-up works as before.
        let lookup = try Sandbox()
        let alone = try folder.fetch(lookup, ["--trf", "26SB000001SAND001A", "-o", folder.path("out.csv")])
        #expect(lookup.stop().count == 1)
        #expect(alone.status == 0, "\(alone.stderrText)")
        #expect(folder.names == ["out.csv"])
    }

    /// The watermark never moves back: an earlier window inside the overlap leaves it where it was; one wholly
    /// before it is a usage error naming it, not a "corrupt" state.
    @Test func anEarlierWindowNeverMovesTheWatermarkBack() throws {
        let folder = try Folder()
        let first = try Sandbox()
        let night = try folder.fetch(first, ["--state", folder.state, "-o", folder.path("1.csv")])
        _ = first.stop()
        #expect(night.status == 0, "\(night.stderrText)")
        #expect(try folder.watermark() == "2026-11-22T02:00:00")
        let before = folder.stateBytes

        let sandbox = try Sandbox()
        let old = try folder.fetch(
            sandbox,
            ["--state", folder.state, "-o", folder.path("2.csv"), "--since", "2026-01-01", "--until", "2026-02-01"])
        #expect(sandbox.stop() == [], "nothing was fetched")
        #expect(old.status == 64, "\(old.stderrText)")
        #expect(
            old.stderrText.contains(
                "error: --until (2026-02-01T00:00:00) is not after the state's watermark (2026-11-22T02:00:00) less "
                    + "the 48-hour overlap"))
        #expect(old.stderrText.contains("To fetch an earlier window again, run without --state"))
        #expect(!old.stderrText.contains("corrupt"))
        #expect(folder.stateBytes == before)
        #expect(!folder.names.contains("2.csv"))

        // Inside the overlap: fetched and delivered as the ledger says, and the watermark stays.
        let overlap = try Sandbox()
        let late = try folder.fetch(
            overlap,
            [
                "--state", folder.state, "-o", folder.path("3.csv"), "--since", "2026-11-20T12:00:00Z", "--until",
                "2026-11-21T12:00:00Z",
            ])
        #expect(overlap.stop().count == 1)
        #expect(late.status == 0, "\(late.stderrText)")
        #expect(late.stderrText.contains("records new 0, changed 0, cancelled 0"))
        #expect(try folder.watermark() == "2026-11-22T02:00:00")
    }

    /// A --since after the watermark would move the watermark past results no window asked for: refused before
    /// any request, the state as it was.
    @Test func aSinceAfterTheWatermarkIsRefusedBeforeAnyRequest() throws {
        let folder = try Folder()
        let first = try Sandbox()
        #expect(try folder.fetch(first, ["--state", folder.state, "-o", folder.path("1.csv")]).status == 0)
        _ = first.stop()
        let before = folder.stateBytes
        let sandbox = try Sandbox()
        let gap = try folder.fetch(
            sandbox, ["--state", folder.state, "-o", folder.path("2.csv"), "--since", "2026-11-23"],
            now: "2026-11-24T02:00:00Z")
        #expect(sandbox.stop() == [], "nothing was fetched")
        #expect(gap.status == 64, "\(gap.stderrText)")
        #expect(
            gap.stderrText.contains(
                "error: --since (2026-11-23T00:00:00) is after the state's watermark (2026-11-22T02:00:00): the "
                    + "results released between would never be delivered"))
        #expect(folder.stateBytes == before)
        #expect(!folder.names.contains("2.csv"))
    }

    /// A watermark later than now (the clock went back) is its own error, exit 78, with nothing fetched and the
    /// state as it was; `--since` fetches from there and sets the watermark to now.
    @Test func aWatermarkLaterThanNowIsExit78UntilSinceIsGiven() throws {
        let folder = try Folder()
        let first = try Sandbox()
        _ = try folder.fetch(first, ["--state", folder.state, "-o", folder.path("1.csv")])
        _ = first.stop()
        let before = folder.stateBytes

        let sandbox = try Sandbox()
        let back = try folder.fetch(
            sandbox, ["--state", folder.state, "-o", folder.path("2.csv")], now: "2026-11-01T02:00:00Z")
        #expect(sandbox.stop() == [], "nothing was fetched")
        #expect(back.status == 78, "\(back.stderrText)")
        #expect(
            back.stderrText.contains(
                "error: the watermark of state file \(folder.state), 2026-11-22T02:00:00, is later than now "
                    + "(2026-11-01T02:00:00): this machine's clock went back"))
        #expect(!back.stderrText.contains("corrupt") && !back.stderrText.contains(".bad"))
        #expect(folder.stateBytes == before)
        #expect(!folder.names.contains("2.csv"))

        let recovery = try Sandbox()
        let again = try folder.fetch(
            recovery, ["--state", folder.state, "-o", folder.path("3.csv"), "--since", "2026-10-25"],
            now: "2026-11-01T02:00:00Z")
        _ = recovery.stop()
        #expect(again.status == 0, "\(again.stderrText)")
        #expect(again.stderrText.contains("note: the state's watermark 2026-11-22T02:00:00 is later than now"))
        #expect(try folder.watermark() == "2026-11-01T02:00:00")
    }

    /// The TOEFL state given to an IELTS run (named so, or only by its ledger keys), or a directory given as the
    /// state: usage errors that say what is wrong, before the lock is made or anything fetched, the state left as
    /// it was.
    @Test func theWrongStateIsAUsageErrorThatSaysWhy() throws {
        let folder = try Folder()
        let toefl = try Sandbox()
        let night = try BinaryRunner.run(
            [
                "fetch", "toefl", "--endpoint", toefl.endpoint, "--state", folder.path("toefl.state"), "-o",
                folder.path("toefl.csv"),
            ],
            environment: Sandbox.toeflEnvironment.merging(["SCOREIMPORT_NOW": "2026-11-22T02:00:00Z"]) { $1 })
        _ = toefl.stop()
        #expect(night.status == 0, "\(night.stderrText)")
        let before = FileManager.default.contents(atPath: folder.path("toefl.state"))

        let sandbox = try Sandbox()
        let wrong = try folder.fetch(sandbox, ["--state", folder.path("toefl.state"), "-o", folder.path("ielts.csv")])
        #expect(sandbox.stop() == [])
        #expect(wrong.status == 64, "\(wrong.stderrText)")
        #expect(
            wrong.stderrText.contains(
                "error: state file \(folder.path("toefl.state")) belongs to fetch toefl, not fetch ielts"))
        #expect(!wrong.stderrText.contains("corrupt") && !wrong.stderrText.contains("mv "))
        #expect(FileManager.default.contents(atPath: folder.path("toefl.state")) == before)
        #expect(!folder.names.contains("ielts.csv"))

        // Without its "service" member the TOEFL state is still TOEFL's: its ledger keys say so.
        let edited = try String(contentsOfFile: folder.path("toefl.state"), encoding: .utf8)
            .replacingOccurrences(of: #""service": "toefl", "#, with: "")
        #expect(!edited.contains(#""service""#) && edited.contains(#""TOEFL:"#))
        try Data(edited.utf8).write(to: URL(fileURLWithPath: folder.path("toefl.state")))
        let unnamed = try Sandbox()
        let adopted = try folder.fetch(
            unnamed, ["--state", folder.path("toefl.state"), "-o", folder.path("ielts.csv")])
        #expect(unnamed.stop() == [])
        #expect(adopted.status == 64, "\(adopted.stderrText)")
        #expect(
            adopted.stderrText.contains(
                "error: state file \(folder.path("toefl.state")) belongs to fetch toefl, not fetch ielts"))
        #expect(try String(contentsOfFile: folder.path("toefl.state"), encoding: .utf8) == edited)
        #expect(!folder.names.contains("ielts.csv"))

        try FileManager.default.createDirectory(atPath: folder.path("states"), withIntermediateDirectories: false)
        let again = try Sandbox()
        let directory = try folder.fetch(again, ["--state", folder.path("states"), "-o", folder.path("ielts.csv")])
        #expect(again.stop() == [])
        #expect(directory.status == 64, "\(directory.stderrText)")
        #expect(
            directory.stderrText.contains("error: --state \(folder.path("states")) is a directory, not a file"))
        #expect(!folder.names.contains("states.lock"), "no lock made beside it")
    }

    /// What cannot be written or read fails before the first request (token requests included): the sink, the
    /// review file and the applicants are set up when the pipeline starts, before it asks for a page.
    @Test(arguments: [
        (["-o", "/nonexistent/x.csv"], Int32(73), "cannot create /nonexistent/x.csv"),
        (["-o", "/nonexistent/x.csv", "--auth", "token"], 73, "cannot create /nonexistent/x.csv"),
        (["--applicants", "missing.csv", "-o", "out.csv"], 66, "missing.csv: no such file"),
        (["--applicants", "missing.csv", "-o", "out.csv", "--auth", "token"], 66, "missing.csv: no such file"),
        (["--applicants", "app.csv", "--review", "/nonexistent/r.csv", "-o", "out.csv"], 73, "/nonexistent/r.csv"),
        (["--policy", "missing.json", "-o", "out.csv"], 66, "missing.json: no such policy file"),
        (["--photos", "/nonexistent/photos", "-o", "out.csv"], 73, "cannot create /nonexistent/photos"),
    ])
    func whatCannotBeWrittenOrReadFailsBeforeTheFirstRequest(extra: [String], status: Int32, message: String) throws {
        let folder = try Folder()
        try Data("applicantId,familyName\r\nA1,Nobody\r\n".utf8).write(to: URL(fileURLWithPath: folder.path("app.csv")))
        for state in [[], ["--state", folder.state]] {
            let sandbox = try Sandbox()
            let result = try BinaryRunner.run(
                ["fetch", "ielts", "--endpoint", sandbox.endpoint, "--since", "2026-11-01"] + state + extra,
                in: folder.directory, environment: Sandbox.ieltsEnvironment)
            #expect(sandbox.stop() == [], "no request, not even for a token")
            #expect(result.status == status, "\(state) \(extra): \(result.stderrText)")
            #expect(result.stderrText.contains(message), "\(result.stderrText)")
            #expect(folder.stateBytes == nil)
            #expect(!folder.names.contains("out.csv"))
        }
    }

    /// A second run on a day whose file name has only the date: the file there holds records the ledger marked
    /// delivered, so it is never replaced (exit 73, the state as it was). Refused before the first request when the
    /// file would be written whatever comes; with `--skip-empty` only if there is something to write.
    @Test func aFileOfDeliveredRecordsIsNeverReplaced() throws {
        let folder = try Folder()
        let output = folder.path("ielts-2026-11-22.csv")
        let first = try Sandbox()
        let night = try folder.fetch(first, ["--state", folder.state, "--since", "2026-11-01", "-o", output])
        _ = first.stop()
        #expect(night.status == 0, "\(night.stderrText)")
        let delivered = try #require(FileManager.default.contents(atPath: output))
        let state = folder.stateBytes

        let again = try Sandbox()
        let second = try folder.fetch(again, ["--state", folder.state, "-o", output])
        #expect(again.stop() == [], "nothing was fetched")
        #expect(second.status == 73, "\(second.stderrText)")
        #expect(
            second.stderrText.contains(
                "error: --output \(output) already exists and is not empty: with --state its records are marked "
                    + "delivered"))
        #expect(folder.stateBytes == state)
        #expect(FileManager.default.contents(atPath: output) == delivered)
        // Nothing new: --skip-empty writes nothing, so nothing is replaced and the run succeeds.
        let quiet = try Sandbox()
        let skipped = try folder.fetch(quiet, ["--state", folder.state, "--skip-empty", "-o", output])
        _ = quiet.stop()
        #expect(skipped.status == 0, "\(skipped.stderrText)")
        // Something to write (--full delivers the window again): refused at commit, the state as it was.
        let stateBefore = folder.stateBytes
        let full = try Sandbox()
        let refused = try folder.fetch(full, ["--state", folder.state, "--skip-empty", "--full", "-o", output])
        _ = full.stop()
        #expect(refused.status == 73, "\(refused.stderrText)")
        #expect(folder.stateBytes == stateBefore)
        #expect(FileManager.default.contents(atPath: output) == delivered)
        #expect(folder.names.allSatisfy { !$0.hasPrefix(".") }, "no staging file left: \(folder.names)")
        // Without --state nothing is marked delivered: the file is replaced as any output is.
        let plain = try Sandbox()
        let replaced = try folder.fetch(plain, ["--since", "2026-11-01", "-o", output])
        _ = plain.stop()
        #expect(replaced.status == 0, "\(replaced.stderrText)")
    }
}

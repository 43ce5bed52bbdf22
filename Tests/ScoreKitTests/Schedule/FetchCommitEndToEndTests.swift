import Foundation
import Testing

/// What a nightly `fetch` leaves when it does not succeed, with the built binary against the sandbox: nothing a user
/// can see (no output, no photo), no temporary file anywhere (beside the output, in the photo folder, in TMPDIR),
/// and the state as it was, so the next run fetches the same window again.
@Suite(.serialized) struct FetchCommitEndToEndTests {
    /// Private folders for one test: the sandbox's data, the output, the photos, the state and TMPDIR.
    final class Workspace {
        let root: URL
        var data: URL { root.appendingPathComponent("data") }
        var out: URL { root.appendingPathComponent("out") }
        var photos: URL { root.appendingPathComponent("photos") }
        var stateDirectory: URL { root.appendingPathComponent("state") }
        var review: URL { root.appendingPathComponent("review") }
        var problems: URL { root.appendingPathComponent("problems") }
        var tmp: URL { root.appendingPathComponent("tmp") }
        var applicants: String { root.appendingPathComponent("applicants.csv").path }
        var state: String { stateDirectory.appendingPathComponent("ielts.state").path }
        func output(_ name: String = "scores.csv") -> String { out.appendingPathComponent(name).path }

        /// The sandbox's results, with `change` applied.
        init(_ change: (inout [[String: Any]]) -> Void = { _ in }) throws {
            root = try temporaryDirectory()
            for folder in [data, out, photos, stateDirectory, review, problems, tmp] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            }
            try Data("applicantId,familyName,firstName\r\nA1,Nobody,Here\r\n".utf8).write(
                to: URL(fileURLWithPath: applicants))
            var results = try Records.sandboxIELTS()
            change(&results)
            try Records.write(ielts: results, to: data.appendingPathComponent("ielts-results.json"))
            try FileManager.default.copyItem(
                at: Paths.fixtures.appendingPathComponent("sandbox/toefl-scores.json"),
                to: data.appendingPathComponent("toefl-scores.json"))
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func sandbox(_ arguments: [String] = []) throws -> Sandbox {
            try Sandbox(["--data", data.path] + arguments)
        }

        var environment: [String: String] {
            Sandbox.ieltsEnvironment.merging(
                ["TMPDIR": tmp.path, "SCOREIMPORT_NOW": "2026-11-22T02:00:00Z", "SCOREIMPORT_TODAY": "2026-11-22"]
            ) { $1 }
        }

        func arguments(_ sandbox: Sandbox, _ extra: [String]) -> [String] {
            ["fetch", "ielts", "--endpoint", sandbox.endpoint, "-t", "compact"] + extra
        }

        func run(_ sandbox: Sandbox, _ extra: [String]) throws -> BinaryRunner.Result {
            try BinaryRunner.run(arguments(sandbox, extra), environment: environment)
        }

        /// Runs the binary through `sh -c 'exec BINARY ARGS <redirection>'`: stdout closed or full.
        func run(_ sandbox: Sandbox, _ extra: [String], stdout redirection: String) throws -> BinaryRunner.Result {
            let result = try Tool.capture(
                URL(fileURLWithPath: "/bin/sh"),
                ["-c", "exec \"$0\" \"$@\" \(redirection)", BinaryRunner.binary.path] + arguments(sandbox, extra),
                environment: BinaryRunner.baseEnvironment.merging(environment) { $1 })
            return BinaryRunner.Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
        }

        /// A first, successful night, so a state exists; returns its bytes.
        func firstNight() throws -> Data {
            let sandbox = try self.sandbox()
            let result = try run(
                sandbox, ["--state", state, "-o", output("night1.csv"), "--since", "2026-11-01"])
            _ = sandbox.stop()
            guard result.status == 0, let bytes = FileManager.default.contents(atPath: state) else {
                throw Tool.Failed(description: "first night failed: \(result.stderrText)")
            }
            return bytes
        }

        /// Every temporary name left anywhere the run writes: hidden names beside the output, the review and
        /// problems files, the photos and the state, and anything at all in TMPDIR.
        var temporaryFiles: [String] {
            [out, review, problems, photos, stateDirectory].flatMap { folder in
                entries(folder).filter { $0.hasPrefix(".") }.map { "\(folder.lastPathComponent)/\($0)" }
            } + entries(tmp).map { "tmp/\($0)" }
        }
    }

    /// A state reached through a symbolic link is the same state: a run through the link waits for the lock of its
    /// target (exit 75 while another run holds it), and a run that delivers saves the target, leaving the link.
    /// On a first run the target is not there yet (a relative link to it), and it is still the target's lock.
    @Test(arguments: [true, false]) func aStateThroughASymbolicLinkSharesItsLockAndStaysALink(targetExists: Bool)
        throws
    {
        let space = try Workspace()
        if targetExists { _ = try space.firstNight() }
        let link = space.stateDirectory.appendingPathComponent("current.state").path
        try FileManager.default.createSymbolicLink(
            atPath: link, withDestinationPath: targetExists ? space.state : "ielts.state")
        let sandbox = try space.sandbox()
        defer { _ = sandbox.stop() }
        do {
            let holder = try LockHolder(space.state + ".lock")
            defer { holder.release() }
            let locked = try space.run(sandbox, ["--state", link, "-o", space.output("locked.csv")])
            #expect(locked.status == 75, "\(locked.stderrText)")
            #expect(locked.stderrText.contains("holds the lock \(space.state).lock;"), "\(locked.stderrText)")
            #expect(FileManager.default.fileExists(atPath: space.state) == targetExists)
        }
        let night = try space.run(sandbox, ["--state", link, "-o", space.output("night2.csv"), "--full"])
        #expect(night.status == 0, "\(night.stderrText)")
        let attributes = try FileManager.default.attributesOfItem(atPath: link)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: link)
                == (targetExists ? space.state : "ielts.state"))
        #expect(try String(contentsOfFile: space.state, encoding: .utf8).hasPrefix(#"{"scoreimportState": "2""#))
        #expect(!FileManager.default.fileExists(atPath: link + ".lock"))
    }

    /// A first run's link into a folder that does not exist: exit 73 naming the folder the link leads to.
    @Test func aDanglingStateLinkIntoAMissingFolderIsExit73() throws {
        let space = try Workspace()
        let link = space.stateDirectory.appendingPathComponent("current.state").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "gone/ielts.state")
        let sandbox = try space.sandbox()
        let result = try space.run(sandbox, ["--state", link, "-o", space.output()])
        let log = sandbox.stop()
        #expect(result.status == 73, "\(result.stderrText)")
        let folder = space.stateDirectory.resolvingSymlinksInPath().appendingPathComponent("gone").path
        #expect(result.stderrText.contains("the folder \(folder) does not exist or is not a folder"))
        #expect(log == [], "nothing was fetched")
        #expect(entries(space.stateDirectory) == ["current.state"])
    }

    @Test func strictWithAWarningLeavesThePhotoFolderEmpty() throws {
        let space = try Workspace { results in results[1]["writingScore"] = "6.25" }
        let sandbox = try space.sandbox()
        defer { _ = sandbox.stop() }
        let window = ["--since", "2026-01-01", "--until", "2026-11-22"]
        let refused = try space.run(
            sandbox, ["--photos", space.photos.path, "--strict", "-o", space.output(), "--state", space.state] + window)
        #expect(refused.status == 1, "\(refused.stderrText)")
        #expect(refused.stderrText.contains("26SB000002SAND002A): writingScore 6.25 is not a step of the 0-9 scale"))
        #expect(refused.stderrText.contains("error: --strict: 1 warning(s); nothing was written"))
        #expect(entries(space.photos) == [])
        #expect(entries(space.out) == [])
        #expect(space.temporaryFiles == [])
        #expect(!FileManager.default.fileExists(atPath: space.state), "the state does not move either")

        // The same run without --strict delivers, photos included: the folder above was empty for a reason.
        let delivered = try space.run(sandbox, ["--photos", space.photos.path, "-o", space.output()] + window)
        #expect(delivered.status == 0, "\(delivered.stderrText)")
        #expect(entries(space.photos) == ["26SB000001SAND001A.jpg", "26SB000005SAND005A.jpg"])
        #expect(space.temporaryFiles == [])
    }

    @Test func aFetchWhoseSecondPageFailsLeavesNothingAndKeepsTheState() throws {
        let space = try Workspace()
        let before = try space.firstNight()
        // Pages of one record: the first page (holding a result with a photo) is answered, the second fails.
        let sandbox = try space.sandbox(["--fault", "none:1", "--fault", "500"])
        let result = try space.run(
            sandbox,
            [
                "--limit", "1", "--max-retries", "0", "--photos", space.photos.path, "-o", space.output(), "--state",
                space.state, "--since", "2026-01-01", "--until", "2026-11-22",
            ])
        let log = sandbox.stop()
        #expect(result.status == 69, "\(result.stderrText)")
        #expect(log.count == 2)
        #expect(log.first?.contains("page=1&limit=1&photoFlag=Y -> 200 (1 records)") == true, "\(log)")
        #expect(log.last?.contains("page=2&limit=1&photoFlag=Y -> 500") == true, "\(log)")
        #expect(result.stderrText.contains("the state was left as it was: the next run fetches this window again"))
        #expect(entries(space.photos) == [])
        #expect(!FileManager.default.fileExists(atPath: space.output()))
        #expect(space.temporaryFiles == [])
        #expect(FileManager.default.contents(atPath: space.state) == before)
    }

    /// `fetch ... >&-` in a crontab: the table would be lost, so the run stops before fetching anything (exit 74).
    @Test func aClosedStandardOutputIsExit74AndTheStateDoesNotMove() throws {
        let space = try Workspace()
        let before = try space.firstNight()
        let sandbox = try space.sandbox()
        let result = try space.run(sandbox, ["--state", space.state], stdout: ">&-")
        let log = sandbox.stop()
        #expect(result.status == 74, "\(result.stderrText)")
        #expect(result.stderrText.contains("standard output (it was closed; pass -o FILE)"))
        #expect(log == [], "nothing was fetched")
        #expect(FileManager.default.contents(atPath: space.state) == before)
        #expect(space.temporaryFiles == [])
    }

    /// A full disk behind stdout: exit 74, and neither the state nor the photos move.
    @Test func aFullStandardOutputIsExit74AndNothingMoves() throws {
        let space = try Workspace()
        let before = try space.firstNight()
        let sandbox = try space.sandbox()
        let result = try space.run(
            sandbox, ["--state", space.state, "--photos", space.photos.path, "--since", "2026-01-01"],
            stdout: ">/dev/full")
        _ = sandbox.stop()
        #expect(result.status == 74, "\(result.stderrText)")
        #expect(result.stderrText.contains("standard output"))
        #expect(FileManager.default.contents(atPath: space.state) == before)
        #expect(entries(space.photos) == [], "a run that failed leaves no photo")
        #expect(space.temporaryFiles == [])
    }

    /// Starts a fetch whose first answer takes 30 seconds, writing `output` with `extra` options, and waits until it
    /// has staged its output and photos.
    func startSlowFetch(
        _ space: Workspace, _ sandbox: Sandbox, output: String = "scores.csv", extra: [String] = [],
        underNohup: Bool = false
    ) throws -> Process {
        let process = Process()
        let arguments = space.arguments(
            sandbox,
            [
                "-o", space.output(output), "--state", space.state, "--photos", space.photos.path, "--since",
                "2026-01-01", "--timeout", "60",
            ] + extra)
        if underNohup {
            // As nohup does: SIGHUP ignored, then the program started in the same process.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "trap '' HUP; exec \"$0\" \"$@\"", BinaryRunner.binary.path] + arguments
        } else {
            process.executableURL = BinaryRunner.binary
            process.arguments = arguments
        }
        process.environment = BinaryRunner.baseEnvironment.merging(space.environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let staged = entries(space.out).contains { $0.hasPrefix(".scoreimport-\(output)-") }
            if staged && entries(space.photos).contains(where: { $0.hasPrefix(".scoreimport-photos-") }) {
                return process
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGKILL)
        throw Tool.Failed(description: "the fetch never staged its output")
    }

    /// Sends SIGTERM, waits for the process and returns what it wrote on stderr.
    func stop(_ process: Process, with signal: Int32 = SIGTERM) -> String {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return String(
            decoding: (process.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data(),
            as: UTF8.self)
    }

    /// Under --log-format json every stderr line is a JSON object, the one the signal leaves included; the notes
    /// written before the signal are there (a killed cron run's log says what it was doing).
    @Test func sigtermUnderJSONLogsLeavesJSONLines() throws {
        let space = try Workspace()
        _ = try space.firstNight()
        let slow = try space.sandbox(["--fault", "slow", "--slow-seconds", "30"])
        let process = try startSlowFetch(space, slow, extra: ["--log-format", "json"])
        let stderr = stop(process)
        _ = slow.stop()
        #expect(process.terminationStatus == 143)
        let lines = stderr.split(separator: "\n").map(String.init)
        let objects = lines.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
        }
        #expect(objects.count == lines.count, "\(stderr)")
        #expect(objects.contains { $0["message"]?.hasPrefix("fetching IELTS results") == true })
        #expect(objects.last?["message"] == "stopped by SIGTERM; temporary files removed")
    }

    /// SIGTERM (a stopped service), SIGINT (Ctrl-C) and SIGHUP (the SSH session of a manual run went away).
    @Test(arguments: [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT"), (SIGHUP, "SIGHUP")])
    func aSignalDuringASlowFetchIsHandledAndRemovesItsTemporaryFiles(signal: Int32, name: String) throws {
        let space = try Workspace()
        let before = try space.firstNight()
        let slow = try space.sandbox(["--fault", "slow", "--slow-seconds", "30"])
        let process = try startSlowFetch(space, slow)
        let stderr = stop(process, with: signal)
        _ = slow.stop()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + signal)
        #expect(stderr.contains("scoreimport: stopped by \(name); temporary files removed"))
        #expect(space.temporaryFiles == [])
        #expect(entries(space.photos) == [])
        #expect(FileManager.default.contents(atPath: space.state) == before)

        // The lock went with the process: the next run succeeds.
        let healthy = try space.sandbox()
        defer { _ = healthy.stop() }
        let next = try space.run(
            healthy, ["-o", space.output(), "--state", space.state, "--photos", space.photos.path])
        #expect(next.status == 0, "\(next.stderrText)")
        #expect(space.temporaryFiles == [])
    }

    /// A run started under `nohup` (SIGHUP ignored by its parent) keeps ignoring it: it is still running after
    /// one, and a SIGTERM then stops it as usual.
    @Test func aSIGHUPIgnoredByTheParentStaysIgnored() throws {
        let space = try Workspace()
        _ = try space.firstNight()
        let slow = try space.sandbox(["--fault", "slow", "--slow-seconds", "30"])
        let process = try startSlowFetch(space, slow, underNohup: true)
        kill(process.processIdentifier, SIGHUP)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(process.isRunning)
        let stderr = stop(process)
        _ = slow.stop()
        #expect(process.terminationStatus == 143)
        #expect(stderr.contains("stopped by SIGTERM"))
        #expect(space.temporaryFiles == [])
    }

    /// SIGKILL cannot be caught: the run leaves its staging files (output, review, problems) and photo folder. The
    /// README's cron line names each night's files by date, so the next night writes other names: it still sees
    /// that nobody holds them and removes them, in every folder it writes to, before it starts.
    @Test func theNextNightRemovesWhatAKilledRunLeftWhateverItsNames() throws {
        let space = try Workspace()
        _ = try space.firstNight()
        func night(_ day: String) -> [String] {
            [
                "--applicants", space.applicants, "--review",
                space.review.appendingPathComponent("ielts-review-\(day).csv").path, "--problems",
                space.problems.appendingPathComponent("problems-\(day).csv").path,
            ]
        }
        let slow = try space.sandbox(["--fault", "slow", "--slow-seconds", "30"])
        let process = try startSlowFetch(space, slow, output: "ielts-2026-11-21.csv", extra: night("2026-11-21"))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        _ = slow.stop()
        let left = space.temporaryFiles
        #expect(left.count == 4, "\(left)")
        for prefix in [
            "out/.scoreimport-ielts-2026-11-21.csv-", "review/.scoreimport-ielts-review-2026-11-21.csv-",
            "problems/.scoreimport-problems-2026-11-21.csv-", "photos/.scoreimport-photos-",
        ] {
            #expect(left.contains { $0.hasPrefix(prefix) }, "\(prefix): \(left)")
        }

        let healthy = try space.sandbox()
        defer { _ = healthy.stop() }
        let next = try space.run(
            healthy,
            ["-o", space.output("ielts-2026-11-22.csv"), "--state", space.state, "--photos", space.photos.path]
                + night("2026-11-22"))
        #expect(next.status == 0, "\(next.stderrText)")
        #expect(next.stderrText.contains("note: removed 4 temporary file(s) an earlier run left when it was stopped"))
        #expect(space.temporaryFiles == [])
        #expect(FileManager.default.fileExists(atPath: space.output("ielts-2026-11-22.csv")))
    }

    /// A run still going holds its files: a convert writing to the same folders meanwhile leaves them alone, and
    /// the fetch finishes as if nothing happened.
    @Test func aLiveRunsFilesAreNeverTouched() throws {
        let space = try Workspace()
        _ = try space.firstNight()
        let slow = try space.sandbox(["--fault", "slow:1", "--slow-seconds", "3"])
        let process = try startSlowFetch(space, slow)
        let staged = space.temporaryFiles
        let convert = try BinaryRunner.run(
            [
                "convert", "-o", space.output("other.csv"), "--problems",
                space.photos.appendingPathComponent("problems.csv").path,
                Paths.fixtures.appendingPathComponent("cases/ielts-api-response/input.json").path,
            ], environment: space.environment)
        #expect(convert.status == 0, "\(convert.stderrText)")
        #expect(!convert.stderrText.contains("removed"))
        #expect(Set(space.temporaryFiles).isSuperset(of: staged), "the live run's files are all there")
        process.waitUntilExit()
        _ = slow.stop()
        #expect(process.terminationStatus == 0)
        #expect(space.temporaryFiles == [])
        #expect(FileManager.default.fileExists(atPath: space.output()))
    }
}

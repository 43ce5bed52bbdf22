import Testing

@testable import ScoreKit

/// The window a scheduled fetch asks for: from the options, else from the watermark minus the overlap, else two
/// years back; and the right kind of error when it cannot be.
@Suite struct FetchWindowTests {
    static func t(_ text: String) -> Int { TimeWindow.parse(text) ?? -1 }
    static let now = t("2026-04-02T02:00:00Z")
    static let twoYearsBack = now - 2 * 365 * 86_400 - 86_400
    static let firstRun =
        "no --since and no watermark yet: fetching every result still valid, two years back (as the service does "
        + "on a first fetch)"

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var since: Int?
        var until: Int?
        var overlap = 48
        var state: Int??
        var lookup = false
        var start: Int
        var end: Int
        /// The watermark the state keeps after the run (default: the window's end).
        var keeps: Int?
        var note: String?

        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(
            name: "since and until", since: t("2026-01-01"), until: t("2026-02-01"), start: t("2026-01-01"),
            end: t("2026-02-01")),
        Case(name: "since to now", since: t("2026-04-01T00:00:00Z"), start: t("2026-04-01T00:00:00Z"), end: now),
        Case(
            name: "since wins over the watermark", since: t("2026-03-01"), state: .some(t("2026-04-01T02:00:00Z")),
            start: t("2026-03-01"), end: now),
        Case(
            name: "watermark minus the overlap", state: .some(t("2026-04-01T02:00:00Z")),
            start: t("2026-03-30T02:00:00Z"), end: now),
        Case(
            name: "overlap 0", overlap: 0, state: .some(t("2026-04-01T02:00:00Z")), start: t("2026-04-01T02:00:00Z"),
            end: now),
        Case(
            name: "watermark with until", until: t("2026-04-01T12:00:00Z"), overlap: 2,
            state: .some(t("2026-04-01T02:00:00Z")), start: t("2026-04-01T00:00:00Z"), end: t("2026-04-01T12:00:00Z")),
        Case(
            name: "an earlier window inside the overlap keeps the watermark", since: t("2026-03-29"),
            until: t("2026-03-31"), state: .some(t("2026-04-01T02:00:00Z")), start: t("2026-03-29"),
            end: t("2026-03-31"), keeps: t("2026-04-01T02:00:00Z")),
        Case(
            name: "an until before the watermark keeps it", until: t("2026-04-01T00:00:00Z"),
            state: .some(t("2026-04-01T02:00:00Z")), start: t("2026-03-30T02:00:00Z"),
            end: t("2026-04-01T00:00:00Z"), keeps: t("2026-04-01T02:00:00Z")),
        Case(
            name: "an until after now moves the watermark to now only", until: t("2026-04-05"),
            state: .some(t("2026-04-01T02:00:00Z")), start: t("2026-03-30T02:00:00Z"), end: t("2026-04-05"),
            keeps: now),
        Case(
            name: "since resets a watermark later than now", since: t("2026-03-25"),
            state: .some(t("2026-04-10T00:00:00Z")), start: t("2026-03-25"), end: now, keeps: now,
            note: "the state's watermark 2026-04-10T00:00:00 is later than now: it is set to 2026-04-02T02:00:00 once "
                + "this window is delivered"),
        Case(name: "first run with a state", state: .some(nil), start: twoYearsBack, end: now, note: firstRun),
        Case(
            name: "no state, no since", start: twoYearsBack, end: now,
            note: "no --since: fetching every result still valid, two years back (as the service does on a first fetch)"
        ),
        Case(name: "a lookup says nothing of windows", lookup: true, start: twoYearsBack, end: now),
    ])
    func choosesTheWindow(_ c: Case) throws {
        let window = try FetchWindow.make(
            since: c.since, until: c.until, overlapHours: c.overlap,
            state: c.state.map { ("/var/lib/scoreimport/ielts.state", $0) }, now: Self.now, lookup: c.lookup)
        #expect(window.window == TimeWindow(start: c.start, end: c.end))
        #expect(window.watermark == c.keeps ?? c.end)
        #expect(window.note == c.note)
    }

    @Test(arguments: [
        (
            t("2026-02-01"), t("2026-02-01"),
            "--since (2026-02-01T00:00:00) must be before --until (2026-02-01T00:00:00)"
        ),
        (
            t("2026-03-01"), t("2026-02-01"),
            "--since (2026-03-01T00:00:00) must be before --until (2026-02-01T00:00:00)"
        ),
        (t("2026-05-01"), nil, "--since (2026-05-01T00:00:00) must be before now (2026-04-02T02:00:00)"),
    ])
    func aSinceNotBeforeTheEndIsAUsageError(since: Int, until: Int?, message: String) throws {
        let error = try #require(throws: UsageError.self) {
            _ = try FetchWindow.make(
                since: since, until: until, overlapHours: 48, state: nil, now: Self.now, lookup: false)
        }
        #expect(error.message == message)
        #expect(error.exitCode == .usage)
    }

    /// A watermark after now (the clock went back, or the file was copied from a machine whose clock was ahead) is
    /// its own error (exit 78): not a corrupt state to move aside, nor a usage error about options never passed.
    @Test(arguments: [t("2026-04-10T00:00:00Z"), now + 3600, now + 1])
    func aWatermarkLaterThanNowIsItsOwnError(watermark: Int) throws {
        let error = try #require(throws: StateError.self) {
            _ = try FetchWindow.make(
                since: nil, until: nil, overlapHours: 48, state: ("/var/lib/scoreimport/ielts.state", watermark),
                now: Self.now, lookup: false)
        }
        #expect(error.exitCode == .configuration)
        #expect(error.exitCode.rawValue == 78)
        #expect(
            error.description.hasPrefix(
                "the watermark of state file /var/lib/scoreimport/ielts.state, \(TimeWindow.format(watermark)), is "
                    + "later than now (2026-04-02T02:00:00): this machine's clock went back"))
        #expect(error.description.contains("run once with --since set to the last night that was delivered"))
        #expect(!error.description.contains("corrupt") && !error.description.contains("mv "))
    }

    /// With --state a run goes on from the watermark: a window wholly before it (less the overlap) would move
    /// nothing forward, so it is a usage error naming the watermark.
    @Test(arguments: [
        (t("2026-01-01"), t("2026-02-01")), (nil, t("2026-02-01")), (nil, t("2026-03-30T02:00:00Z")),
    ])
    func anUntilBeforeTheWatermarkIsAUsageError(since: Int?, until: Int) throws {
        let error = try #require(throws: UsageError.self) {
            _ = try FetchWindow.make(
                since: since, until: until, overlapHours: 48, state: ("s", Self.t("2026-04-01T02:00:00Z")),
                now: Self.now,
                lookup: false)
        }
        #expect(error.exitCode == .usage)
        #expect(
            error.message
                == "--until (\(TimeWindow.format(until))) is not after the state's watermark (2026-04-01T02:00:00) "
                + "less the 48-hour overlap: with --state a run goes on from where the last one ended. To fetch an "
                + "earlier window again, run without --state")
    }

    /// A --since after the watermark would leave a gap: the watermark moves past results no window asked for, and
    /// no later run fetches them.
    @Test(arguments: [t("2026-04-02"), t("2026-04-01T02:00:01Z")])
    func aSinceAfterTheWatermarkIsAUsageError(since: Int) throws {
        let error = try #require(throws: UsageError.self) {
            _ = try FetchWindow.make(
                since: since, until: nil, overlapHours: 48, state: ("s", Self.t("2026-04-01T02:00:00Z")),
                now: Self.now, lookup: false)
        }
        #expect(error.exitCode == .usage)
        #expect(
            error.message
                == "--since (\(TimeWindow.format(since))) is after the state's watermark (2026-04-01T02:00:00): the "
                + "results released between would never be delivered. Run without --since to go on from the "
                + "watermark, or give an earlier one")
        // At the watermark, or inside the overlap, nothing is skipped but what was asked.
        for start in [Self.t("2026-04-01T02:00:00Z"), Self.t("2026-03-31")] {
            let window = try FetchWindow.make(
                since: start, until: nil, overlapHours: 48, state: ("s", Self.t("2026-04-01T02:00:00Z")),
                now: Self.now, lookup: false)
            #expect(window.window.start == start)
        }
    }
}

/// The UTC window a scheduled fetch asks for, from the options and the state's watermark, and the watermark the
/// state keeps once the run has succeeded.
///
/// The watermark only moves forward: it becomes the later of the old one and the window's end (never past now),
/// so a run over an earlier window never makes the next night fetch, or deliver, again what it already had.
struct FetchWindow: Equatable {
    var window: TimeWindow
    /// What the state's watermark becomes when the run succeeds.
    var watermark: Int
    /// Something to tell the user about how the window was chosen.
    var note: String?

    /// - `since`/`until`: given on the command line; `until` defaults to now.
    /// - Without `since`, the window starts `overlapHours` before the watermark (late arrivals), or, on a first
    ///   run, two years back: everything the service still holds as valid.
    /// - With a watermark, an `until` at or before the watermark minus the overlap is a usage error (the window
    ///   lies wholly behind what was delivered), so is a `since` after the watermark
    ///   itself when the window ends past it (a gap no run would fetch), and a watermark later than now is a ``StateError/watermarkAhead``
    ///   unless `since` is given, which starts the window again from there and the watermark from its end.
    static func make(
        since: Int?, until: Int?, overlapHours: Int, state: (path: String, watermark: Int?)?, now: Int, lookup: Bool
    ) throws -> FetchWindow {
        let end = until ?? now
        if let since, since >= end {
            throw UsageError(
                "--since (\(TimeWindow.format(since))) must be before "
                    + "\(until == nil ? "now" : "--until") (\(TimeWindow.format(end)))", command: "fetch")
        }
        // Nothing can have been fetched past now: a later --until does not move the watermark past it.
        let reached = min(end, now)
        guard let state, let watermark = state.watermark else {
            if let since { return FetchWindow(window: TimeWindow(start: since, end: end), watermark: reached) }
            let start = end - 2 * 365 * 86_400 - 86_400
            return FetchWindow(
                window: TimeWindow(start: start, end: end), watermark: reached,
                note: lookup
                    ? nil
                    : "no --since\(state == nil ? "" : " and no watermark yet"): fetching every result still "
                        + "valid, two years back (as the service does on a first fetch)")
        }
        if watermark > now {
            guard let since else { throw StateError.watermarkAhead(path: state.path, watermark: watermark, now: now) }
            return FetchWindow(
                window: TimeWindow(start: since, end: end), watermark: reached,
                note: "the state's watermark \(TimeWindow.format(watermark)) is later than now: it is set to "
                    + "\(TimeWindow.format(reached)) once this window is delivered")
        }
        let start = watermark - overlapHours * 3600
        if let until, until <= start {
            throw UsageError(
                "--until (\(TimeWindow.format(until))) is not after the state's watermark "
                    + "(\(TimeWindow.format(watermark))) less the \(overlapHours)-hour overlap: with --state a run "
                    + "goes on from where the last one ended. To fetch an earlier window again, run without --state",
                command: "fetch")
        }
        if let since, since > watermark, reached > watermark {
            // The watermark would move past results no window asked for: no later run would fetch them. (A --since
            // inside the overlap gives up only its late arrivals, as asked; a window ending before the watermark
            // moves nothing.)
            throw UsageError(
                "--since (\(TimeWindow.format(since))) is after the state's watermark "
                    + "(\(TimeWindow.format(watermark))): the results released between would never be delivered. Run "
                    + "without --since to go on from the watermark, or give an earlier one", command: "fetch")
        }
        return FetchWindow(window: TimeWindow(start: since ?? start, end: end), watermark: max(watermark, reached))
    }
}

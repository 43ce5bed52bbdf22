/// The UTC window a scheduled fetch asks for, from the options and the state's watermark.
struct FetchWindow: Equatable {
    var window: TimeWindow
    /// Something to tell the user about how the window was chosen.
    var note: String?

    /// - `since`/`until`: given on the command line; `until` defaults to now.
    /// - Without `since`, the window starts `overlapHours` before the watermark (late arrivals), or, on a first
    ///   run, two years back: everything the service still holds as valid.
    static func make(
        since: Int?, until: Int?, overlapHours: Int, state: (path: String, watermark: Int?)?, now: Int, lookup: Bool
    ) throws -> FetchWindow {
        let end = until ?? now
        if let since {
            guard since < end else {
                throw UsageError(
                    "--since (\(TimeWindow.format(since))) must be before "
                        + "\(until == nil ? "now" : "--until") (\(TimeWindow.format(end)))", command: "fetch")
            }
            return FetchWindow(window: TimeWindow(start: since, end: end))
        }
        if let state, let watermark = state.watermark {
            let start = watermark - overlapHours * 3600
            guard start < end else {
                throw StateError.corrupt(
                    path: state.path,
                    detail: "its watermark \(TimeWindow.format(watermark)) is after the end of "
                        + "this window (\(TimeWindow.format(end))); the clock may have gone back")
            }
            return FetchWindow(window: TimeWindow(start: start, end: end))
        }
        let start = end - 2 * 365 * 86_400 - 86_400
        return FetchWindow(
            window: TimeWindow(start: start, end: end),
            note: lookup
                ? nil
                : "no --since\(state == nil ? "" : " and no watermark yet"): fetching every result still valid, "
                    + "two years back (as the service does on a first fetch)")
    }
}

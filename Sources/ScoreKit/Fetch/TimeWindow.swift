/// A UTC time window [start, end), in seconds since 1970, cut into slices the services accept.
public struct TimeWindow: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// `yyyy-MM-ddTHH:mm:ss` in UTC, as both services take it.
    public static func format(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        guard let date = CalendarDate(daysSinceEpoch: days) else { return "" }
        return Timestamp(date: date, secondOfDay: seconds - days * 86_400).description
    }

    /// Parses `yyyy-MM-ddTHH:mm:ss` (UTC), a plain date (midnight UTC), or ISO 8601 with `Z` or an offset.
    public static func parse(_ text: String) -> Int? {
        var body = text.trimmingASCIISpaces()
        var offset = 0
        if body.hasSuffix("Z") || body.hasSuffix("z") {
            body.removeLast()
        } else if body.count > 19, let sign = body.utf8.dropFirst(19).firstIndex(where: { $0 == 43 || $0 == 45 }) {
            let zone = String(body[sign...])
            body = String(body[..<sign])
            let digits = zone.dropFirst().filter { $0 != ":" }
            guard digits.count == 4, let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)),
                hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (zone.hasPrefix("-") ? -1 : 1)
        }
        guard let timestamp = Timestamp(iso: body) else { return nil }
        return timestamp.secondsSinceEpoch - offset
    }

    /// Slices of at most `days` days, in order.
    public func slices(maxDays days: Int) -> [TimeWindow] {
        var slices: [TimeWindow] = []
        var from = start
        while from < end {
            let to = min(end, from + days * 86_400)
            slices.append(TimeWindow(start: from, end: to))
            from = to
        }
        return slices
    }

    /// The two halves, or nil when the window is too short to split (under two seconds).
    public var halves: (TimeWindow, TimeWindow)? {
        guard end - start >= 2 else { return nil }
        let middle = start + (end - start) / 2
        return (TimeWindow(start: start, end: middle), TimeWindow(start: middle, end: end))
    }

    public var description: String { "\(Self.format(start)) to \(Self.format(end))" }
}

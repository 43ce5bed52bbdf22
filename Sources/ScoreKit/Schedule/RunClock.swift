#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The time a run counts as now, and its waits: the system's, or one a test or `SCOREIMPORT_NOW` fixes.
public protocol RunClock: Sendable {
    /// Seconds since 1970, UTC.
    func now() -> Int
    /// Waits `seconds` (backoff between retries).
    func sleep(_ seconds: Double)
}

extension RunClock {
    /// The day it is now, UTC.
    public var today: CalendarDate {
        CalendarDate(daysSinceEpoch: now() / 86_400) ?? CalendarDate(year: 2026, month: 1, day: 1).unsafelyUnwrapped
    }
}

/// The system clock; `fixedNow` pins "now" (nights simulated end to end) while waits stay real.
public struct SystemClock: RunClock {
    public var fixedNow: Int?

    public init(fixedNow: Int? = nil) {
        self.fixedNow = fixedNow
    }

    public func now() -> Int { fixedNow ?? Int(time(nil)) }

    public func sleep(_ seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}

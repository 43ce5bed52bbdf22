#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The clocks a run reads and its waits: the system's, or a fake one in tests (token expiry, deadlines, backoff,
/// the night a scheduled fetch counts as now).
public protocol RunClock: Sendable {
    /// Wall-clock seconds since 1970, UTC (the window, token issue and expiry times).
    func now() -> Double
    /// Seconds on a clock that never jumps (deadlines).
    func uptime() -> Double
    /// Waits `seconds` (backoff between retries).
    func sleep(_ seconds: Double)
}

extension RunClock {
    /// Whole seconds since 1970, UTC.
    public var seconds: Int { Int(now()) }

    /// The day it is now, UTC.
    public var today: CalendarDate {
        CalendarDate(daysSinceEpoch: seconds / 86_400) ?? CalendarDate(year: 2026, month: 1, day: 1).unsafelyUnwrapped
    }
}

/// The system's clocks; `fixedNow` pins the wall clock (`SCOREIMPORT_NOW`, to replay a night) while deadlines and
/// waits stay real.
public struct SystemClock: RunClock {
    public var fixedNow: Int?

    public init(fixedNow: Int? = nil) {
        self.fixedNow = fixedNow
    }

    public func now() -> Double { fixedNow.map(Double.init) ?? Self.read(CLOCK_REALTIME) }

    public func uptime() -> Double { Self.read(CLOCK_MONOTONIC) }

    public func sleep(_ seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    private static func read(_ clock: clockid_t) -> Double {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

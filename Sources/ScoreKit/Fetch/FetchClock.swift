#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where fetching reads the time: the system's clocks, or a fake one in tests (token expiry, the run's deadline).
public protocol FetchClock: Sendable {
    /// Wall-clock seconds since 1970 (token issue and expiry times).
    func now() -> Double
    /// Seconds on a clock that never jumps (deadlines).
    func uptime() -> Double
}

/// The system's clocks.
public struct SystemFetchClock: FetchClock {
    public init() {}

    public func now() -> Double { Self.read(CLOCK_REALTIME) }

    public func uptime() -> Double { Self.read(CLOCK_MONOTONIC) }

    private static func read(_ clock: clockid_t) -> Double {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

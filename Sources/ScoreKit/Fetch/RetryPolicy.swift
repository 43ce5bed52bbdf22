#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Exponential backoff with full jitter, honouring Retry-After.
public struct RetryPolicy: Sendable {
    public var maxRetries: Int
    /// The first delay's ceiling; it doubles with each retry.
    public var baseDelay: Double
    public var maxDelay: Double

    public init(maxRetries: Int = 5, baseDelay: Double = 0.5, maxDelay: Double = 60) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Whether an HTTP status is worth another try.
    public static func isRetryable(status: Int) -> Bool { [429, 500, 502, 503, 504].contains(status) }

    /// Seconds to wait before retry number `attempt` (1-based): random up to base * 2^(attempt-1), at least what
    /// Retry-After asks (seconds or an HTTP date), never more than `maxDelay`.
    public func delay(attempt: Int, retryAfter: String?) -> Double {
        let ceiling = min(maxDelay, baseDelay * Double(1 << min(attempt - 1, 20)))
        var delay = Double.random(in: 0...max(ceiling, 0))
        if let retryAfter, let asked = Self.seconds(retryAfter: retryAfter) { delay = max(delay, asked) }
        return min(delay, maxDelay)
    }

    static func seconds(retryAfter: String) -> Double? {
        let text = retryAfter.trimmingASCIISpaces()
        if let seconds = Double(text) { return max(0, seconds) }
        // An HTTP date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
        let parts = text.split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 6, let day = Int(parts[1]), let monthIndex = months.firstIndex(of: String(parts[2])),
            let year = Int(parts[3]), let date = CalendarDate(year: year, month: monthIndex + 1, day: day)
        else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        let then = date.daysSinceEpoch * 86_400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
        return max(0, Double(then - Int(time(nil))))
    }
}

/// Bounds on one fetch run, so that no server, however it behaves, can keep a run going or fill the disk.
public struct FetchLimits: Sendable, Hashable {
    /// Seconds each request may take, connect to last byte (`--timeout`).
    public var requestSeconds: Double
    /// Seconds the whole run may spend fetching, retries and backoff included (`--max-run-time`).
    public var runSeconds: Double
    /// Bytes one answer may hold after decompression (`--max-body`, in MB).
    public var maxBodyBytes: Int
    /// Pages one run may fetch: 1,000 pages of 2,000 records are far more than any institution receives, and a
    /// tenth of the service's 10,000 requests a day.
    public var maxPages: Int
    /// How far back the service keeps results: a window starting earlier is clamped (two years and a day, as the
    /// first fetch uses).
    public var horizonSeconds: Int

    public init(
        requestSeconds: Double = 60, runSeconds: Double = 3600, maxBodyBytes: Int = 1024 << 20,
        maxPages: Int = 1000, horizonSeconds: Int = (2 * 365 + 1) * 86_400
    ) {
        self.requestSeconds = requestSeconds
        self.runSeconds = runSeconds
        self.maxBodyBytes = maxBodyBytes
        self.maxPages = maxPages
        self.horizonSeconds = horizonSeconds
    }
}

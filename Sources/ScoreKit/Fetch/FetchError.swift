/// Why a fetch failed: each maps to an exit status.
public enum FetchError: Error, Sendable, CustomStringConvertible {
    /// 401 or 403 (exit 77).
    case rejected(status: Int, service: String)
    /// Retries ran out (exit 69).
    case unavailable(reason: String, attempts: Int)
    /// Another 4xx answer, with the service's message (exit 65).
    case refused(status: Int, message: String)
    /// A setting that cannot work: plain http to another host, missing credentials (exit 64).
    case configuration(String)

    public var description: String {
        switch self {
        case .rejected(let status, let service):
            "credentials rejected (HTTP \(status)): \(service) renews them every 12 months; check that they are "
                + "current (environment or --credentials file)"
        case .unavailable(let reason, let attempts):
            "service unavailable after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(reason); nothing was written"
        case .refused(let status, let message): "the service refused the request (HTTP \(status)): \(message)"
        case .configuration(let message): message
        }
    }
}

extension FetchError: ScoreImportError {
    public var exitCode: ExitCode {
        switch self {
        case .rejected: .credentialsRejected
        case .unavailable: .unavailable
        case .refused: .dataError
        case .configuration: .usage
        }
    }
}

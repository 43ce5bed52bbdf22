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
    /// 404: the endpoint is wrong; `path` is the path asked for (exit 64, a setting to fix).
    case notFound(path: String, message: String)
    /// 407: a proxy on the way wants its own credentials (exit 77, without the renewal hint).
    case proxyAuthentication
    /// An answer that is not the service's shape: HTML, another JSON shape, an error member, a repeated page
    /// (exit 65; nothing is written, the state stays).
    case unexpectedAnswer(name: String, reason: String)
    /// A bound of the run was reached: --max-body, --max-run-time, the page cap (exit 69).
    case limitExceeded(String)
    /// A local file could not be written, such as an answer's spool in a full TMPDIR: not the service's fault, so
    /// not retried (exit 74).
    case io(IOError)

    public var description: String {
        switch self {
        case .rejected(let status, let service):
            "credentials rejected (HTTP \(status)): \(service) renews them every 12 months; check that they are "
                + "current (environment or --credentials file)"
        case .unavailable(let reason, let attempts):
            "service unavailable after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(reason); nothing was written"
        case .refused(let status, let message): "the service refused the request (HTTP \(status)): \(message)"
        case .configuration(let message): message
        case .notFound(let path, let message):
            "wrong endpoint: the server has no \(path) (HTTP 404: \(message)); check --endpoint"
        case .proxyAuthentication:
            "a proxy asks for its own credentials (HTTP 407): set them in https_proxy "
                + "(https://user:password@proxy:port); the service's credentials are not the cause"
        case .unexpectedAnswer(let name, let reason): "\(name): unexpected answer: \(reason); nothing was written"
        case .limitExceeded(let message): "\(message); nothing was written"
        case .io(let error): "\(error.description); nothing was written"
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
        case .notFound: .usage
        case .proxyAuthentication: .credentialsRejected
        case .unexpectedAnswer: .dataError
        case .limitExceeded: .unavailable
        case .io: .ioError
        }
    }
}

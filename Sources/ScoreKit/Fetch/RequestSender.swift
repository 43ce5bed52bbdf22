import Foundation

/// Sends a service's requests: retries with backoff, each request and the whole run bounded in time and size.
final class RequestSender {
    /// What to do with an answer.
    enum Judgement {
        case accept
        /// Worth another try, after backoff (at least `retryAfter`, the header's value, when given).
        case retry(reason: String, retryAfter: String?)
    }

    let client: any HTTPClient
    let retry: RetryPolicy
    let limits: FetchLimits
    let clock: any RunClock
    let diagnostics: Diagnostics
    /// When the run's time is up, on `clock.uptime()`.
    let deadline: Double
    private(set) var requests = 0

    init(
        client: any HTTPClient, retry: RetryPolicy, limits: FetchLimits, clock: any RunClock,
        diagnostics: Diagnostics
    ) {
        self.client = client
        self.retry = retry
        self.limits = limits
        self.clock = clock
        self.diagnostics = diagnostics
        deadline = clock.uptime() + limits.runSeconds
    }

    private var runOver: FetchError {
        .limitExceeded("the run took longer than its bound of \(Int(limits.runSeconds)) s (--max-run-time)")
    }

    /// Retries the statuses worth retrying (429, 5xx gateways), accepts the rest.
    static func judgeStatus(_ response: HTTPResponse) -> Judgement {
        guard RetryPolicy.isRetryable(status: response.status) else { return .accept }
        return .retry(reason: "HTTP \(response.status)", retryAfter: response.headers["retry-after"])
    }

    /// Sends `request` until `judge` accepts an answer. Throws ``FetchError/unavailable(reason:attempts:)`` when
    /// retries run out, ``FetchError/limitExceeded(_:)`` past a bound, and ``FetchError/io(_:)`` at once when the
    /// answer cannot be spooled.
    func send(_ request: HTTPRequest, judge: (HTTPResponse) throws(FetchError) -> Judgement = judgeStatus)
        throws(FetchError) -> HTTPResponse
    {
        var attempts = 0
        while true {
            let remaining = deadline - clock.uptime()
            guard remaining > 0 else { throw runOver }
            attempts += 1
            requests += 1
            var bounded = request
            bounded.timeout = min(limits.requestSeconds, remaining)
            bounded.maxBodyBytes = limits.maxBodyBytes
            var reason: String
            var retryAfter: String?
            do {
                let response = try client.send(bounded)
                switch try judge(response) {
                case .accept: return response
                case .retry(let why, let after):
                    reason = why
                    retryAfter = after
                }
            } catch let error as HTTPError {
                switch error {
                case .bodyTooLarge:
                    throw .limitExceeded(
                        "\(request.name): \(error.description) (--max-body \(limits.maxBodyBytes >> 20))")
                // A local fault (a full TMPDIR): the service is not to blame, and asking again would not help.
                case .io(let io): throw .io(io)
                case .timedOut, .connection: reason = error.description
                }
            } catch let error as FetchError {
                throw error
            } catch {
                reason = "\(error)"
            }
            guard deadline - clock.uptime() > 0 else { throw runOver }
            // Which slice and page (or the token request) it was, as every other fetch error says.
            reason = "\(request.name): \(reason)"
            guard attempts <= retry.maxRetries else { throw .unavailable(reason: reason, attempts: attempts) }
            let delay = min(retry.delay(attempt: attempts, retryAfter: retryAfter), max(0, deadline - clock.uptime()))
            diagnostics.note(
                "\(reason); retrying in \(String(format: "%.1f", delay)) s (retry \(attempts) of \(retry.maxRetries))")
            clock.sleep(delay)
        }
    }
}

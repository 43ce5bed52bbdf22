import Foundation
import Testing

@testable import ScoreKit

/// The fetcher's bounds with a fake client and clock: the page cap, the run's deadline, the two-year horizon, one
/// token refresh after a 401, and the shape check on every answer.
@Suite struct ServiceFetcherTests {
    static let now = 1_795_000_000  // 2026-11-17T08:26:40Z
    static let credentials = Credentials(values: [
        "client_id": "id", "client_secret": "fetcher-secret", "authcode": "fetcher-authcode",
    ])

    /// A full IELTS page whose one record differs with `n`.
    static func page(_ n: Int) -> String {
        "{\"messageMetadata\": {\"messageRequestUid\": \"\(UUID())\"}, \"results\": [{\"trfNumber\": \"T\(n)\"}]}"
    }

    func fetcher(
        _ client: ScriptedHTTPClient, clock: FakeClock = FakeClock(), auth: ServiceFetcher.Auth = .basic,
        limits: FetchLimits = FetchLimits(), start: Int = now - 86_400, retries: Int = 2,
        diagnostics: Diagnostics = Diagnostics()
    ) throws -> ServiceFetcher {
        try ServiceFetcher(
            service: .ielts(limit: 1, photos: false, trf: nil), endpoint: ServiceEndpoint("https://scores.example"),
            credentials: Self.credentials, auth: auth, window: TimeWindow(start: start, end: Self.now),
            now: Self.now, client: client, retry: RetryPolicy(maxRetries: retries, baseDelay: 0), limits: limits,
            clock: clock, diagnostics: diagnostics)
    }

    /// Full pages of new records for ever stop at the page cap.
    @Test func pagingStopsAtThePageCap() throws {
        var served = 0
        let client = ScriptedHTTPClient { _ in
            served += 1
            return .init(status: 200, body: Self.page(served))
        }
        let capped = try fetcher(client, limits: FetchLimits(maxPages: 5))
        var previous: Int?
        var pages = 0
        let error = #expect(throws: FetchError.self) {
            while try capped.next(previousRecords: previous) != nil {
                pages += 1
                previous = 1
            }
        }
        #expect(pages == 5)
        #expect(client.requests.count == 5)
        guard case .limitExceeded(let message) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(message.contains("more than 5 pages in one run"))
    }

    /// The same records again (only the request id differs) end paging at page 2.
    @Test func aRepeatedPageStopsPaging() throws {
        let client = ScriptedHTTPClient { _ in .init(status: 200, body: Self.page(7)) }
        let repeating = try fetcher(client)
        #expect(try repeating.next(previousRecords: nil) != nil)
        let error = #expect(throws: FetchError.self) { _ = try repeating.next(previousRecords: 1) }
        guard case .unexpectedAnswer(let name, let reason) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(name.hasSuffix("page 2"))
        #expect(reason.contains("the same records as page 1"))
    }

    /// Requests taking 10 s each, retried on 503, against a run bound of 25 s: the run stops at its bound.
    @Test func theRunStopsAtItsTimeBound() throws {
        let clock = FakeClock()
        let client = ScriptedHTTPClient { _ in .init(status: 503, body: "{}") }
        client.clock = clock
        client.latency = 10
        let bounded = try fetcher(
            client, clock: clock, limits: FetchLimits(requestSeconds: 60, runSeconds: 25), start: Self.now - 3600,
            retries: 10)
        let error = #expect(throws: FetchError.self) { _ = try bounded.next(previousRecords: nil) }
        #expect(client.requests.count == 3)
        // Each request gets what is left of the run, never more.
        #expect(client.requests.map(\.timeout) == [25, 15, 5])
        guard case .limitExceeded(let message) = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(message.contains("longer than its bound of 25 s"))
    }

    /// A start in 1990 is clamped to two years and a day before now, with a note: 24 slices, not hundreds.
    @Test func aStartBeforeTheHorizonIsClamped() throws {
        let client = ScriptedHTTPClient { _ in .init(status: 200, body: "{\"results\": []}") }
        let captured = try CapturedDiagnostics()
        let clamped = try fetcher(client, start: 631_152_000, diagnostics: captured.diagnostics)
        while try clamped.next(previousRecords: 0) != nil {}
        #expect(client.requests.count == 24)
        let first = try #require(client.requests.first?.url.query)
        #expect(first.contains("startDateTime=\(TimeWindow.format(Self.now - 731 * 86_400))"))
        #expect(captured.text.contains("the window starts 1990-01-01T00:00:00, before the service's two-year horizon"))
    }

    /// With a token, a 401 gets one fresh token and one more try; a second 401 is final.
    @Test func aRefusedTokenIsRenewedOnce() throws {
        var tokens = 0
        var refuseAll = false
        let client = ScriptedHTTPClient { request in
            if request.method == "POST" {
                tokens += 1
                return .init(
                    status: 200,
                    body: "{\"access_token\": \"t\(tokens)\", \"token_type\": \"Bearer\", \"expires_in\": \"3600\"}")
            }
            let authorization = request.headers["Authorization"] ?? ""
            return refuseAll || authorization == "Bearer t1"
                ? .init(status: 401, headers: ["www-authenticate": "Bearer"], body: "{}")
                : .init(status: 200, body: "{\"results\": []}")
        }
        let first = try fetcher(client, auth: .token)
        #expect(try first.next(previousRecords: nil) != nil)
        #expect(client.requests.map(\.method) == ["POST", "GET", "POST", "GET"])
        #expect(client.requests.last?.headers["Authorization"] == "Bearer t2")

        refuseAll = true
        let again = try fetcher(client, auth: .token)
        let error = #expect(throws: FetchError.self) { _ = try again.next(previousRecords: nil) }
        guard case .rejected(401, "Cambridge") = error else {
            Issue.record("\(String(describing: error))")
            return
        }
    }

    /// Every answer passes the shape check before the pipeline sees it.
    @Test(arguments: [
        (
            "text/html", "<html>maintenance</html>",
            "service unavailable after 3 attempts: IELTS \(TimeWindow.format(now - 86_400)) to "
                + "\(TimeWindow.format(now)), page 1: an HTML page"
        ),
        ("application/json", "[]", "a JSON array"),
        ("application/json", "{\"data\": []}", "an object with a \"data\" array"),
        ("application/json", "{\"results\": [], \"error\": \"quota exceeded\"}", "\"quota exceeded\""),
        ("application/json", "{\"message\": \"Unauthorized\\nforged line\", \"results\": []}", "Unauthorized forged"),
        ("text/csv", "trfNumber\n1\n", "a text/csv answer"),
    ])
    func answersOfAnotherShapeAreRefused(contentType: String, body: String, says: String) throws {
        let client = ScriptedHTTPClient { _ in .init(status: 200, headers: ["content-type": contentType], body: body) }
        let checked = try fetcher(client)
        let error = #expect(throws: FetchError.self) { _ = try checked.next(previousRecords: nil) }
        guard let fetchError = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(fetchError.description.contains(says), "\(fetchError)")
        #expect(!fetchError.description.contains("\n"))
    }

    @Test func theBasicSecretIsAmongTheDiagnosticsSecrets() throws {
        let diagnostics = Diagnostics()
        _ = try fetcher(ScriptedHTTPClient { _ in .init(status: 200, body: "{}") }, diagnostics: diagnostics)
        #expect(diagnostics.secrets.contains("fetcher-secret"))
        #expect(diagnostics.secrets.contains(Data("id:fetcher-secret".utf8).base64EncodedString()))
    }
}

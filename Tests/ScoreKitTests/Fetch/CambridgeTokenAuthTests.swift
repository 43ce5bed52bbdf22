import Foundation
import Testing

@testable import ScoreKit

/// Cambridge Bearer tokens with a fake token endpoint and a fake clock: the form sent, caching, renewal 60 s
/// before expiry, one refresh after a refusal, and the token kept out of every log line.
@Suite struct CambridgeTokenAuthTests {
    /// A token endpoint issuing `token-1`, `token-2`, ... with the given `expires_in` JSON value.
    final class Issuer: @unchecked Sendable {
        var issued = 0
        var expiresIn = "\"3600\""
        var issuedAt: (Double) -> String = { "\"\(Int($0 * 1000))\"" }
        var status = 200
        var tokenType = "Bearer"
        let clock: FakeClock

        init(clock: FakeClock) {
            self.clock = clock
        }

        func answer(_ request: HTTPRequest) -> ScriptedHTTPClient.Answer {
            guard status == 200 else { return .init(status: status, body: "{\"error\": \"invalid_client\"}") }
            issued += 1
            return .init(
                status: 200,
                body: """
                    {"access_token": "token-\(issued)-secret", "token_type": "\(tokenType)", \
                    "expires_in": \(expiresIn), "issued_at": \(issuedAt(clock.now())), "scope": "openid", \
                    "status": "approved"}
                    """)
        }
    }

    struct Fixture {
        let clock = FakeClock()
        let issuer: Issuer
        let client: ScriptedHTTPClient
        let captured: CapturedDiagnostics
        let auth: CambridgeTokenAuth

        init(endpoint: String = "https://apis-sandbox.example/pp1") throws {
            issuer = Issuer(clock: clock)
            let issuer = issuer
            client = ScriptedHTTPClient { issuer.answer($0) }
            captured = try CapturedDiagnostics()
            let sender = RequestSender(
                client: client, retry: RetryPolicy(maxRetries: 0), limits: FetchLimits(), clock: clock,
                diagnostics: captured.diagnostics)
            auth = CambridgeTokenAuth(
                endpoint: try ServiceEndpoint(endpoint), clientID: "client 1", clientSecret: "s&cret=1",
                sender: sender)
        }
    }

    @Test func postsTheClientCredentialsFormAndCachesTheToken() throws {
        let fixture = try Fixture()
        #expect(try fixture.auth.headers() == ["Authorization": "Bearer token-1-secret"])
        fixture.clock.advance(1000)
        #expect(try fixture.auth.headers() == ["Authorization": "Bearer token-1-secret"])
        #expect(fixture.client.requests.count == 1)
        let request = try #require(fixture.client.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://apis-sandbox.example/pp1/v1/cambridge.id/token")
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(
            ScriptedHTTPClient.form(request) == [
                "client_id": "client 1", "client_secret": "s&cret=1", "grant_type": "client_credentials",
                "scope": "openid",
            ])
        #expect(String(decoding: request.body ?? [], as: UTF8.self).contains("s%26cret%3D1"))
    }

    /// `expires_in` is a string in Cambridge's answer; a number works too. Renewal comes 60 s before expiry.
    @Test(arguments: ["\"3600\"", "3600", "3600.0"]) func renewsSixtySecondsBeforeExpiry(expiresIn: String) throws {
        let fixture = try Fixture()
        fixture.issuer.expiresIn = expiresIn
        _ = try fixture.auth.headers()
        fixture.clock.advance(3539)
        #expect(try fixture.auth.headers() == ["Authorization": "Bearer token-1-secret"])
        fixture.clock.advance(1)
        #expect(try fixture.auth.headers() == ["Authorization": "Bearer token-2-secret"])
        #expect(fixture.auth.tokensObtained == 2)
    }

    /// `issued_at` (epoch ms) counts when plausible: a token issued 1,000 s ago is renewed 1,000 s sooner. One from
    /// the server's future, or so old that it would already be due, counts from receipt instead.
    @Test(arguments: [(-1000.0, 2540.0), (120.0, 3540.0), (-3500.0, 3540.0)])
    func countsFromIssuedAtWhenPlausible(offset: Double, renewsAfter: Double) throws {
        let fixture = try Fixture()
        fixture.issuer.issuedAt = { "\(Int(($0 + offset) * 1000))" }
        _ = try fixture.auth.headers()
        fixture.clock.advance(renewsAfter - 1)
        #expect(fixture.auth.tokensObtained == 1)
        _ = try fixture.auth.headers()
        #expect(fixture.auth.tokensObtained == 1)
        fixture.clock.advance(1)
        _ = try fixture.auth.headers()
        #expect(fixture.auth.tokensObtained == 2)
    }

    /// A token living 10 s is renewed after 5 s (half its life), not fetched for every request.
    @Test func shortLifetimesRenewAtHalfLife() throws {
        let fixture = try Fixture()
        fixture.issuer.expiresIn = "\"10\""
        _ = try fixture.auth.headers()
        fixture.clock.advance(4.9)
        _ = try fixture.auth.headers()
        #expect(fixture.auth.tokensObtained == 1)
        fixture.clock.advance(0.1)
        _ = try fixture.auth.headers()
        #expect(fixture.auth.tokensObtained == 2)
    }

    @Test func refreshesOnceAfterARefusal() throws {
        let fixture = try Fixture()
        _ = try fixture.auth.headers()
        #expect(try fixture.auth.renewAfterRejection())
        #expect(try fixture.auth.headers() == ["Authorization": "Bearer token-2-secret"])
        #expect(try !fixture.auth.renewAfterRejection())
        #expect(fixture.captured.text.contains("the token was refused; asking for a new one"))
    }

    @Test(arguments: [400, 401, 403]) func refusedClientCredentialsAreRejected(status: Int) throws {
        let fixture = try Fixture()
        fixture.issuer.status = status
        #expect {
            _ = try fixture.auth.headers()
        } throws: { error in
            guard case .rejected(status, "Cambridge") = error as? FetchError else { return false }
            return true
        }
    }

    @Test func aTokenAnswerOfAnotherKindIsRefused() throws {
        let fixture = try Fixture()
        fixture.issuer.tokenType = "mac"
        #expect(throws: FetchError.self) { _ = try fixture.auth.headers() }
        #expect(
            throws: FetchError.self,
            performing: { _ = try CambridgeTokenAuth.parse(Array("{\"token_type\": \"Bearer\"}".utf8), receivedAt: 0) })
        #expect(
            throws: FetchError.self,
            performing: {
                _ = try CambridgeTokenAuth.parse(
                    Array("{\"access_token\": \"x\", \"token_type\": \"Bearer\", \"expires_in\": \"soon\"}".utf8),
                    receivedAt: 0)
            })
    }

    /// What stands in for the token endpoint's answer, and how the retry names it.
    struct Standin: Sendable, CustomTestStringConvertible {
        var status: Int
        var contentType: String
        var body: String
        var reason: String
        var testDescription: String { "\(status) \(contentType)" }
    }

    /// A proxy's or maintenance page in place of the token (HTML, or a gateway status) is the service away, as for
    /// the results: tried again, and when it stays, 69 naming the token request, never 65.
    @Test(arguments: [
        Standin(
            status: 200, contentType: "text/html", body: "<html><title>Maintenance</title></html>",
            reason: "an HTML page (text/html), not Cambridge's token answer"),
        Standin(
            status: 200, contentType: "application/json", body: " <!DOCTYPE html><html></html>",
            reason: "an HTML or XML page, not Cambridge's token answer"),
        Standin(status: 502, contentType: "text/html", body: "<html>Bad Gateway</html>", reason: "HTTP 502"),
        Standin(status: 503, contentType: "application/json", body: "{}", reason: "HTTP 503"),
    ])
    func aGatewayPageInPlaceOfTheTokenIsRetried(_ standin: Standin) throws {
        let clock = FakeClock()
        let issuer = Issuer(clock: clock)
        var pages = 2
        let client = ScriptedHTTPClient { request in
            guard pages > 0 else { return issuer.answer(request) }
            pages -= 1
            return .init(status: standin.status, headers: ["content-type": standin.contentType], body: standin.body)
        }
        let captured = try CapturedDiagnostics()
        func auth(retries: Int) throws -> CambridgeTokenAuth {
            let sender = RequestSender(
                client: client, retry: RetryPolicy(maxRetries: retries, baseDelay: 0), limits: FetchLimits(),
                clock: clock, diagnostics: captured.diagnostics)
            return CambridgeTokenAuth(
                endpoint: try ServiceEndpoint("https://apis.example"), clientID: "c", clientSecret: "s", sender: sender)
        }
        let error = #expect(throws: FetchError.self) { _ = try auth(retries: 1).headers() }
        #expect(error?.exitCode == .unavailable)
        #expect(
            error?.description == "service unavailable after 2 attempts: Cambridge token: \(standin.reason); "
                + "nothing was written")
        pages = 2
        #expect(try auth(retries: 2).headers() == ["Authorization": "Bearer token-1-secret"])
        #expect(client.requests.count == 5)
        #expect(captured.text.contains("Cambridge token: \(standin.reason); retrying in"))
    }

    /// Every token becomes a secret as it arrives: a line quoting it is redacted.
    @Test func theTokenNeverReachesTheLog() throws {
        let fixture = try Fixture()
        _ = try fixture.auth.headers()
        fixture.captured.diagnostics.note("header was Bearer token-1-secret")
        let text = fixture.captured.text
        #expect(!text.contains("token-1-secret"))
        #expect(text.contains("Bearer [redacted]"))
    }
}

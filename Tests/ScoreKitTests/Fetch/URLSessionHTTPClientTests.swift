import Foundation
import Testing

@testable import ScoreKit

/// The URLSession client over real loopback TCP to the sandbox: a refused challenge surfaces its 401, a drip
/// fails at the deadline, an endless body stops at the cap, compressed bodies arrive decompressed, and a POST
/// carries its form.
@Suite(.serialized) struct URLSessionHTTPClientTests {
    let client = URLSessionHTTPClient()

    func request(_ sandbox: Sandbox, timeout: Double = 5, maxBody: Int = 1 << 20) throws -> HTTPRequest {
        let url = try #require(
            URL(
                string: sandbox.endpoint + "/v1/ielts/result-verification?startDateTime=2026-11-01T00:00:00"
                    + "&endDateTime=2026-11-22T00:00:00"))
        let basic = Data("demo-client:demo-secret".utf8).base64EncodedString()
        return HTTPRequest(
            url: url, headers: ["Authorization": "Basic \(basic)"], timeout: timeout, maxBodyBytes: maxBody)
    }

    func results(_ response: HTTPResponse) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(response.body.prefix(1 << 20))) as? [String: Any]
        return (object?["results"] as? [[String: Any]] ?? []).compactMap { $0["trfNumber"] as? String }
    }

    @Test func aChallengeIsRefusedAndItsAnswerReturned() throws {
        let sandbox = try Sandbox(["--fault", "401"])
        let started = Date()
        let response = try client.send(request(sandbox))
        _ = sandbox.stop()
        #expect(response.status == 401)
        #expect(response.headers["www-authenticate"] == "Basic realm=\"sandbox\"")
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func aDripFailsAtTheDeadline() throws {
        let sandbox = try Sandbox(["--fault", "drip"])
        let started = Date()
        #expect {
            _ = try client.send(request(sandbox, timeout: 1))
        } throws: { error in
            guard case .timedOut(1) = error as? HTTPError else { return false }
            return true
        }
        _ = sandbox.stop()
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func anEndlessBodyStopsAtTheCap() throws {
        let sandbox = try Sandbox(["--fault", "endless"])
        #expect {
            _ = try client.send(request(sandbox, maxBody: 1 << 20))
        } throws: { error in
            guard case .bodyTooLarge(1_048_576) = error as? HTTPError else { return false }
            return true
        }
        _ = sandbox.stop()
    }

    @Test(arguments: ["gzip", "deflate", "gzip-unsized"]) func compressedBodiesArriveDecompressed(fault: String) throws
    {
        let plain = try Sandbox()
        let expected = try results(client.send(request(plain)))
        _ = plain.stop()
        let compressed = try Sandbox(["--fault", fault])
        let response = try client.send(request(compressed))
        _ = compressed.stop()
        #expect(response.status == 200)
        #expect(response.headers["content-encoding"] != nil)
        #expect(try results(response) == expected)
        #expect(expected.count == 2)
    }

    @Test func aPostCarriesItsForm() throws {
        let sandbox = try Sandbox()
        let url = try #require(URL(string: sandbox.endpoint + "/v1/cambridge.id/token"))
        let response = try client.send(
            HTTPRequest(
                method: "POST", url: url, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: Array(
                    "client_id=demo-client&client_secret=demo-secret&grant_type=client_credentials&scope=openid".utf8)
            ))
        let log = sandbox.stop()
        #expect(response.status == 200)
        #expect(response.bodyText().contains("\"token_type\":\"Bearer\""))
        #expect(log == ["sandbox: POST /v1/cambridge.id/token -> 200"])
    }

    /// A port nothing listens on: the message names host and port, which are no secret.
    @Test func aClosedPortIsNamed() throws {
        let port = try Nginx.freePort()
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/v1/ielts/result-verification?page=1"))
        #expect {
            _ = try client.send(HTTPRequest(url: url, timeout: 5))
        } throws: { error in
            (error as? HTTPError)?.description == "cannot connect to 127.0.0.1:\(port)"
        }
    }

    /// Each failure to reach the server names where it tried: the host, with the port when the endpoint gave one,
    /// and never the path, query or user info.
    @Test(arguments: [
        (
            NSURLErrorCannotConnectToHost, "https://apis.example:8443/pp1/v1?trfNumber=X",
            "cannot connect to apis.example:8443"
        ),
        (NSURLErrorCannotFindHost, "https://apis.example/pp1", "cannot find the host apis.example"),
        (
            NSURLErrorNotConnectedToInternet, "https://apis.example",
            "not connected to the network (to reach apis.example)"
        ),
        (NSURLErrorSecureConnectionFailed, "https://apis.example", "the TLS connection to apis.example failed"),
        (NSURLErrorCannotConnectToHost, "http://[::1]:8080/x", "cannot connect to [::1]:8080"),
    ])
    func connectionFailuresNameTheHost(code: Int, endpoint: String, message: String) throws {
        let url = try #require(URL(string: endpoint))
        let error = URLSessionHTTPClient.describe(
            code, NSError(domain: NSURLErrorDomain, code: code), timeout: 5,
            place: URLSessionHTTPClient.place(url))
        #expect(error.description == message)
    }
}

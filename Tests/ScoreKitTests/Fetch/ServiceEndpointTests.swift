import Foundation
import Testing

@testable import ScoreKit

/// Where credentials may go: https anywhere, plain http only to a host whose every address is loopback, never a
/// URL carrying a user name or password.
@Suite struct ServiceEndpointTests {
    @Test(arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("::1", true), ("[::1]", true), ("localhost", true),
        ("127.attacker.example", false), ("10.0.0.1", false), ("::ffff:127.0.0.1", true), ("::ffff:10.0.0.1", false),
        ("0.0.0.0", false),
    ])
    func plainHTTPNeedsEveryAddressLoopback(host: String, loopback: Bool) {
        #expect(ServiceEndpoint.resolvesToLoopbackOnly(host) == loopback)
    }

    @Test func oneNonLoopbackAddressIsEnough() {
        #expect(ServiceEndpoint.isLoopbackOnly([[127, 0, 0, 1], [10, 0, 0, 1]]) == false)
        #expect(ServiceEndpoint.isLoopbackOnly([]) == false)
        #expect(ServiceEndpoint.isLoopbackOnly([[127, 0, 0, 1], Array(repeating: 0, count: 15) + [1]]))
    }

    @Test(arguments: [
        "https://client:hunter2@apis.example", "http://client:hunter2@127.0.0.1:8080", "https://hunter2@apis.example/x",
    ])
    func userinfoIsRefusedWithoutEcho(text: String) {
        #expect {
            _ = try ServiceEndpoint(text)
        } throws: { error in
            "\(error)".contains("must not hold a user name or password") && !"\(error)".contains("hunter2")
        }
    }

    @Test func pathsAreAppendedToTheEndpointsOwn() throws {
        let endpoint = try ServiceEndpoint("https://apis-sandbox.example/pp1/")
        #expect(
            endpoint.url(path: "/v1/ielts/result-verification", query: [("trfNumber", "A B")]).absoluteString
                == "https://apis-sandbox.example/pp1/v1/ielts/result-verification?trfNumber=A%20B")
        #expect(throws: FetchError.self) { _ = try ServiceEndpoint("ftp://apis.example") }
        #expect(throws: FetchError.self) { _ = try ServiceEndpoint("http://scores.example.org") }
    }

    /// FoundationNetworking 6.3 refuses IPv6 literals: [::1] goes out as localhost, others cannot go.
    @Test func ipv6LoopbackIsSentAsLocalhost() throws {
        let url = try URLSessionHTTPClient.curlCompatible(#require(URL(string: "http://[::1]:8080/a?b=c")))
        #expect(url.absoluteString == "http://localhost:8080/a?b=c")
        let other = try #require(URL(string: "https://[2001:db8::1]/a"))
        #expect(throws: HTTPError.self) { _ = try URLSessionHTTPClient.curlCompatible(other) }
    }
}

import Foundation

@testable import ScoreKit

/// An ``HTTPClient`` answering from a closure, counting requests: for library tests of fetching without a server.
final class FakeHTTPClient: HTTPClient, @unchecked Sendable {
    struct Answer {
        var status = 200
        var headers: [String: String] = ["content-type": "application/json"]
        var body = Data()
    }

    private let lock = NSLock()
    private let respond: @Sendable (HTTPRequest) -> Answer
    private var seen: [HTTPRequest] = []

    init(_ respond: @escaping @Sendable (HTTPRequest) -> Answer) {
        self.respond = respond
    }

    /// The requests made so far.
    var requests: [HTTPRequest] { lock.withLock { seen } }

    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        lock.withLock { seen.append(request) }
        let answer = respond(request)
        let fd: Int32
        do {
            fd = try TemporaryFile.anonymous()
            try FileOutput.writeAll(fd, [UInt8](answer.body)[...], name: "fake body")
        } catch {
            throw .io(error)
        }
        return HTTPResponse(
            status: answer.status, headers: answer.headers, body: InputFile(spooled: fd, name: request.name))
    }
}

/// A clock fixed at one time; waits return at once and are recorded.
final class FixedClock: RunClock, @unchecked Sendable {
    private let lock = NSLock()
    private let fixed: Double
    private var waits: [Double] = []

    init(_ iso: String) {
        fixed = Double(TimeWindow.parse(iso) ?? 0)
    }

    func now() -> Double { fixed }
    func uptime() -> Double { lock.withLock { waits.reduce(0, +) } }
    func sleep(_ seconds: Double) { lock.withLock { waits.append(seconds) } }

    var slept: [Double] { lock.withLock { waits } }
}

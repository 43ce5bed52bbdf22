import Foundation

@testable import ScoreKit

/// A clock the test moves by hand; `uptime` and `now` move together.
final class FakeClock: RunClock, @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Double

    init(now: Double = 1_800_000_000) {
        seconds = now
    }

    func now() -> Double { lock.withLock { seconds } }
    func uptime() -> Double { lock.withLock { seconds } }

    func advance(_ delta: Double) { lock.withLock { seconds += delta } }

    /// Waits move the clock, at once.
    func sleep(_ seconds: Double) { advance(seconds) }
}

/// An HTTP client answering from a script, recording each request; it can move a clock as if requests took time.
final class ScriptedHTTPClient: HTTPClient, @unchecked Sendable {
    struct Answer {
        var status: Int
        var headers: [String: String] = ["content-type": "application/json"]
        var body: String
    }

    private let lock = NSLock()
    private var answer: (HTTPRequest) -> Answer
    private(set) var requests: [HTTPRequest] = []
    /// Seconds each request takes on `clock`.
    var clock: FakeClock?
    var latency: Double = 0

    init(_ answer: @escaping (HTTPRequest) -> Answer) {
        self.answer = answer
    }

    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        let scripted = lock.withLock {
            requests.append(request)
            return answer(request)
        }
        clock?.advance(latency)
        let fd: Int32
        do {
            fd = try TemporaryFile.anonymous()
            try FileOutput.writeAll(fd, Array(scripted.body.utf8)[...], name: "fake body")
        } catch {
            throw .io(error)
        }
        return HTTPResponse(
            status: scripted.status, headers: scripted.headers, body: InputFile(spooled: fd, name: request.name))
    }

    /// The form fields of a POST body.
    static func form(_ request: HTTPRequest) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: request.body ?? [], as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }
}

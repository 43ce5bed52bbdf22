import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// ``HTTPClient`` over URLSession: the body streams into a spool file as it arrives, bounded in time and size.
///
/// - The request's `timeout` bounds the whole exchange by a deadline of our own; URLSession's own timeouts only
///   notice idleness, so a server sending one byte a second would otherwise keep a run alive for ever.
/// - Authentication challenges are refused: the 401 surfaces at once instead of waiting for credentials that
///   FoundationNetworking never supplies (on Linux it leaves the task suspended, swift-corelibs-foundation #5456).
/// - Compressed bodies arrive decompressed, so Content-Length (the compressed size) is compared only with
///   uncompressed answers; curl itself reports a compressed body that breaks off.
/// - Redirects are not followed: credentials must not travel to another host.
/// - `[::1]` goes out as `localhost`: FoundationNetworking 6.3 refuses every IPv6 literal as a bad URL (its host
///   check compares curl's "[::1]" with "::1", swift-corelibs-foundation #5496), and curl resolves `localhost` to
///   ::1 first.
public struct URLSessionHTTPClient: HTTPClient {
    /// Sent unless the request sets its own.
    public var userAgent: String

    public init(userAgent: String = "scoreimport/\(Release.version)") {
        self.userAgent = userAgent
    }

    public func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        let spool: Int32
        do {
            spool = try TemporaryFile.anonymous()
        } catch {
            throw .io(Self.spoolError(request.name, code: error.code))
        }
        let delegate = SpoolingDelegate(fd: spool, request: request)
        let configuration = URLSessionConfiguration.ephemeral
        // Our deadline decides; URLSession's own timeouts are a backstop just behind it.
        configuration.timeoutIntervalForRequest = request.timeout + 5
        configuration.timeoutIntervalForResource = request.timeout + 5
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.urlCredentialStorage = nil
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
        var urlRequest = URLRequest(url: try Self.curlCompatible(request.url))
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = request.timeout + 5
        if let body = request.body { urlRequest.httpBody = Data(body) }
        urlRequest.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let task = session.dataTask(with: urlRequest)
        task.resume()
        if delegate.done.wait(timeout: .now() + request.timeout) == .timedOut {
            delegate.fail(.timedOut(seconds: request.timeout))
            task.cancel()
            // curl lets go within moments; if it does not, the delegate writes nothing more anyway.
            _ = delegate.done.wait(timeout: .now() + 2)
        }
        // Not waited for, for the same reason as the delegate's cancel: the outcome is already known.
        DispatchQueue.global().async { session.invalidateAndCancel() }
        let outcome = delegate.finish()
        do {
            let response = try Self.check(outcome)
            var headers: [String: String] = [:]
            for (name, value) in response.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            return HTTPResponse(
                status: response.statusCode, headers: headers, body: InputFile(spooled: spool, name: request.name))
        } catch {
            close(spool)
            throw error
        }
    }

    /// A spool that cannot be made or grow: the folder is named (TMPDIR), since a full one is the usual cause.
    static func spoolError(_ name: String, code: Int32) -> IOError {
        IOError("spool \(name) in", path: "\(TemporaryFile.directory) (TMPDIR)", code: code)
    }

    /// `host` or `host:port`, as a connection message names where it tried (IPv6 literals in brackets).
    static func place(_ url: URL) -> String {
        guard let host = url.host, !host.isEmpty else { return "the host" }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return url.port.map { "\(bracketed):\($0)" } ?? bracketed
    }

    /// The failure in words; those about reaching the server name it (`place`: host and port).
    static func describe(_ code: Int, _ error: any Error, timeout: TimeInterval, place: String) -> HTTPError {
        switch code {
        case NSURLErrorTimedOut: .timedOut(seconds: timeout)
        case NSURLErrorCannotConnectToHost: .connection("cannot connect to \(place)")
        case NSURLErrorNetworkConnectionLost: .connection("the connection was lost (the body was cut off)")
        case NSURLErrorCannotFindHost: .connection("cannot find the host \(place)")
        case NSURLErrorNotConnectedToInternet: .connection("not connected to the network (to reach \(place))")
        case NSURLErrorCannotDecodeContentData, NSURLErrorCannotDecodeRawData:
            .connection("the compressed body could not be decoded")
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted:
            .connection("the TLS connection to \(place) failed")
        default: .connection("connection failed (\((error as NSError).localizedDescription))")
        }
    }

    /// The URL with an IPv6 loopback literal spelled `localhost`; other IPv6 literals cannot be sent.
    static func curlCompatible(_ url: URL) throws(HTTPError) -> URL {
        guard let host = url.host, host.contains(":") else { return url }
        var address = in6_addr()
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard inet_pton(AF_INET6, bare, &address) == 1,
            ServiceEndpoint.isLoopbackOnly([withUnsafeBytes(of: &address) { Array($0) }]),
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else {
            throw .connection("IPv6 address literals cannot be used with this toolchain's URLSession: use a host name")
        }
        components.host = "localhost"
        return components.url ?? url
    }

    private static func check(_ outcome: SpoolingDelegate.Outcome) throws(HTTPError) -> HTTPURLResponse {
        // A refused challenge ends the task as cancelled; its 401 is the answer.
        if let challenged = outcome.challenged { return challenged }
        if let failure = outcome.failure { throw failure }
        guard let response = outcome.response else { throw .connection("no response") }
        let encoding = (response.value(forHTTPHeaderField: "Content-Encoding") ?? "identity").lowercased()
        let expected = response.expectedContentLength
        if encoding == "identity", expected >= 0, outcome.received != expected {
            throw .connection("the body was cut off (\(outcome.received) of \(expected) bytes)")
        }
        return response
    }
}

/// Writes each chunk of the body to the spool file, up to a limit, and signals completion.
private final class SpoolingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    struct Outcome {
        var response: HTTPURLResponse?
        var challenged: HTTPURLResponse?
        var failure: HTTPError?
        var received: Int64
    }

    private let fd: Int32
    private let limit: Int64
    private let timeout: TimeInterval
    /// How messages name the answer.
    private let name: String
    /// The endpoint's host and port, for connection messages: never its user info or query.
    private let place: String
    private let lock = NSLock()
    private var state = Outcome(received: 0)
    /// Set once the client has taken the outcome: nothing is written after that (the descriptor may be closed).
    private var finished = false
    let done = DispatchSemaphore(value: 0)

    init(fd: Int32, request: HTTPRequest) {
        self.fd = fd
        limit = Int64(request.maxBodyBytes)
        timeout = request.timeout
        name = request.name
        place = URLSessionHTTPClient.place(request.url)
    }

    /// Records a failure unless one is already known.
    func fail(_ failure: HTTPError) {
        lock.lock()
        if state.failure == nil { state.failure = failure }
        lock.unlock()
    }

    /// The outcome; from now on the delegate ignores whatever URLSession still delivers.
    func finish() -> Outcome {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        return state
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        lock.lock()
        let http = response as? HTTPURLResponse
        state.response = http
        let identity = (http?.value(forHTTPHeaderField: "Content-Encoding") ?? "identity").lowercased() == "identity"
        let tooLarge = identity && response.expectedContentLength > limit
        if tooLarge && state.failure == nil { state.failure = .bodyTooLarge(limit: Int(limit)) }
        lock.unlock()
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard write(data) else { return }
        // The outcome is known: the client stops waiting now. The task is cancelled elsewhere and outside the lock:
        // cancel() waits for URLSession's work queue, which a server sending without end keeps busy, and every chunk
        // read meanwhile would wait in memory for this queue (gigabytes within seconds on loopback).
        done.signal()
        DispatchQueue.global().async { dataTask.cancel() }
    }

    /// Spools one chunk; whether this chunk failed the transfer (later chunks are dropped).
    private func write(_ data: Data) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !finished, state.failure == nil else { return false }
        guard state.received + Int64(data.count) <= limit else {
            state.failure = .bodyTooLarge(limit: Int(limit))
            return true
        }
        do {
            try FileOutput.writeAll(fd, [UInt8](data)[...], name: name)
            state.received += Int64(data.count)
            return false
        } catch {
            state.failure = .io(URLSessionHTTPClient.spoolError(name, code: error.code))
            return true
        }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        lock.lock()
        state.challenged = challenge.failureResponse as? HTTPURLResponse ?? state.response
        lock.unlock()
        completionHandler(.cancelAuthenticationChallenge, nil)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.lock()
        if let error, state.failure == nil, state.challenged == nil {
            let code = (error as NSError).code
            state.failure = URLSessionHTTPClient.describe(code, error, timeout: timeout, place: place)
        }
        lock.unlock()
        done.signal()
    }
}

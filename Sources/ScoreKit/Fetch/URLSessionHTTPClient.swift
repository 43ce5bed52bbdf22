import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// ``HTTPClient`` over URLSession: the body streams into a spool file as it arrives; redirects are not followed
/// (credentials must not travel to another host); a body shorter than its Content-Length is a broken connection.
public struct URLSessionHTTPClient: HTTPClient {
    public init() {}

    public func get(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        let spool: Int32
        do {
            spool = try TemporaryFile.anonymous()
        } catch {
            throw .io(error)
        }
        let delegate = SpoolingDelegate(fd: spool)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = request.timeout
        configuration.timeoutIntervalForResource = request.timeout * 4
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
        var urlRequest = URLRequest(url: request.url)
        urlRequest.timeoutInterval = request.timeout
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        session.dataTask(with: urlRequest).resume()
        delegate.done.wait()
        session.finishTasksAndInvalidate()
        let outcome = delegate.outcome()
        if let failure = outcome.failure {
            close(spool)
            throw failure
        }
        guard let response = outcome.response else {
            close(spool)
            throw .connection("no response")
        }
        if let expected = response.expectedContentLength as Int64?, expected >= 0, outcome.received != expected {
            close(spool)
            throw .connection("the body was cut off (\(outcome.received) of \(expected) bytes)")
        }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return HTTPResponse(
            status: response.statusCode, headers: headers, body: InputFile(spooled: spool, name: request.name))
    }
}

/// Writes each chunk of the body to the spool file and signals completion.
private final class SpoolingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var response: HTTPURLResponse?
    private var failure: HTTPError?
    private var received: Int64 = 0
    let done = DispatchSemaphore(value: 0)

    init(fd: Int32) {
        self.fd = fd
    }

    func outcome() -> (response: HTTPURLResponse?, failure: HTTPError?, received: Int64) {
        lock.lock()
        defer { lock.unlock() }
        return (response, failure, received)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        lock.lock()
        self.response = response as? HTTPURLResponse
        lock.unlock()
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return }
        do {
            try FileOutput.writeAll(fd, [UInt8](data)[...], name: "spooled response")
            received += Int64(data.count)
        } catch {
            failure = .io(error)
            dataTask.cancel()
        }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.lock()
        if let error, failure == nil {
            let code = (error as NSError).code
            failure = code == NSURLErrorTimedOut ? .timedOut : .connection(Self.describe(code, error))
        }
        lock.unlock()
        done.signal()
    }

    private static func describe(_ code: Int, _ error: any Error) -> String {
        switch code {
        case NSURLErrorCannotConnectToHost: "cannot connect to the host"
        case NSURLErrorNetworkConnectionLost: "the connection was lost (the body was cut off)"
        case NSURLErrorCannotFindHost: "cannot find the host"
        case NSURLErrorNotConnectedToInternet: "not connected to the network"
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted: "the TLS connection failed"
        default: "connection failed (\((error as NSError).localizedDescription))"
        }
    }
}

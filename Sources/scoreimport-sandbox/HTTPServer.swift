import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// One HTTP/1.1 request, as much of it as the sandbox needs.
struct Request {
    var method: String
    var path: String
    var query: [String: String]
    /// Header names lowercased.
    var headers: [String: String]
    var target: String
    /// The body, read by its Content-Length (the token endpoint's form).
    var body: Data = Data()
}

/// One answer; `truncateBody` closes the connection halfway through the body.
struct Response {
    /// How the body goes out.
    enum Delivery {
        /// With Content-Length.
        case sized
        /// Without Content-Length, ended by closing the connection.
        case unsized
        /// With Content-Length, one byte a second.
        case drip
        /// Without Content-Length: the body, then its last record repeated until the client hangs up.
        case endless
    }

    var status: Int
    var headers: [(String, String)] = []
    var body: Data = Data()
    var delay: TimeInterval = 0
    var truncateBody = false
    var delivery = Delivery.sized

    static func html(_ status: Int, _ title: String) -> Response {
        let page = "<html><head><title>\(title)</title></head><body><h1>\(title)</h1></body></html>\n"
        return Response(status: status, headers: [("Content-Type", "text/html")], body: Data(page.utf8))
    }

    static func json(_ status: Int, _ object: Any) -> Response {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: [("Content-Type", "application/json")], body: body)
    }
}

/// A blocking HTTP server on 127.0.0.1 built on POSIX sockets: one connection at a time, `Connection: close`.
final class HTTPServer {
    private let listener: Int32
    let port: UInt16

    init(port: UInt16) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        guard listener >= 0 else { throw SandboxError("socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 16) == 0 else {
            throw SandboxError("bind 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.port = UInt16(bigEndian: actual.sin_port)
    }

    /// Serves until the process is stopped.
    func serve(_ handle: (Request) -> Response) -> Never {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { continue }
            if let request = readRequest(client) {
                let response = handle(request)
                write(response, to: client)
            }
            close(client)
        }
    }

    private func readRequest(_ fd: Int32) -> Request? {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while data.range(of: Data("\r\n\r\n".utf8)) == nil {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 || data.count > 65536 { return nil }
            data.append(contentsOf: chunk[..<n])
        }
        guard let split = data.range(of: Data("\r\n\r\n".utf8)),
            let text = String(data: data[..<split.lowerBound], encoding: .utf8)
        else { return nil }
        var body = data[split.upperBound...]
        let lines = text.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2 else { return nil }
        let target = String(parts[1])
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let length = min(Int(headers["content-length"] ?? "0") ?? 0, 65536)
        while body.count < length {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { return nil }
            body.append(contentsOf: chunk[..<n])
        }
        let components = URLComponents(string: "http://sandbox" + target)
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        return Request(
            method: String(parts[0]), path: components?.path ?? target, query: query, headers: headers, target: target,
            body: Data(body))
    }

    private func write(_ response: Response, to fd: Int32) {
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        if response.delivery == .sized || response.delivery == .drip {
            head += "Content-Length: \(response.body.count)\r\n"
        }
        head += "Connection: close\r\n\r\n"
        guard send(Data(head.utf8), to: fd) else { return }
        switch response.delivery {
        case .sized, .unsized:
            _ = send(response.truncateBody ? response.body.prefix(response.body.count / 2) : response.body, to: fd)
        case .drip:
            for byte in response.body {
                guard send(Data([byte]), to: fd) else { return }
                Thread.sleep(forTimeInterval: 1)
            }
        case .endless:
            // {"results": [record, record, ... for ever: the client must stop reading, not the server writing.
            let record = Data("{\"trfNumber\": \"26SB999999ENDLESS\", \"familyName\": \"Endless\"},".utf8)
            var block = Data("{\"results\": [".utf8)
            while block.count < 1 << 16 { block.append(record) }
            guard send(block, to: fd) else { return }
            block = Data()
            while block.count < 1 << 16 { block.append(record) }
            while send(block, to: fd) {}
        }
    }

    /// Writes all of `data`; false once the client has gone.
    private func send(_ data: Data, to fd: Int32) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress.unsafelyUnwrapped + offset, raw.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 302: "Found"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 407: "Proxy Authentication Required"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

struct SandboxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

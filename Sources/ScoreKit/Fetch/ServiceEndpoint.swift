import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A service's base URL, checked before any credential is sent to it.
///
/// https always; plain http only when every address the host resolves to is loopback (a test server), so that
/// `http://127.attacker.example` is refused. A user name or password in the URL is refused without repeating it.
public struct ServiceEndpoint: Sendable {
    public let url: URL

    /// Checks `text` (the `--endpoint` value); messages name the scheme and host only, never what precedes `@`.
    public init(_ text: String) throws(FetchError) {
        if let authority = Self.authority(text), authority.contains("@") {
            throw .configuration(
                "--endpoint must not hold a user name or password (they would show in logs and process lists): "
                    + "put credentials in the environment or a --credentials file")
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else {
            let given = text.contains("@") ? "" : ", not \"\(ServiceAnswer.printable(text, limit: 200))\""
            throw .configuration("--endpoint must be a URL such as https://host\(given)")
        }
        guard scheme == "https" || scheme == "http" else {
            throw .configuration("--endpoint must be an https:// URL, not \(scheme)://")
        }
        if scheme == "http" && !Self.resolvesToLoopbackOnly(host) {
            throw .configuration(
                "refusing plain http:// to \(host): credentials must not travel in the clear "
                    + "(http is allowed only to a host whose every address is loopback)")
        }
        self.url = url
    }

    /// The part between `//` and the next `/`, `?` or `#`, or nil.
    private static func authority(_ text: String) -> Substring? {
        guard let range = text.range(of: "://") else { return nil }
        return text[range.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    }

    /// `path` appended to the endpoint's own path, with `query`.
    func url(path: String, query: [(String, String)] = []) -> URL {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false) ?? URLComponents()
        let base = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        components.path = base + path
        components.queryItems = query.isEmpty ? nil : query.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.url ?? url
    }

    /// Whether `host` resolves, and every address it resolves to is loopback (127.0.0.0/8, ::1, or 127/8 mapped
    /// into IPv6).
    static func resolvesToLoopbackOnly(_ host: String) -> Bool {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc) || canImport(Musl)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0, let first = list else { return false }
        defer { freeaddrinfo(first) }
        var addresses: [[UInt8]] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let entry = node {
            if let address = entry.pointee.ai_addr {
                switch Int32(entry.pointee.ai_family) {
                case AF_INET:
                    address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                        var raw = $0.pointee.sin_addr
                        addresses.append(withUnsafeBytes(of: &raw) { Array($0) })
                    }
                case AF_INET6:
                    address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                        var raw = $0.pointee.sin6_addr
                        addresses.append(withUnsafeBytes(of: &raw) { Array($0) })
                    }
                default: addresses.append([])
                }
            }
            node = entry.pointee.ai_next
        }
        return isLoopbackOnly(addresses)
    }

    /// Whether every address (4 or 16 bytes, network order) is loopback; false for none.
    static func isLoopbackOnly(_ addresses: [[UInt8]]) -> Bool {
        guard !addresses.isEmpty else { return false }
        return addresses.allSatisfy { bytes in
            switch bytes.count {
            case 4: return bytes[0] == 127
            case 16:
                if bytes == [UInt8](repeating: 0, count: 15) + [1] { return true }
                // ::ffff:127.x.y.z
                return bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
                    && bytes[12] == 127
            default: return false
            }
        }
    }
}

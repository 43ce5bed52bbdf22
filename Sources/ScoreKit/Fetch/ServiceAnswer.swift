/// A first look at an answer before the pipeline reads it: is it the service's shape at all?
///
/// Cheap by design: the content type, the first byte, and the root members up to the records array (an empty
/// array is stepped over to see what follows it). The records themselves are left to the pipeline, whose JSON
/// reader rejects a malformed document with its location.
struct ServiceAnswer {
    /// What the answer turned out to be.
    enum Verdict: Equatable {
        /// The service's shape: an object whose records array starts at byte `offset`.
        case records(offset: Int, empty: Bool)
        /// Not JSON that can be judged here; the pipeline's reader reports where it breaks.
        case unreadable
        /// A page from something between here and the service (a proxy's or a maintenance HTML page): worth
        /// retrying.
        case gatewayPage(String)
        /// Anything else: refused, nothing is written.
        case wrong(String)
    }

    /// The records array's member name: `results` (IELTS) or `data` (TOEFL).
    let arrayKey: String
    /// The other service's name for it: its presence means the answer came from the wrong endpoint.
    let otherKey: String
    /// How messages name the shape expected.
    let shape: String

    static let ielts = ServiceAnswer(
        arrayKey: "results", otherKey: "data",
        shape: "the IELTS Results Service answer (an object with a \"results\" array)")
    static let toefl = ServiceAnswer(
        arrayKey: "data", otherKey: "results",
        shape: "the TOEFL Server-to-Server answer (an object with a \"data\" array)")

    /// Root members that carry a service's complaint instead of data.
    static let errorKeys: Set<String> = ["error", "errors", "message", "fault", "error_description"]

    func inspect(_ response: HTTPResponse) -> Verdict {
        let media = response.mediaType
        if media.contains("html") { return .gatewayPage("an HTML page (\(media)), not \(shape)") }
        let json = media.isEmpty || media == "application/json" || media == "text/json" || media.hasSuffix("+json")
        // application/octet-stream says only that the server does not know (a plain file server): look inside.
        guard json || media == "application/octet-stream" else {
            return .wrong("a \(Self.printable(media, limit: 60)) answer, not \(shape)")
        }
        let first: UInt8?
        do {
            first = try Self.firstByte(response.body)
        } catch {
            return .unreadable
        }
        switch first {
        case nil: return .wrong("an empty answer, not \(shape)")
        case UInt8(ascii: "<"): return .gatewayPage("an HTML or XML page, not \(shape)")
        case UInt8(ascii: "{"): break
        case UInt8(ascii: "["): return .wrong("a JSON array, not \(shape)")
        default: return .wrong("not \(shape)")
        }
        return members(of: response.body)
    }

    /// A page from something between here and the service, by its content type or its first byte, described as
    /// not being `shape`; nil when the answer may be the service's. The token request retries these too.
    static func gatewayPage(_ response: HTTPResponse, instead shape: String) -> String? {
        let media = response.mediaType
        if media.contains("html") { return "an HTML page (\(media)), not \(shape)" }
        guard (try? firstByte(response.body)) == UInt8(ascii: "<") else { return nil }
        return "an HTML or XML page, not \(shape)"
    }

    /// The body's first byte after a byte order mark and white space; nil when there is none.
    private static func firstByte(_ body: InputFile) throws(InputError) -> UInt8? {
        var bytes = try body.prefix(64)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
    }

    /// Walks the root members up to a non-empty records array.
    private func members(of body: InputFile) -> Verdict {
        var found: Int?
        var seen: [String] = []
        do {
            let reader = try JSONReader(source: try body.source(), chunkSize: 1 << 16)
            try reader.beginObject()
            while try reader.nextMember() {
                let key = reader.key
                if seen.count < 8 { seen.append(Self.printable(key, limit: 40)) }
                if key == arrayKey && found == nil {
                    guard try reader.peekKind() == .array else { return .wrong("\"\(arrayKey)\" is not an array") }
                    let offset = reader.location.byteOffset
                    try reader.beginArray()
                    guard try !reader.nextElement() else { return .records(offset: offset, empty: false) }
                    found = offset
                } else if key == otherKey {
                    return .wrong("an object with a \"\(otherKey)\" array, not \(shape): check the endpoint")
                } else if Self.errorKeys.contains(key.lowercased()) {
                    if let complaint = try complaint(reader) {
                        return .wrong("the service answered with an error instead of results: \(complaint)")
                    }
                } else if Field(name: key) != nil && found == nil {
                    return .wrong("an object with record fields at its root, not \(shape)")
                } else {
                    try reader.skipValue()
                }
            }
            try reader.finish()
        } catch {
            return found.map { .records(offset: $0, empty: true) } ?? .unreadable
        }
        guard let found else {
            let members = seen.isEmpty ? "an empty object" : "members " + seen.joined(separator: ", ")
            return .wrong("no \"\(arrayKey)\" array (\(members)), not \(shape)")
        }
        return .records(offset: found, empty: true)
    }

    /// The count an IELTS answer declares in `resultSummary.recordCount` (a number or a string of digits), read
    /// past the records; nil when there is none or the body cannot be read (the pipeline's reader says where).
    static func declaredCount(_ body: InputFile) -> Int? {
        do {
            let reader = try JSONReader(source: try body.source(), chunkSize: 1 << 16)
            try reader.beginObject()
            while try reader.nextMember() {
                guard reader.key == "resultSummary", try reader.peekKind() == .object else {
                    try reader.skipValue()
                    continue
                }
                try reader.beginObject()
                var count: Int?
                while try reader.nextMember() {
                    if reader.key == "recordCount", [.number, .string].contains(try reader.peekKind()) {
                        count = (try reader.readText()).flatMap { Int($0) }
                    } else {
                        try reader.skipValue()
                    }
                }
                return count
            }
        } catch {
            return nil
        }
        return nil
    }

    /// The text of an error member, or nil when it holds nothing (null, false, "", [], {}).
    private func complaint(_ reader: JSONReader) throws(JSONReadError) -> String? {
        let key = Self.printable(reader.key, limit: 40)
        switch try reader.peekKind() {
        case .string, .number:
            let text = try reader.readText() ?? ""
            return text.isEmpty ? nil : "\"\(Self.printable(text, limit: 200))\""
        case .null, .bool:
            return try reader.readText() == "true" ? "\"\(key)\": true" : nil
        case .array:
            try reader.beginArray()
            guard try reader.nextElement() else { return nil }
            repeat { try reader.skipValue() } while try reader.nextElement()
            return "an \"\(key)\" list"
        case .object:
            // {"error": {"code": 429, "message": "quota exceeded"}}: the message inside says most.
            try reader.beginObject()
            var inner: String?
            var any = false
            while try reader.nextMember() {
                any = true
                if inner == nil, ["message", "description", "error_description", "detail"].contains(reader.key),
                    try reader.peekKind() == .string
                {
                    inner = try reader.readText()
                } else {
                    try reader.skipValue()
                }
            }
            guard any else { return nil }
            return inner.map { "\"\(Self.printable($0, limit: 200))\"" } ?? "an \"\(key)\" object"
        }
    }

    /// Server text fit for one log line: control characters become spaces, and it is cut at `limit` characters.
    static func printable(_ text: String, limit: Int) -> String {
        let cleaned = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        return cleaned.count > limit ? cleaned.prefix(limit) + "..." : cleaned
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The kind of the next JSON value, as seen by ``JSONReader/peekKind()``.
public enum JSONValueKind: Sendable, Hashable {
    case object, array, string, number, bool, null
}

/// A strict (RFC 8259) pull reader over UTF-8 bytes read in chunks.
///
/// It never holds the whole document: memory is bounded by the largest single value. The caller walks the
/// structure (`beginObject`, `nextMember`, `beginArray`, `nextElement`), reads the values it wants and skips the rest
/// with `skipValue`, which validates without allocating. Every error carries its line, column and byte offset.
/// Numbers are handed out as their exact text, never as a `Double`.
public final class JSONReader {
    /// The default limit on nesting; deeper documents are a clean error, never a stack overflow.
    public static let defaultMaxDepth = 512
    static let padding = 16

    var source: any ByteSource
    /// The window of the document in memory: `buffer[pos..<end]` is unread; `buffer[end]` is always 0.
    var buffer: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var pos = 0
    var end = 0
    var atEOF = false
    /// Document offset of `buffer[0]`, newlines before it, and the offset of the last of them.
    var bufferOffset = 0
    var linesBefore = 0
    var lastNewlineBefore = -1

    /// Open containers, innermost last: `true` for an object.
    var containers: JSONContainerStack
    /// Whether the innermost open container is an object (kept beside `containers` for the hot path).
    var inObject = false
    /// Inside a container, whether a value has been read since its opening bracket or last comma.
    var needsSeparator = false
    let maxDepth: Int

    /// Decoded string content when a string holds escapes, and the key of the current member.
    var scratch: UnsafeMutablePointer<UInt8>
    var scratchCapacity = 256
    var keyStore: UnsafeMutablePointer<UInt8>
    var keyCapacity = 64
    var keyCount = 0
    /// Whether the current key is still in the buffer, at `keyOffset`, rather than in `keyStore`: it is copied
    /// out only when the buffer is about to move (see `stashKey`).
    var keyInBuffer = false
    var keyOffset = 0

    /// Creates a reader; `chunkSize` is the size of the first buffer, which grows only to fit one value.
    public init(source: any ByteSource, chunkSize: Int = 1 << 18, maxDepth: Int = JSONReader.defaultMaxDepth)
        throws(JSONReadError)
    {
        self.source = source
        self.capacity = max(chunkSize, 64)
        self.maxDepth = maxDepth
        containers = JSONContainerStack(capacity: maxDepth)
        buffer = .allocate(capacity: capacity + Self.padding)
        buffer.initialize(repeating: 0, count: capacity + Self.padding)
        scratch = .allocate(capacity: scratchCapacity)
        keyStore = .allocate(capacity: keyCapacity)
        _ = try refill(keep: 0)
        // A UTF-8 byte order mark is allowed before the document (RFC 8259 section 8.1 lets parsers ignore it).
        while end < 3 && !atEOF { _ = try refill(keep: 0) }
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { pos = 3 }
    }

    deinit {
        containers.deallocate()
        buffer.deallocate()
        scratch.deallocate()
        keyStore.deallocate()
    }

    /// The location of the next unread byte.
    public var location: JSONLocation { location(at: pos) }

    // MARK: Buffer

    /// Drops `buffer[0..<keep]`, keeps the rest, and reads more after it. Indices at or past `keep` move down by
    /// `keep`, whatever it returns. Returns false when the stream has ended and nothing was added.
    func refill(keep: Int) throws(JSONReadError) -> Bool {
        stashKey()
        if keep > 0 {
            countNewlines(upTo: keep)
            memmove(buffer, buffer + keep, end - keep)
            end -= keep
            pos -= keep
            bufferOffset += keep
        }
        if atEOF {
            buffer[end] = 0
            return false
        }
        if capacity - end < capacity / 4 {
            // The value being read does not fit: grow, so memory follows the largest value and nothing else.
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2 + Self.padding)
            grown.initialize(from: buffer, count: end)
            (grown + end).initialize(repeating: 0, count: capacity * 2 + Self.padding - end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let n: Int
        do {
            n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        } catch {
            throw .io(error)
        }
        if n == 0 { atEOF = true }
        end += n
        // Zero padding after the window lets the word-at-a-time string scan read past `end` safely.
        (buffer + end).update(repeating: 0, count: Self.padding)
        return n > 0
    }

    private func countNewlines(upTo limit: Int) {
        // Sixteen bytes at a time with vector compares: newlines are dense in pretty-printed documents. A match
        // is all ones, so subtracting the comparison counts it in its byte lane.
        var count = 0
        var i = 0
        let base = UnsafeRawPointer(buffer)
        let newline = SIMD16<UInt8>(repeating: 0x0A)
        let zero = SIMD16<UInt8>(repeating: 0)
        func matches(_ offset: Int) -> SIMD16<UInt8> {
            let block = base.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
            return unsafeBitCast(block .== newline, to: SIMD16<UInt8>.self)
        }
        while i &+ 64 &* 63 <= limit {
            // Up to 252 blocks (four at a time) add into byte lanes before the lanes are summed.
            var lanes = zero
            for _ in 0..<63 {
                lanes &-= matches(i)
                lanes &-= matches(i &+ 16)
                lanes &-= matches(i &+ 32)
                lanes &-= matches(i &+ 48)
                i &+= 64
            }
            count &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while i + 16 <= limit {
            count &+= Int((zero &- matches(i)).wrappedSum())
            i += 16
        }
        while i < limit {
            if buffer[i] == 0x0A { count += 1 }
            i += 1
        }
        guard count > 0 else { return }
        linesBefore += count
        var last = limit - 1
        while buffer[last] != 0x0A { last -= 1 }
        lastNewlineBefore = bufferOffset + last
    }

    func location(at index: Int) -> JSONLocation {
        var line = linesBefore + 1
        var lastNewline = lastNewlineBefore
        var i = 0
        while i < index && i < end {
            if buffer[i] == 0x0A {
                line += 1
                lastNewline = bufferOffset + i
            }
            i += 1
        }
        let offset = bufferOffset + index
        return JSONLocation(byteOffset: offset, line: line, column: offset - lastNewline)
    }

    /// An error at `index` in the buffer.
    func error(_ reason: String, at index: Int) -> JSONReadError {
        .syntax(JSONError(reason: reason, location: location(at: index)))
    }

    /// An error at the next unread byte.
    public func error(_ reason: String) -> JSONReadError { error(reason, at: pos) }

    /// Skips whitespace and returns the next byte without consuming it; 0 with `pos == end` means the end.
    @inline(__always)
    func skipWhitespace() throws(JSONReadError) -> UInt8 {
        // Locals, not the stored properties, in the loop: pretty-printed documents indent every member.
        var i = pos
        var base = buffer
        while true {
            let byte = base[i]
            if byte <= 0x20 && (UInt64(0x1_0000_2600) >> UInt64(byte)) & 1 == 1 {
                i += 1
                continue
            }
            pos = i
            if byte == 0 && i == end {
                if try refill(keep: i) {
                    i = pos
                    base = buffer
                    continue
                }
            }
            return byte
        }
    }

    /// Describes the byte at `pos` for an error message.
    func found(_ byte: UInt8) -> String {
        if byte == 0 && pos == end { return "end of document" }
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    func expected(_ what: String, _ byte: UInt8) -> JSONReadError {
        if byte == 0 && pos == end { return error("unexpected end of document: expected \(what)") }
        return error("expected \(what), found \(found(byte))")
    }

    // MARK: Structure

    func push(object: Bool) throws(JSONReadError) {
        guard containers.count < maxDepth else {
            throw error("nesting deeper than \(maxDepth) levels")
        }
        containers.append(object)
        inObject = object
        needsSeparator = false
    }

    /// Closes the innermost container.
    @inline(__always)
    func pop() {
        containers.removeLast()
        inObject = containers.last == true
        valueDone()
    }

    func valueDone() { needsSeparator = true }

    /// Consumes the `{` that opens an object.
    public func beginObject() throws(JSONReadError) {
        let byte = try skipWhitespace()
        guard byte == UInt8(ascii: "{") else { throw expected("'{'", byte) }
        pos += 1
        try push(object: true)
    }

    /// Consumes the `[` that opens an array.
    public func beginArray() throws(JSONReadError) {
        let byte = try skipWhitespace()
        guard byte == UInt8(ascii: "[") else { throw expected("'['", byte) }
        pos += 1
        try push(object: false)
    }

    /// Moves to the next element of the open array; returns false after consuming its `]`.
    public func nextElement() throws(JSONReadError) -> Bool {
        guard containers.last == false else { throw error("internal: nextElement outside an array") }
        let byte = try skipWhitespace()
        if needsSeparator {
            if byte == UInt8(ascii: ",") {
                pos += 1
                needsSeparator = false
                if try skipWhitespace() == UInt8(ascii: "]") { throw error("trailing comma before ']'") }
                return true
            }
            guard byte == UInt8(ascii: "]") else { throw expected("',' or ']' after array element", byte) }
        } else if byte != UInt8(ascii: "]") {
            return true
        }
        pos += 1
        pop()
        return false
    }

    /// After the root value: only whitespace may follow.
    public func finish() throws(JSONReadError) {
        guard containers.isEmpty else { throw error("internal: finish inside a container") }
        let byte = try skipWhitespace()
        guard byte == 0 && pos == end else { throw error("unexpected \(found(byte)) after the document") }
    }

    /// The kind of the next value, without consuming it.
    public func peekKind() throws(JSONReadError) -> JSONValueKind {
        let byte = try skipWhitespace()
        switch byte {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw expected("a value", byte)
        }
    }
}

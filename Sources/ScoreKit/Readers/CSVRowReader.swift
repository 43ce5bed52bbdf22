#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits delimited UTF-8 text into rows of fields, in place in its buffer: RFC 4180 CSV and the semicolon- and
/// tab-separated files spreadsheets write. Lines end in CRLF, LF or CR (old Mac Excel). Quoted fields hold
/// delimiters, doubled quotes and line breaks; spaces around a quoted field are dropped; Excel's `="0123"` is
/// read as the quoted text; a quote inside an unquoted field is an ordinary character, as spreadsheets read it.
///
/// Delimiters, quotes and line ends are found eight bytes at a time. A row's fields are spans of the buffer, valid
/// until the next row is read, so no field is copied on the way to the record.
final class CSVRowReader {
    /// The longest header line, and the longest row (a photo in a cell is about 10 KB).
    static let headerLimit = 1 << 20
    static let rowLimit = 16 << 20

    private var source: any ByteSource
    private let name: String
    /// The delimiter: given, or settled from the header line on the first read.
    private(set) var delimiter: UInt8
    private var sniff: Bool
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 18
    private var end = 0
    private var rowStart = 0
    private var atEOF = false
    private var started = false
    private var limit = CSVRowReader.headerLimit

    private struct Span {
        var start: Int
        var end: Int
        var flags: UInt8
    }
    private static let quoted: UInt8 = 1
    private static let escaped: UInt8 = 2
    private static let excel: UInt8 = 4

    private var spans: UnsafeMutablePointer<Span>
    private var spanCapacity = 64
    /// The number of fields in the current row.
    private(set) var fieldCount = 0
    /// The line the current row starts on (1-based).
    private(set) var line = 1
    private var nextLine = 1

    init(source: any ByteSource, name: String, delimiter: UInt8? = nil) {
        self.source = source
        self.name = name
        self.delimiter = delimiter ?? UInt8(ascii: ",")
        sniff = delimiter == nil
        buffer = .allocate(capacity: capacity + 8)
        spans = .allocate(capacity: spanCapacity)
    }

    deinit {
        buffer.deallocate()
        spans.deallocate()
    }

    /// The bytes of field `index` of the current row.
    @inline(__always)
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let span = spans[index]
        return UnsafeBufferPointer(start: buffer + span.start, count: span.end - span.start)
    }

    /// Whether field `index` was quoted (its spaces are its own; an unquoted field's are trimmed by the caller).
    @inline(__always)
    func isQuoted(_ index: Int) -> Bool { spans[index].flags & Self.quoted != 0 }

    /// Whether field `index` was Excel's `="..."`, already unwrapped.
    func isExcelText(_ index: Int) -> Bool { spans[index].flags & Self.excel != 0 }

    /// Field `index` as a record gets it: an unquoted field without surrounding spaces and tabs, Excel's
    /// `="0123"` (quoted or not) as `0123`, and without the `'` the CSV writer's formula guard added.
    @inline(__always)
    func cell(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        var bytes = field(index)
        guard let first = bytes.first else { return bytes }
        let last = bytes[bytes.count - 1]
        // Most cells start and end with a letter or digit: nothing to do.
        if first != 0x20 && first != 0x09 && first != UInt8(ascii: "=") && first != UInt8(ascii: "'") && last != 0x20
            && last != 0x09
        {
            return bytes
        }
        let flags = spans[index].flags
        if flags & Self.quoted == 0 {
            var start = 0
            var stop = bytes.count
            while start < stop && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
            while stop > start && (bytes[stop - 1] == 0x20 || bytes[stop - 1] == 0x09) { stop -= 1 }
            bytes = UnsafeBufferPointer(rebasing: bytes[start..<stop])
        }
        if flags & Self.excel == 0, bytes.count >= 3, bytes[0] == UInt8(ascii: "="), bytes[1] == UInt8(ascii: "\""),
            bytes[bytes.count - 1] == UInt8(ascii: "\"")
        {
            // The quoted form of Excel's text formula: "=""0123""" holds ="0123".
            bytes = UnsafeBufferPointer(rebasing: bytes[2..<bytes.count - 1])
        }
        return FormulaGuard.unguarded(bytes)
    }

    /// Whether the current row is an empty line.
    var isBlankLine: Bool { fieldCount == 1 && spans[0].end == spans[0].start && spans[0].flags == 0 }

    /// Reads the next row; false at the end of the input.
    func nextRow() throws(InputError) -> Bool {
        if !started { try start() }
        while true {
            switch try parseRow() {
            case .complete(let next):
                rowStart = next
                limit = Self.rowLimit
                unescape()
                return true
            case .needMore:
                try fill()
            case .end:
                return false
            }
        }
    }

    private enum Outcome {
        case complete(Int)
        case needMore
        case end
    }

    /// The first read: skips a UTF-8 byte order mark and settles the delimiter from the header line.
    private func start() throws(InputError) {
        started = true
        try fill()
        while end < 3 && !atEOF { try fill() }
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { rowStart = 3 }
        guard sniff else { return }
        while true {
            let header = UnsafeBufferPointer(start: buffer + rowStart, count: end - rowStart)
            if let found = CSVDialect.delimiter(ofHeader: header, complete: atEOF) {
                delimiter = found
                return
            }
            try fill()
        }
    }

    /// Keeps the current row, reads more after it; grows the buffer when the row fills it.
    private func fill() throws(InputError) {
        if rowStart > 0 {
            memmove(buffer, buffer + rowStart, end - rowStart)
            end -= rowStart
            rowStart = 0
        }
        if end == capacity {
            guard capacity < limit else {
                let what = limit == Self.headerLimit ? "the header line" : "line \(nextLine)"
                throw .malformed(
                    file: name,
                    detail: "\(what) is longer than \(limit >> 20) MB: this is not a CSV file, or its quotes do not close")
            }
            capacity = min(capacity * 2, limit)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 8)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
        }
        // Fill the buffer: a row that did not fit is parsed again from its start, so few, large reads keep that
        // to a few times per buffer size.
        while end < capacity && !atEOF {
            let n: Int
            do {
                n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
            } catch {
                if error.isDecodingFailure { throw .malformed(file: name, detail: error.operation) }
                throw .io(error)
            }
            if n == 0 { atEOF = true }
            end += n
        }
        // A line feed after the data stops every search at the end without a bounds check.
        buffer[end] = 0x0A
    }

    @inline(__always)
    private static func has(_ x: UInt64) -> UInt64 {
        // The lowest set high bit marks the first zero byte of `x` (higher ones may be false positives).
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    private static let lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    private static let returns: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
    private static let quotes: UInt64 = 0x2222_2222_2222_2222

    /// The first delimiter, CR or LF at or after `from` (the sentinel line feed at `end` at the latest).
    @inline(__always)
    private func unquotedEnd(_ from: Int, _ delimiters: UInt64) -> Int {
        var i = from
        while true {
            let word = UnsafeRawPointer(buffer + i).loadUnaligned(as: UInt64.self)
            let found = Self.has(word ^ delimiters) | Self.has(word ^ Self.lineFeeds) | Self.has(word ^ Self.returns)
            if found != 0 { return i + found.trailingZeroBitCount >> 3 }
            i += 8
        }
    }

    /// The first quote, CR or LF at or after `from`.
    @inline(__always)
    private func quotedStop(_ from: Int) -> Int {
        var i = from
        while true {
            let word = UnsafeRawPointer(buffer + i).loadUnaligned(as: UInt64.self)
            let found = Self.has(word ^ Self.quotes) | Self.has(word ^ Self.lineFeeds) | Self.has(word ^ Self.returns)
            if found != 0 { return i + found.trailingZeroBitCount >> 3 }
            i += 8
        }
    }

    @inline(__always)
    private func append(_ start: Int, _ stop: Int, _ flags: UInt8) {
        if fieldCount == spanCapacity {
            let grown = UnsafeMutablePointer<Span>.allocate(capacity: spanCapacity * 2)
            grown.update(from: spans, count: fieldCount)
            spans.deallocate()
            spans = grown
            spanCapacity *= 2
        }
        spans[fieldCount] = Span(start: start, end: stop, flags: flags)
        fieldCount += 1
    }

    @inline(__always)
    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte == 0x09 && delimiter != 0x09) }

    /// Parses the row at `rowStart`, or says that more input is needed to finish it (it is then parsed again).
    private func parseRow() throws(InputError) -> Outcome {
        var p = rowStart
        if p == end { return atEOF ? .end : .needMore }
        let b = buffer
        let delimiters = UInt64(delimiter) &* 0x0101_0101_0101_0101
        var breaks = 0
        fieldCount = 0
        while true {
            var flags: UInt8 = 0
            if p < end && (b[p] == 0x20 || b[p] == UInt8(ascii: "=")) {
                // Spaces before a quoted field, and Excel's ="..." (both rare: checked only when the field starts so).
                var s = p
                while s < end && isSpace(b[s]) { s += 1 }
                if s + 1 >= end && !atEOF { return .needMore }
                if s < end && b[s] == UInt8(ascii: "=") && s + 1 < end && b[s + 1] == UInt8(ascii: "\"") {
                    flags = Self.excel
                    p = s + 1
                } else if s < end && b[s] == UInt8(ascii: "\"") {
                    p = s
                }
            }
            if p < end && b[p] == UInt8(ascii: "\"") {
                flags |= Self.quoted
                let start = p + 1
                var q = start
                while true {
                    q = quotedStop(q)
                    if q + 1 >= end && !atEOF { return .needMore }
                    if q >= end {
                        throw .malformed(
                            file: name, detail: "line \(nextLine): a quoted field is not closed before the end of the file")
                    }
                    if b[q] == UInt8(ascii: "\"") {
                        if b[q + 1] == UInt8(ascii: "\"") && q + 1 < end {
                            flags |= Self.escaped
                            q += 2
                            continue
                        }
                        break
                    }
                    // A line break inside the quotes: CRLF counts once.
                    if b[q] == 0x0A || b[q + 1] != 0x0A || q + 1 == end { breaks += 1 }
                    q += 1
                }
                let stop = q
                p = q + 1
                while p < end && isSpace(b[p]) { p += 1 }
                if p == end && !atEOF { return .needMore }
                append(start, stop, flags)
                if p < end && b[p] != delimiter && b[p] != 0x0A && b[p] != 0x0D {
                    throw .malformed(
                        file: name,
                        detail: "line \(nextLine + breaks), field \(fieldCount): text after the closing quote of a field")
                }
            } else {
                let stop = unquotedEnd(p, delimiters)
                if stop >= end && !atEOF { return .needMore }
                append(p, stop, flags)
                p = stop
            }
            if p < end && b[p] == delimiter {
                p += 1
                continue
            }
            break
        }
        // The row ends at a line end, or at the end of the input.
        if p < end {
            if b[p] == 0x0D {
                if p + 1 == end && !atEOF { return .needMore }
                p += p + 1 < end && b[p + 1] == 0x0A ? 2 : 1
            } else {
                p += 1
            }
        }
        line = nextLine
        nextLine += 1 + breaks
        return .complete(p)
    }

    /// Turns each doubled quote of the current row's quoted fields into one, in place.
    private func unescape() {
        for index in 0..<fieldCount where spans[index].flags & Self.escaped != 0 {
            var read = spans[index].start
            var write = read
            let stop = spans[index].end
            while read < stop {
                let byte = buffer[read]
                buffer[write] = byte
                write += 1
                read += byte == UInt8(ascii: "\"") ? 2 : 1
            }
            spans[index].end = write
            spans[index].flags &= ~Self.escaped
        }
    }
}

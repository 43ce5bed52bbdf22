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
    let name: String
    /// The delimiter: given, or settled from the header line on the first read.
    private(set) var delimiter: UInt8
    private var sniff: Bool
    /// Whether the delimiter was given (`--delimiter`) rather than settled from the header line.
    var delimiterGiven: Bool { !sniff }
    // The buffer and the spans are shared with the extensions (quoted fields, the first pass's skim).
    var buffer: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 18
    var end = 0
    var rowStart = 0
    var atEOF = false
    private(set) var started = false
    private var limit = CSVRowReader.headerLimit

    struct Span {
        var start: Int
        var end: Int
        var flags: UInt8
    }
    static let quoted: UInt8 = 1
    static let escaped: UInt8 = 2
    static let excel: UInt8 = 4
    /// The cell may need trimming, unwrapping or unguarding (see ``cell(_:)``).
    static let work: UInt8 = 8

    var spans: UnsafeMutablePointer<Span>
    var spanCapacity = 64
    /// The number of fields in the current row.
    var fieldCount = 0
    /// The line the current row starts on (1-based).
    private(set) var line = 1
    var nextLine = 1
    /// Line breaks inside the quoted fields of the row being parsed, and whether one has a doubled quote.
    var breaks = 0
    var escapedRow = false

    /// Bytes dropped from the front of the buffer so far: `consumed + rowStart` is where the next row starts in
    /// the source.
    private(set) var consumed = 0
    /// Whether the source starts mid-file, at a row (no byte order mark; the delimiter is given).
    private let midFile: Bool

    /// Reads rows from `source`; `delimiter` nil settles it from the header line. A reader that starts in the
    /// middle of a file (`midFile`, with a delimiter) looks for no byte order mark.
    init(source: any ByteSource, name: String, delimiter: UInt8? = nil, midFile: Bool = false) {
        self.source = source
        self.name = name
        self.delimiter = delimiter ?? UInt8(ascii: ",")
        self.midFile = midFile && delimiter != nil
        sniff = delimiter == nil
        buffer = .allocate(capacity: capacity + 8)
        spans = .allocate(capacity: spanCapacity)
    }

    deinit {
        buffer.deallocate()
        spans.deallocate()
    }

    /// Field `index` as a record gets it: an unquoted field without surrounding spaces and tabs, Excel's
    /// `="0123"` (quoted or not) as `0123`, and without the `'` the CSV writer's formula guard added.
    @inline(__always)
    func cell(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let span = spans[index]
        var bytes = UnsafeBufferPointer(start: buffer + span.start, count: span.end - span.start)
        let flags = span.flags
        // Most cells start and end with a letter or digit: nothing to do.
        if flags & Self.work == 0 { return bytes }
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
    var isBlankLine: Bool { fieldCount == 1 && spans[0].end == spans[0].start && spans[0].flags & Self.quoted == 0 }

    /// Where the next row starts in the source (after the current one), and its line.
    var nextRowOffset: Int { consumed + rowStart }
    var nextLineNumber: Int { nextLine }

    /// Reads the next row; false at the end of the input.
    func nextRow() throws(InputError) -> Bool {
        if !started { try start() }
        while true {
            switch try parseRow() {
            case .complete(let next):
                rowStart = next
                if escapedRow { unescape() }
                return true
            case .needMore:
                try fill()
            case .end:
                return false
            }
        }
    }

    enum Outcome {
        case complete(Int)
        case needMore
        case end
    }

    /// The first read: skips a UTF-8 byte order mark and settles the delimiter from the header line.
    private func start() throws(InputError) {
        started = true
        try fill()
        while end < 3 && !atEOF { try fill() }
        if !midFile && end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { rowStart = 3 }
        if !midFile {
            while end - rowStart < 8 && !atEOF { try fill() }
            if let (hinted, next) = separatorHint() {
                // Excel's `sep=;` line names the delimiter; it is no row. A --delimiter given still decides.
                rowStart = next
                nextLine = 2
                if sniff {
                    delimiter = hinted
                    return
                }
            }
        }
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

    /// Excel's first line `sep=X` (any case, then a line end): X, and where the next line starts.
    private func separatorHint() -> (UInt8, Int)? {
        let at = rowStart
        guard end - at >= 5 else { return nil }
        let word = "sep=".utf8
        for (offset, letter) in word.enumerated() where buffer[at + offset] | 0x20 != letter | 0x20 { return nil }
        let hinted = buffer[at + 4]
        guard hinted >= 0x09, hinted != 0x0A, hinted != 0x0D else { return nil }
        var next = at + 5
        if next < end && buffer[next] == 0x0D { next += 1 }
        if next < end && buffer[next] == 0x0A { next += 1 }
        guard next > at + 5 || next == end && atEOF else { return nil }
        return (hinted, next)
    }

    /// Keeps the current row, reads more after it; grows the buffer when the row fills it.
    func fill() throws(InputError) {
        if rowStart > 0 {
            memmove(buffer, buffer + rowStart, end - rowStart)
            end -= rowStart
            consumed += rowStart
            rowStart = 0
        }
        if end == capacity {
            guard capacity < limit else {
                let what = limit == Self.headerLimit ? "the header line" : "line \(nextLine)"
                throw .malformed(
                    file: name,
                    detail:
                        "\(what) is longer than \(limit >> 20) MB: this is not a CSV file, or its quotes do not close")
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
    static func has(_ x: UInt64) -> UInt64 {
        // The lowest set high bit marks the first zero byte of `x` (higher ones may be false positives).
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    static let lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    static let returns: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
    static let quotes: UInt64 = 0x2222_2222_2222_2222

    /// The first delimiter, CR or LF at or after `from` (the sentinel line feed at `end` at the latest).
    @inline(__always)
    func unquotedEnd(_ from: Int, _ delimiters: UInt64) -> Int {
        var i = from
        while true {
            let word = UnsafeRawPointer(buffer + i).loadUnaligned(as: UInt64.self)
            let found = Self.has(word ^ delimiters) | Self.has(word ^ Self.lineFeeds) | Self.has(word ^ Self.returns)
            if found != 0 { return i + found.trailingZeroBitCount >> 3 }
            i += 8
        }
    }

    /// The row just parsed starts on the next line; rows after the header may be longer than it.
    func setLine() {
        line = nextLine
        nextLine += 1 + breaks
        breaks = 0
        limit = Self.rowLimit
    }

    /// Makes room for one more field.
    func growSpans() {
        let grown = UnsafeMutablePointer<Span>.allocate(capacity: spanCapacity * 2)
        grown.update(from: spans, count: fieldCount)
        spans.deallocate()
        spans = grown
        spanCapacity *= 2
    }

    @inline(__always)
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte == 0x09 && delimiter != 0x09) }

    /// A bit (the high bit of its byte) for each of the eight bytes at `at` that may end an unquoted field: the
    /// delimiter, or any byte below 0x0E (CR, LF, and the rarer controls, which the caller passes over).
    @inline(__always)
    func stops(_ at: Int, _ delimiters: UInt64) -> UInt64 {
        let x = UnsafeRawPointer(buffer + at).loadUnaligned(as: UInt64.self)
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let t = x ^ delimiters
        // A byte's high bit stays clear exactly where it is the delimiter, or below 0x0E.
        let notDelimiter = ((t & low) &+ low) | t
        let notControl = ((x & low) &+ 0x7272_7272_7272_7272) | x
        return ~(notDelimiter & notControl) & 0x8080_8080_8080_8080
    }

    /// Parses the row at `rowStart`, or says that more input is needed to finish it (it is then parsed again).
    ///
    /// Field ends are taken from a bit mask of the delimiters and line ends of eight bytes at a time, so one load
    /// serves several short fields. A field that starts with a quote, a space or `=` goes the slow way
    /// (``specialField(at:)``). A span is marked for ``cell(_:)`` only when an end may hold something to trim or
    /// unguard.
    func parseRow() throws(InputError) -> Outcome {
        let b = buffer
        let end = self.end
        let atEOF = self.atEOF
        var p = rowStart
        if p == end { return atEOF ? .end : .needMore }
        let delimiter = self.delimiter
        let delimiters = UInt64(delimiter) &* 0x0101_0101_0101_0101
        breaks = 0
        escapedRow = false
        var count = 0
        var spans = self.spans
        defer { fieldCount = count }
        var word = p
        var mask = stops(word, delimiters)
        while true {
            if count == spanCapacity {
                fieldCount = count
                growSpans()
                spans = self.spans
            }
            let first = b[p]
            var stop: Int
            if first == UInt8(ascii: "\"") || first == 0x20 || first == UInt8(ascii: "=") {
                fieldCount = count
                guard let next = try specialField(at: p) else { return .needMore }
                count = fieldCount
                stop = next
                word = next
                mask = stops(word, delimiters) & ~0x80
            } else {
                // The first stop at or after p (bits below p were cleared as their fields ended).
                while true {
                    while mask == 0 {
                        word += 8
                        mask = stops(word, delimiters)
                    }
                    stop = word + mask.trailingZeroBitCount >> 3
                    mask &= mask &- 1
                    let byte = b[stop]
                    if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
                }
                if stop == end && !atEOF { return .needMore }
                // Cheap and cautious: anything below '(' first (tab, ', controls) or at most a space last.
                let work = stop > p && (first < 0x28 || b[stop - 1] <= 0x20)
                spans[count] = Span(start: p, end: stop, flags: work ? Self.work : 0)
                count += 1
            }
            if b[stop] == delimiter {
                p = stop + 1
                continue
            }
            p = stop
            break
        }
        // The row ends at a line end, or at the end of the input.
        guard let next = Self.pastLineEnd(b, p, end, atEOF: atEOF) else { return .needMore }
        setLine()
        return .complete(next)
    }

    /// Where the row after the line end at `p` starts: past a CRLF, a CR or an LF, or `end` itself at the end of
    /// the input; nil when a CR is the last byte read and an LF may follow in the next read.
    @inline(__always)
    static func pastLineEnd(_ b: UnsafeMutablePointer<UInt8>, _ p: Int, _ end: Int, atEOF: Bool) -> Int? {
        guard p < end else { return p }
        guard b[p] == 0x0D else { return p + 1 }
        if p + 1 == end && !atEOF { return nil }
        return p + (p + 1 < end && b[p + 1] == 0x0A ? 2 : 1)
    }
}

/// RFC 4180 CSV: a header row of headings, CRLF line ends, quotes only where needed.
public struct CSVWriter: RecordWriter {
    public let options: WriterOptions
    /// How each field of the template is written, worked out once.
    private let cells: [Cell]

    /// Scores and dates are written from their values, stored text straight from its bytes, the rest as text.
    private enum Cell {
        case score(Field), date(Field), postalAddress
        case stored(TextStorage)
        case text(Field)
    }

    public init(options: WriterOptions) {
        self.options = options
        cells = options.fields.map { field in
            if let storage = field.storage { return .stored(storage) }
            switch field.valueType {
            case .score: return .score(field)
            case .date: return .date(field)
            default: return field == .postalAddress ? .postalAddress : .text(field)
            }
        }
    }

    public func writeHeader(to out: inout OutputBuffer) {
        if options.byteOrderMark { out.append([0xEF, 0xBB, 0xBF]) }
        for (index, field) in options.fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            cell(field.heading, to: &out)
        }
        out.append("\r\n" as StaticString)
    }

    public func write(_ score: TestScore, to out: inout OutputBuffer) {
        score.withStoredText { text in
            for (index, cell) in cells.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(cell, of: score, text, to: &out)
            }
        }
        out.append("\r\n" as StaticString)
    }

    @inline(__always)
    private func write(_ cell: Cell, of score: TestScore, _ text: StoredText, to out: inout OutputBuffer) {
        // Scores and dates are digits and separators: no quoting, no guard, and no String on the way.
        switch cell {
        case .stored(let storage):
            self.cell(text[storage], to: &out)
        case .score(let field):
            switch field.score(of: score) {
            case (.valid(let value), let decimals): value.write(decimals: decimals, to: &out)
            case (.invalid(let text), _): self.cell(text, to: &out)
            case (nil, _): break
            }
        case .date(let field):
            switch field.date(of: score, options.context) {
            case .valid(let date): options.context.dateFormat.write(date, to: &out)
            case .invalid(let text): self.cell(text, to: &out)
            case nil: break
            }
        case .postalAddress:
            postalAddress(text.candidate, to: &out)
        case .text(let field):
            field.withText(of: score, options.context) { self.cell($0, to: &out) }
        }
    }

    public func writeFooter(to out: inout OutputBuffer) {}

    /// A row is its record's cells and a CRLF.
    public var recordsStandAlone: Bool { true }

    /// Appends one cell, guarded and quoted as needed.
    @inline(__always)
    func cell(_ text: String, to out: inout OutputBuffer) {
        var text = text
        text.withUTF8 { cell($0, to: &out) }
    }

    /// Appends one cell of UTF-8 bytes, guarded and quoted as needed.
    @inline(__always)
    func cell(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer) {
        guard let firstByte = bytes.first else { return }
        let guarded = options.formulaGuard && Self.startsFormula(firstByte)
        if !Self.needsQuotes(bytes) {
            if guarded { out.append(UInt8(ascii: "'")) }
            out.append(bytes)
            return
        }
        out.append(UInt8(ascii: "\""))
        if guarded { out.append(UInt8(ascii: "'")) }
        appendEscaped(bytes, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// The postal address as sent, or the non-empty address lines joined by ", ", written as
    /// `cell(candidate.composedPostalAddress)` would write it, without composing a String.
    private func postalAddress(_ text: TextFields<CandidateText>.View, to out: inout OutputBuffer) {
        let sent = text[.postalAddress]
        if !sent.isEmpty {
            cell(sent, to: &out)
            return
        }
        var lines = 0
        var first = CandidateText.addressLine1
        for slot in Candidate.addressSlots where !text[slot].isEmpty {
            if lines == 0 { first = slot }
            lines += 1
        }
        if lines < 2 {
            if lines == 1 { cell(text[first], to: &out) }
            return
        }
        // Two lines or more: the ", " between them means quotes.
        out.append(UInt8(ascii: "\""))
        if options.formulaGuard && Self.startsFormula(text[first][0]) { out.append(UInt8(ascii: "'")) }
        var written = 0
        for slot in Candidate.addressSlots where !text[slot].isEmpty {
            if written > 0 { out.append(", " as StaticString) }
            appendEscaped(text[slot], to: &out)
            written += 1
        }
        out.append(UInt8(ascii: "\""))
    }

    /// OWASP's formula starters: = + - @ tab CR LF.
    @inline(__always)
    private static func startsFormula(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "@") || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// Whether any byte is a comma, a quote, LF or CR: sixteen bytes at a time in a long cell, else eight, the
    /// last block overlapping the ones before, so no byte is looked at alone unless the cell is shorter than four.
    @inline(__always)
    private static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let base = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped)
        let n = bytes.count
        // A byte of `x` is zero exactly where `word` holds that character (no false positives below the first).
        func special(_ word: UInt64) -> Bool {
            func zeroByte(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x }
            let found =
                zeroByte(word ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroByte(word ^ 0x2222_2222_2222_2222)
                | zeroByte(word ^ 0x0A0A_0A0A_0A0A_0A0A) | zeroByte(word ^ 0x0D0D_0D0D_0D0D_0D0D)
            return found & 0x8080_8080_8080_8080 != 0
        }
        if n > 32 {
            // Long cells (a photo) sixteen bytes at a time, the last block overlapping the ones before.
            let comma = SIMD16<UInt8>(repeating: 0x2C)
            let quote = SIMD16<UInt8>(repeating: 0x22)
            let lineFeed = SIMD16<UInt8>(repeating: 0x0A)
            let carriageReturn = SIMD16<UInt8>(repeating: 0x0D)
            func special(block offset: Int) -> Bool {
                let block = base.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
                let found = (block .== comma) .| (block .== quote) .| (block .== lineFeed) .| (block .== carriageReturn)
                let words = unsafeBitCast(found, to: SIMD2<UInt64>.self)
                return words[0] | words[1] != 0
            }
            var i = 0
            while i &+ 16 < n {
                if special(block: i) { return true }
                i &+= 16
            }
            return special(block: n &- 16)
        }
        if n >= 8 {
            var i = 0
            while i + 8 < n {
                if special(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
                i += 8
            }
            return special(base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
        }
        if n >= 4 {
            // Both halves, overlapping when shorter than eight bytes.
            let head = UInt64(base.loadUnaligned(as: UInt32.self))
            let tail = UInt64(base.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            return special(head | tail << 32)
        }
        return bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
    }

    /// The bytes with every quote doubled.
    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer) {
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
    }
}

/// RFC 4180 CSV: a header row of headings, CRLF line ends, quotes only where needed.
public struct CSVWriter: RecordWriter {
    public let options: WriterOptions
    /// How each field of the template is written, worked out once.
    private let cells: [Cell]

    /// Scores and dates are written from their values, stored text straight from its bytes, codes from the
    /// record's typed values, the rest as text.
    private enum Cell {
        /// A section, overall or comparable score, and the decimals it shows with (nil: the scale's).
        case section(ScoreCell)
        /// The test date, the date of birth, the report date or the download date.
        case mainDate(Field)
        /// Any other score or date (MyBest), through the field's own accessor.
        case score, date
        case postalAddress
        case stored(TextStorage)
        /// The id, in the TRF number column (IELTS) or the appointment number column (TOEFL).
        case id(ielts: Bool)
        case module, gender
        case text(Field)
    }

    public init(options: WriterOptions) {
        self.options = options
        cells = options.fields.map { field in
            if let storage = field.storage { return .stored(storage) }
            switch field {
            case .trfNumber: return .id(ielts: true)
            case .appointmentNumber: return .id(ielts: false)
            case .module: return .module
            case .gender: return .gender
            default: break
            }
            if let section = ScoreCell(field) { return .section(section) }
            if [.testDate, .dateOfBirth, .reportDate, .downloadDate].contains(field) { return .mainDate(field) }
            switch field.valueType {
            case .score: return .score
            case .date: return .date
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
                write(cell, at: index, of: score, text, to: &out)
            }
        }
        out.append("\r\n" as StaticString)
    }

    @inline(__always)
    private func write(_ cell: Cell, at index: Int, of score: TestScore, _ text: StoredText, to out: inout OutputBuffer)
    {
        // Scores and dates are digits and separators: no quoting, no guard, and no String on the way.
        switch cell {
        case .section(let section):
            let decimals = section == .comparable ? 0 : score.test.scale.decimals
            switch section.value(in: score.scores, comparable: score.comparableIBT) {
            case .valid(let value): value.write(decimals: decimals, to: &out)
            case .invalid(let text): self.cell(text, to: &out)
            case nil: break
            }
        case .mainDate(let field):
            let value: Checked<CalendarDate>?
            switch field {
            case .testDate: value = score.session.testDate
            case .dateOfBirth: value = score.candidate.dateOfBirth
            case .reportDate: value = score.session.reportDate
            default: value = .valid(options.context.downloadDate)
            }
            switch value {
            case .valid(let date): options.context.dateFormat.write(date, to: &out)
            case .invalid(let text): self.cell(text, to: &out)
            case nil: break
            }
        case .score, .date:
            other(options.fields[index], score, to: &out)
        case .stored(let storage):
            self.cell(text[storage], to: &out)
        case .postalAddress:
            postalAddress(score.candidate, to: &out)
        case .id(let ielts):
            if score.test.isIELTS == ielts { self.cell(text[.record(.id)], to: &out) }
        case .module:
            if !text[.record(.sourceModule)].isEmpty {
                // A value that named no module, written back as it came: guarded and quoted as any text.
                self.cell(text[.record(.sourceModule)], to: &out)
            } else if !score.moduleIsGuessed, let module = score.test.module {
                // "Academic" or "General Training": nothing to quote or guard.
                out.append(module)
            }
        case .gender:
            if let gender = score.candidate.gender { out.append(gender.byte) }
        case .text(let field):
            field.withText(of: score, options.context) { self.cell($0, to: &out) }
        }
    }

    public func writeFooter(to out: inout OutputBuffer) {}

    /// A row is its record's cells and a CRLF.
    public var recordsStandAlone: Bool { true }

    /// A MyBest score or date: kept out of `write`, whose every call would otherwise copy the MyBest scores.
    @inline(never)
    private func other(_ field: Field, _ score: TestScore, to out: inout OutputBuffer) {
        if field.valueType == .score {
            switch field.score(of: score) {
            case (.valid(let value), let decimals): value.write(decimals: decimals, to: &out)
            case (.invalid(let text), _): cell(text, to: &out)
            case (nil, _): break
            }
            return
        }
        switch field.date(of: score, options.context) {
        case .valid(let date): options.context.dateFormat.write(date, to: &out)
        case .invalid(let text): cell(text, to: &out)
        case nil: break
        }
    }

    /// Appends one cell, guarded and quoted as needed.
    @inline(__always)
    func cell(_ text: String, to out: inout OutputBuffer) {
        var text = text
        text.withUTF8 { cell($0, to: &out) }
    }

    /// Appends one cell of UTF-8 bytes, guarded and quoted as needed. The bytes are copied first and checked in the
    /// output buffer, where a word may be read past their end.
    @inline(__always)
    func cell(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer) {
        let count = bytes.count
        guard count > 0, let source = bytes.baseAddress else { return }
        let guarded = options.formulaGuard && FormulaGuard.needsGuard(bytes)
        let tail = out.tail(reserving: count + 1)
        var at = 0
        if guarded {
            tail[0] = UInt8(ascii: "'")
            at = 1
        }
        OutputBuffer.copy(source, to: tail + at, count: count)
        let last = source[count - 1]
        let edge = (!guarded && (source[0] == 0x20 || source[0] == 0x09)) || last == 0x20 || last == 0x09
        if !edge && !Self.hasSpecial(tail + at, count) {
            out.commit(at + count)
            return
        }
        out.append(UInt8(ascii: "\""))
        if guarded { out.append(UInt8(ascii: "'")) }
        appendEscaped(bytes, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// The postal address as sent, or the non-empty address lines joined by ", ", written as
    /// `cell(candidate.composedPostalAddress)` would write it, without composing a String.
    private func postalAddress(_ candidate: Candidate, to out: inout OutputBuffer) {
        let text = candidate.text
        if !text.isEmpty(.postalAddress) {
            text.withBytes(.postalAddress) { cell($0, to: &out) }
            return
        }
        var lines = 0
        var first = CandidateText.addressLine1
        for slot in Candidate.addressSlots where !text.isEmpty(slot) {
            if lines == 0 { first = slot }
            lines += 1
        }
        if lines < 2 {
            if lines == 1 { text.withBytes(first) { cell($0, to: &out) } }
            return
        }
        // Two lines or more: the ", " between them means quotes.
        out.append(UInt8(ascii: "\""))
        if options.formulaGuard, text.withBytes(first, FormulaGuard.needsGuard) { out.append(UInt8(ascii: "'")) }
        var written = 0
        for slot in Candidate.addressSlots where !text.isEmpty(slot) {
            if written > 0 { out.append(", " as StaticString) }
            text.withBytes(slot) { appendEscaped($0, to: &out) }
            written += 1
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any of the `count` bytes at `p` is a comma, a quote, LF or CR, eight bytes at a time: the last word
    /// may read past them (the output buffer has room) and is masked to them.
    @inline(__always)
    private static func hasSpecial(_ p: UnsafeMutablePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        while i < count {
            let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            // A byte of `x` is zero exactly where `word` holds that character (no false positives below the first).
            func zeroByte(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x }
            var found =
                (zeroByte(word ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroByte(word ^ 0x2222_2222_2222_2222)
                    | zeroByte(word ^ 0x0A0A_0A0A_0A0A_0A0A) | zeroByte(word ^ 0x0D0D_0D0D_0D0D_0D0D))
                & 0x8080_8080_8080_8080
            let left = count - i
            if left < 8 { found &= (1 &<< UInt64(left * 8)) &- 1 }
            if found != 0 { return true }
            i += 8
        }
        return false
    }

    /// The bytes with every quote doubled.
    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer) {
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
    }
}

extension Gender {
    /// The code's one ASCII letter.
    fileprivate var byte: UInt8 {
        switch self {
        case .male: UInt8(ascii: "M")
        case .female: UInt8(ascii: "F")
        case .unspecified: UInt8(ascii: "U")
        }
    }
}

/// The scores a record keeps in place, which the writer reads without going through ``Field/score(of:)``.
private enum ScoreCell: Hashable {
    case listening, reading, writing, speaking, overall, comparable

    init?(_ field: Field) {
        switch field {
        case .listeningScore: self = .listening
        case .readingScore: self = .reading
        case .writingScore: self = .writing
        case .speakingScore: self = .speaking
        case .overallBandScore: self = .overall
        case .comparableIbtScore: self = .comparable
        default: return nil
        }
    }

    @inline(__always)
    func value(in scores: SectionScores, comparable: Checked<ExactDecimal>?) -> Checked<ExactDecimal>? {
        switch self {
        case .listening: scores.listening
        case .reading: scores.reading
        case .writing: scores.writing
        case .speaking: scores.speaking
        case .overall: scores.overall
        case .comparable: comparable
        }
    }
}

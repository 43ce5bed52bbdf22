/// Parsing of the values service feeds send as strings.
enum SourceValue {
    /// A score, or nil when empty.
    static func score(_ text: String) -> Checked<ExactDecimal>? {
        var text = text
        return text.withUTF8 { score(bytes: $0) }
    }

    /// A score from UTF-8 bytes, or nil when empty; only a value that does not parse becomes a `String`.
    static func score(bytes: UnsafeBufferPointer<UInt8>) -> Checked<ExactDecimal>? {
        if bytes.isEmpty { return nil }
        if let value = ExactDecimal(bytes: bytes) { return .valid(value) }
        return .invalid(String(decoding: bytes, as: UTF8.self))
    }

    /// A YYYYMMDD date (or yyyy-mm-dd), or nil when empty.
    static func date(_ text: String) -> Checked<CalendarDate>? {
        var text = text
        return text.withUTF8 { date(bytes: $0) }
    }

    /// A date from UTF-8 bytes, or nil when empty; only a value that does not parse becomes a `String`.
    static func date(bytes: UnsafeBufferPointer<UInt8>) -> Checked<CalendarDate>? {
        if bytes.isEmpty { return nil }
        if bytes.count == 8, let date = compactDate(bytes) { return .valid(date) }
        if let date = DateFormat.compact.parse(bytes: bytes) ?? DateFormat.isoDate.parse(bytes: bytes) {
            return .valid(date)
        }
        return .invalid(String(decoding: bytes, as: UTF8.self))
    }

    /// Eight digits, YYYYMMDD, as TOEFL sends every date: one word, checked and split without a loop.
    @inline(__always)
    private static func compactDate(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        let word = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped).loadUnaligned(as: UInt64.self)
        let digits = word &- 0x3030_3030_3030_3030
        // A byte below "0" borrows and sets its top bit; one above "9" does once 0x76 is added.
        guard (digits | (digits &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080 == 0 else { return nil }
        func digit(_ index: Int) -> Int { Int(truncatingIfNeeded: (digits &>> UInt64(8 &* index)) & 0xFF) }
        let year = digit(0) &* 1000 &+ digit(1) &* 100 &+ digit(2) &* 10 &+ digit(3)
        return CalendarDate(year: year, month: digit(4) &* 10 &+ digit(5), day: digit(6) &* 10 &+ digit(7))
    }

    /// A CEFR level, or nil when empty.
    static func cefr(_ text: String) -> Checked<CEFRLevel>? {
        if text.isEmpty { return nil }
        return CEFRLevel(text: text).map { .valid($0) } ?? .invalid(text)
    }
}

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
        if let date = DateFormat.compact.parse(bytes: bytes) ?? DateFormat.isoDate.parse(bytes: bytes) {
            return .valid(date)
        }
        return .invalid(String(decoding: bytes, as: UTF8.self))
    }

    /// A CEFR level, or nil when empty.
    static func cefr(_ text: String) -> Checked<CEFRLevel>? {
        if text.isEmpty { return nil }
        return CEFRLevel(text: text).map { .valid($0) } ?? .invalid(text)
    }
}

/// A key table over an enum's raw values: `keys.match(reader)` names the current member's key.
struct KeySet<Key: RawRepresentable & CaseIterable & Sendable>: Sendable where Key.RawValue == String {
    private let table: JSONKeyTable
    private let all: [Key]

    init() {
        all = Array(Key.allCases)
        table = JSONKeyTable(all.map(\.rawValue))
    }

    @inline(__always)
    func match(_ reader: JSONReader) -> Key? {
        table.index(of: reader.keyBytes).map { all[$0] }
    }
}

/// Parsing of the values service feeds send as strings.
enum SourceValue {
    /// A score, or nil when empty.
    static func score(_ text: String) -> Checked<ExactDecimal>? {
        if text.isEmpty { return nil }
        return ExactDecimal(text).map { .valid($0) } ?? .invalid(text)
    }

    /// A YYYYMMDD date (or yyyy-mm-dd), or nil when empty.
    static func date(_ text: String) -> Checked<CalendarDate>? {
        if text.isEmpty { return nil }
        if let date = DateFormat.compact.parse(text) ?? DateFormat.isoDate.parse(text) { return .valid(date) }
        return .invalid(text)
    }

    /// A CEFR level, or nil when empty.
    static func cefr(_ text: String) -> Checked<CEFRLevel>? {
        if text.isEmpty { return nil }
        return CEFRLevel(text: text).map { .valid($0) } ?? .invalid(text)
    }
}

extension JSONReader {
    /// The current member's value as text: strings and numbers as they are, null as "".
    @inline(__always)
    func text() throws(JSONReadError) -> String {
        try readText() ?? ""
    }

    /// Enters the object value of the current member; false (having consumed it) if the value is null.
    func enterObject() throws(JSONReadError) -> Bool {
        if try readNull() { return false }
        try beginObject()
        return true
    }
}

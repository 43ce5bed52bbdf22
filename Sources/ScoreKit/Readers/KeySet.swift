/// A key table over an enum's raw values, for walking an object's members by key:
///
///     var members = keys.members(of: reader)
///     while try members.next() {
///         switch members.key { ... case nil: try reader.skipValue() }
///     }
final class KeySet<Key: RawRepresentable & CaseIterable & Sendable>: Sendable where Key.RawValue == String {
    private let table: JSONKeyTable
    private let all: [Key]

    /// The members of the object `reader` has just entered.
    func members(of reader: JSONReader) -> Members { Members(keys: self, reader: reader) }

    /// Walks the members of one object, naming each key, and expecting the key after the previous one first.
    struct Members: ~Copyable {
        private let table: JSONKeyTable
        private let keys: KeySet
        private let reader: JSONReader
        private var index = -1

        init(keys: KeySet, reader: JSONReader) {
            self.table = keys.table
            self.keys = keys
            self.reader = reader
        }

        /// Moves to the next member; false after the object's end.
        @inline(__always)
        mutating func next() throws(JSONReadError) -> Bool {
            try reader.nextMember(in: table, hint: index + 1, index: &index)
        }

        /// The current member's key, or nil if the set does not hold it.
        var key: Key? { index >= 0 ? keys.all[index] : nil }
    }

    init() {
        all = Array(Key.allCases)
        table = JSONKeyTable(all.map(\.rawValue))
    }
}

extension JSONReader {
    /// The current member's value as text: strings and numbers as they are, null as "".
    @inline(__always)
    func text() throws(JSONReadError) -> String {
        try readText() ?? ""
    }

    /// Stores the current member's value, as ``text()`` reads it, in `slot` of `fields`, without making a `String`.
    @inline(__always)
    func text<Slot>(into fields: inout TextFields<Slot>, _ slot: Slot) throws(JSONReadError) {
        fields.set(slot, try readTextBytes() ?? UnsafeBufferPointer(start: nil, count: 0))
    }

    /// The current member's value as a score (see ``SourceValue/score(bytes:)``).
    @inline(__always)
    func score() throws(JSONReadError) -> Checked<ExactDecimal>? {
        guard let bytes = try readTextBytes() else { return nil }
        return SourceValue.score(bytes: bytes)
    }

    /// The current member's value as a date (see ``SourceValue/date(bytes:)``).
    @inline(__always)
    func date() throws(JSONReadError) -> Checked<CalendarDate>? {
        guard let bytes = try readTextBytes() else { return nil }
        return SourceValue.date(bytes: bytes)
    }

    /// The current member's value as a CEFR level (see ``SourceValue/cefr(_:)``).
    @inline(__always)
    func cefr() throws(JSONReadError) -> Checked<CEFRLevel>? {
        guard let bytes = try readTextBytes(), !bytes.isEmpty else { return nil }
        // The common case, a level as written, without a String.
        if bytes.count == 2 {
            switch (bytes[0], bytes[1]) {
            case (UInt8(ascii: "A"), UInt8(ascii: "1")): return .valid(.a1)
            case (UInt8(ascii: "A"), UInt8(ascii: "2")): return .valid(.a2)
            case (UInt8(ascii: "B"), UInt8(ascii: "1")): return .valid(.b1)
            case (UInt8(ascii: "B"), UInt8(ascii: "2")): return .valid(.b2)
            case (UInt8(ascii: "C"), UInt8(ascii: "1")): return .valid(.c1)
            case (UInt8(ascii: "C"), UInt8(ascii: "2")): return .valid(.c2)
            default: break
            }
        }
        return SourceValue.cefr(String(decoding: bytes, as: UTF8.self))
    }

    /// Enters the object value of the current member; false (having consumed it) if the value is null.
    func enterObject() throws(JSONReadError) -> Bool {
        if try readNull() { return false }
        try beginObject()
        return true
    }
}

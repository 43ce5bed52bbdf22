/// A record's bytes in a compact binary form, for the sink's record spill (see ``TestScore/writeSnapshot(to:)``).
/// Not a file format: written and read by the same process, never stored.
struct SnapshotWriter: ~Copyable {
    var out: OutputBuffer

    init(capacity: Int = 1 << 12) {
        out = OutputBuffer(capacity: capacity)
    }

    @inline(__always)
    mutating func integer<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { out.append($0.assumingMemoryBound(to: UInt8.self)) }
    }

    @inline(__always)
    mutating func bytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        integer(UInt32(bytes.count))
        out.append(bytes)
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { bytes($0) }
    }

    mutating func bool(_ value: Bool) { integer(UInt8(value ? 1 : 0)) }

    mutating func date(_ date: CalendarDate) { integer(Int32(date.daysSinceEpoch)) }

    /// A tag (0 absent, 1 valid, 2 invalid text), then the value or the text.
    mutating func checked<Value>(_ value: Checked<Value>?, _ write: (inout SnapshotWriter, Value) -> Void) {
        switch value {
        case nil: integer(UInt8(0))
        case .valid(let parsed):
            integer(UInt8(1))
            write(&self, parsed)
        case .invalid(let text):
            integer(UInt8(2))
            string(text)
        }
    }
}

/// Reads what a ``SnapshotWriter`` wrote, in the same order.
struct SnapshotReader {
    private let raw: UnsafeRawBufferPointer
    private var offset = 0

    init(_ raw: UnsafeRawBufferPointer) {
        self.raw = raw
    }

    @inline(__always)
    mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T {
        defer { offset += MemoryLayout<T>.size }
        return T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// The next length-prefixed bytes, valid while the snapshot's buffer is.
    mutating func bytes() -> UnsafeBufferPointer<UInt8> {
        let count = Int(integer(UInt32.self))
        defer { offset += count }
        let base = raw.baseAddress.map { ($0 + offset).assumingMemoryBound(to: UInt8.self) }
        return UnsafeBufferPointer(start: count == 0 ? nil : base, count: count)
    }

    mutating func string() -> String { String(decoding: bytes(), as: UTF8.self) }

    mutating func bool() -> Bool { integer(UInt8.self) != 0 }

    mutating func date() -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int(integer(Int32.self)))
            ?? CalendarDate(year: 2000, month: 1, day: 1).unsafelyUnwrapped
    }

    mutating func checked<Value>(_ read: (inout SnapshotReader) -> Value) -> Checked<Value>? {
        switch integer(UInt8.self) {
        case 1: .valid(read(&self))
        case 2: .invalid(string())
        default: nil
        }
    }
}

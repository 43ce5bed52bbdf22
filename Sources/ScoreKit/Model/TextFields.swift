/// Names the text fields that one ``TextFields`` buffer holds.
protocol TextSlot: CaseIterable, Sendable, RawRepresentable where RawValue == Int {
    /// How many slots there are: `allCases.count`, kept in a constant for the hot path.
    static var slotCount: Int { get }
}

/// The text fields of one part of a record in a single byte buffer rather than a `String` each.
///
/// A reader stores bytes straight from its input and the CSV writer copies them straight out, so no `String` is
/// made, retained or released per field on the way. Values are UTF-8: readers validate or decode their input.
struct TextFields<Slot: TextSlot>: Sendable {
    /// A header of (offset, count) `UInt32` pairs, one per slot, then the values' bytes and room for more; empty
    /// until a value is set.
    private var storage: [UInt8] = []
    /// How much of `storage` is header and values.
    private var used = 0

    init() {}

    @inline(__always)
    private func span(_ slot: Slot) -> (start: Int, count: Int) {
        if storage.isEmpty { return (0, 0) }
        return storage.withUnsafeBytes { raw in
            let at = slot.rawValue &* 8
            return (
                Int(raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)),
                Int(raw.loadUnaligned(fromByteOffset: at &+ 4, as: UInt32.self))
            )
        }
    }

    /// Whether the field is empty (or was never set).
    @inline(__always)
    func isEmpty(_ slot: Slot) -> Bool { span(slot).count == 0 }

    /// Calls `body` with the field's bytes, which are valid only inside it.
    @inline(__always)
    func withBytes<Result>(_ slot: Slot, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let (start, count) = span(slot)
        if count == 0 { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return storage.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(start: all.baseAddress.unsafelyUnwrapped + start, count: count))
        }
    }

    /// Calls `body` with a view that reads any field's bytes in place, valid only inside it: a writer reading
    /// many fields of one record looks the buffer up once.
    @inline(__always)
    func withView<Result>(_ body: (View) -> Result) -> Result {
        // An empty buffer has no header: every field reads as empty.
        storage.withUnsafeBufferPointer { body(View(base: $0.isEmpty ? nil : $0.baseAddress)) }
    }

    /// The fields of one buffer, read in place (see ``withView(_:)``).
    struct View {
        fileprivate let base: UnsafePointer<UInt8>?

        /// The field's bytes; empty for a field never set.
        @inline(__always)
        subscript(slot: Slot) -> UnsafeBufferPointer<UInt8> {
            guard let base else { return UnsafeBufferPointer(start: nil, count: 0) }
            let raw = UnsafeRawPointer(base)
            let start = Int(raw.loadUnaligned(fromByteOffset: slot.rawValue &* 8, as: UInt32.self))
            let count = Int(raw.loadUnaligned(fromByteOffset: slot.rawValue &* 8 &+ 4, as: UInt32.self))
            return UnsafeBufferPointer(start: count == 0 ? nil : base + start, count: count)
        }
    }

    /// The field as a `String` (made on each read).
    subscript(slot: Slot) -> String {
        get { withBytes(slot) { $0.isEmpty ? "" : String(decoding: $0, as: UTF8.self) } }
        set {
            var value = newValue
            value.withUTF8 { set(slot, $0) }
        }
    }

    /// Empties every field, keeping the buffer for the next record's values unless it grew large (a photo).
    mutating func removeAll() {
        guard !storage.isEmpty else { return }
        if storage.count > 1 << 16 {
            self = TextFields()
            return
        }
        used = Slot.slotCount * 8
        storage.withUnsafeMutableBufferPointer { all in
            all.baseAddress.unsafelyUnwrapped.update(repeating: 0, count: Slot.slotCount * 8)
        }
    }

    /// Sets the field to a copy of `bytes`, which must be UTF-8 and must not point into this buffer.
    @inline(__always)
    mutating func set(_ slot: Slot, _ bytes: UnsafeBufferPointer<UInt8>) {
        let old = span(slot)
        if bytes.isEmpty {
            if old.count > 0 { setSpan(slot, start: 0, count: 0) }
            return
        }
        if storage.isEmpty {
            // Zeroed spans, and room for a typical record's values without growing.
            used = Slot.slotCount * 8
            storage = Array(repeating: 0, count: used + max(256, bytes.count))
        }
        precondition(used + bytes.count <= Int(UInt32.max), "text fields over 4 GiB")
        let start: Int
        if bytes.count <= old.count {
            // Rewritten in place: a record whose fields are set again does not grow.
            start = old.start
        } else {
            start = used
            used += bytes.count
            if used > storage.count {
                storage.append(contentsOf: repeatElement(0, count: max(used, storage.count * 2) - storage.count))
            }
        }
        // The value and its span in one access to the buffer (each access checks that it is not shared).
        storage.withUnsafeMutableBufferPointer { all in
            let base = all.baseAddress.unsafelyUnwrapped
            (base + start).update(from: bytes.baseAddress.unsafelyUnwrapped, count: bytes.count)
            Self.storeSpan(slot, start: start, count: bytes.count, in: UnsafeMutableRawPointer(base))
        }
    }

    @inline(__always)
    private static func storeSpan(_ slot: Slot, start: Int, count: Int, in header: UnsafeMutableRawPointer) {
        header.storeBytes(of: UInt32(truncatingIfNeeded: start), toByteOffset: slot.rawValue &* 8, as: UInt32.self)
        header.storeBytes(of: UInt32(truncatingIfNeeded: count), toByteOffset: slot.rawValue &* 8 &+ 4, as: UInt32.self)
    }

    @inline(__always)
    private mutating func setSpan(_ slot: Slot, start: Int, count: Int) {
        storage.withUnsafeMutableBytes { raw in
            Self.storeSpan(slot, start: start, count: count, in: raw.baseAddress.unsafelyUnwrapped)
        }
    }
}

extension TextFields {
    /// Writes the buffer as it is (spans and values), for the record spill.
    func writeSnapshot(to writer: inout SnapshotWriter) {
        storage.withUnsafeBufferPointer { writer.bytes(UnsafeBufferPointer(rebasing: $0[..<used])) }
    }

    /// Reads a buffer written by ``writeSnapshot(to:)``.
    init(snapshot reader: inout SnapshotReader) {
        let bytes = reader.bytes()
        storage = Array(bytes)
        used = bytes.count
    }
}

extension TextFields: Hashable {
    /// Equal when every field holds the same bytes, however the buffers are laid out.
    static func == (lhs: TextFields, rhs: TextFields) -> Bool {
        Slot.allCases.allSatisfy { slot in
            lhs.withBytes(slot) { left in rhs.withBytes(slot) { right in left.elementsEqual(right) } }
        }
    }

    func hash(into hasher: inout Hasher) {
        for slot in Slot.allCases {
            withBytes(slot) { bytes in
                hasher.combine(bytes.count)
                hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            }
        }
    }
}

/// Maps object keys to small integers without allocating: record readers match keys through one of these.
///
/// A class over one block of memory written once in `init`: a reader passes it for every member, and a class
/// reference with raw storage costs no reference counting or bounds checks on the way.
public final class JSONKeyTable: @unchecked Sendable {
    private let count: Int
    /// Each key's bytes followed by a closing quote, one after another: key `i` is `lengths[i]` bytes at
    /// `text + starts[i]`.
    private let text: UnsafeMutablePointer<UInt8>
    private let starts: UnsafeMutablePointer<Int>
    private let lengths: UnsafeMutablePointer<Int>
    /// Each key's first four bytes with its closing quote, as one word (0 for a key shorter than three bytes): a
    /// search over the keys rejects most of them on one compare.
    private let heads: UnsafeMutablePointer<UInt32>
    /// Open addressing: each slot holds a key index, or -1.
    private let slots: UnsafeMutablePointer<Int32>
    private let mask: Int
    /// Whether every key is plain: no quote, backslash or control byte, so it stands for itself in a document.
    private let plain: Bool

    /// Builds a table in which `keys[i]` maps to `i`.
    public init(_ keys: [String]) {
        count = keys.count
        let utf8 = keys.map { Array($0.utf8) }
        let total = utf8.reduce(0) { $0 + $1.count + 1 }
        text = .allocate(capacity: max(total, 1))
        starts = .allocate(capacity: max(count, 1))
        lengths = .allocate(capacity: max(count, 1))
        heads = .allocate(capacity: max(count, 1))
        var offset = 0
        for (index, key) in utf8.enumerated() {
            starts[index] = offset
            lengths[index] = key.count
            (text + offset).initialize(from: key, count: key.count)
            text[offset + key.count] = UInt8(ascii: "\"")
            heads[index] = key.count >= 3 ? UnsafeRawPointer(text + offset).loadUnaligned(as: UInt32.self) : 0
            offset += key.count + 1
        }
        var size = 16
        while size < count * 4 { size <<= 1 }
        mask = size - 1
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        plain = utf8.allSatisfy { key in
            key.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        }
        for index in 0..<count {
            var slot = Self.hash(UnsafeBufferPointer(start: text + starts[index], count: lengths[index])) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    deinit {
        text.deallocate()
        starts.deallocate()
        lengths.deallocate()
        heads.deallocate()
        slots.deallocate()
    }

    /// The index of `key`, trying index `hint` first, with no hashing when it is right: the objects of one feed
    /// list their keys in the same order, so the key after the previous one is usually next.
    @inline(__always)
    public func index(of key: UnsafeBufferPointer<UInt8>, hint: Int) -> Int? {
        if hint >= 0 && hint < count && lengths[hint] == key.count
            && Self.equal(text + starts[hint], key.baseAddress, key.count)
        {
            return hint
        }
        return index(of: key)
    }

    /// If the `available` bytes at `text` start with key `index` and a closing quote, the key's length; else nil.
    @inline(__always)
    func isKey(_ index: Int, at document: UnsafePointer<UInt8>, available: Int) -> Int? {
        guard UInt(bitPattern: index) < UInt(count) && plain else { return nil }
        let length = lengths[index]
        // The key and its closing quote, compared at once.
        guard length < available && Self.equal(text + starts[index], document, length + 1) else { return nil }
        return length
    }

    /// The key of the table that the `available` bytes at `document` start with, followed by a closing quote:
    /// its index and length, or (-1, nil). Keys are tried from `after` on, as a feed that leaves a key out
    /// usually sends one of the next few: comparing in place beats scanning the string and hashing it.
    func anyKey(at document: UnsafePointer<UInt8>, available: Int, after: Int) -> (index: Int, length: Int?) {
        guard available >= 4 else { return (-1, nil) }
        let head = UnsafeRawPointer(document).loadUnaligned(as: UInt32.self)
        var index = after
        for _ in 0..<count {
            index = index &+ 1 < count ? index &+ 1 : 0
            guard heads[index] == head || heads[index] == 0 else { continue }
            if let length = isKey(index, at: document, available: available) { return (index, length) }
        }
        return (-1, nil)
    }

    /// The index of `key`, or nil if the table does not hold it.
    public func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Self.hash(key) & mask
        while true {
            let candidate = Int(slots[slot])
            if candidate < 0 { return nil }
            if lengths[candidate] == key.count && Self.equal(text + starts[candidate], key.baseAddress, key.count) {
                return candidate
            }
            slot = (slot + 1) & mask
        }
    }

    /// The index of `key`, or nil.
    public func index(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { index(of: $0) }
    }

    /// Whether the `count` bytes at `a` and `b` are equal: eight bytes at a time, the last eight overlapping the
    /// ones before (keys are short, and a call to memcmp costs more than comparing them).
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        guard count > 0 else { return true }
        let a = UnsafeRawPointer(a)
        let b = UnsafeRawPointer(b.unsafelyUnwrapped)
        func word(_ p: UnsafeRawPointer, _ at: Int) -> UInt64 { p.loadUnaligned(fromByteOffset: at, as: UInt64.self) }
        func half(_ p: UnsafeRawPointer, _ at: Int) -> UInt32 { p.loadUnaligned(fromByteOffset: at, as: UInt32.self) }
        if count >= 8 {
            var i = 0
            while i + 8 < count {
                if word(a, i) != word(b, i) { return false }
                i += 8
            }
            return word(a, count - 8) == word(b, count - 8)
        }
        if count >= 4 { return half(a, 0) == half(b, 0) && half(a, count - 4) == half(b, count - 4) }
        return (0..<count).allSatisfy {
            a.load(fromByteOffset: $0, as: UInt8.self) == b.load(fromByteOffset: $0, as: UInt8.self)
        }
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let h = FNV1a.hash(bytes)
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}

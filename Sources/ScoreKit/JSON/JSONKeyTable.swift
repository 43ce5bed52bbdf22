#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Maps object keys to small integers without allocating: record readers match keys through one of these.
public struct JSONKeyTable: Sendable {
    /// Open addressing: each slot holds a key index, or -1.
    private let slots: [Int32]
    /// Every key's bytes, one after another, and where each starts (`starts[i]..<starts[i + 1]`).
    private let bytes: [UInt8]
    private let starts: [Int]
    private let mask: Int

    /// Whether every key is plain: no quote, backslash or control byte, so it stands for itself in a document.
    private let plain: Bool

    /// Builds a table in which `keys[i]` maps to `i`.
    public init(_ keys: [String]) {
        var bytes: [UInt8] = []
        var starts = [0]
        for key in keys {
            bytes += Array(key.utf8)
            starts.append(bytes.count)
        }
        var size = 16
        while size < keys.count * 4 { size <<= 1 }
        var slots = [Int32](repeating: -1, count: size)
        bytes.withUnsafeBufferPointer { all in
            for index in keys.indices {
                let key = UnsafeBufferPointer(rebasing: all[starts[index]..<starts[index + 1]])
                var slot = Self.hash(key) & (size - 1)
                while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = Int32(index)
            }
        }
        self.slots = slots
        plain = bytes.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        self.bytes = bytes
        self.starts = starts
        mask = size - 1
    }

    /// The index of `key`, trying index `hint` first, with no hashing when it is right: the objects of one feed
    /// list their keys in the same order, so the key after the previous one is usually next.
    @inline(__always)
    public func index(of key: UnsafeBufferPointer<UInt8>, hint: Int) -> Int? {
        if hint >= 0 && hint < starts.count - 1 && isKey(hint, at: key.baseAddress, count: key.count) { return hint }
        return index(of: key)
    }

    /// If the `available` bytes at `text` start with key `index` and a closing quote, the key's length; else nil.
    @inline(__always)
    func isKey(_ index: Int, at text: UnsafePointer<UInt8>, available: Int) -> Int? {
        guard plain && index >= 0 && index < starts.count - 1 else { return nil }
        let count = starts[index + 1] - starts[index]
        guard count < available && text[count] == UInt8(ascii: "\"") && isKey(index, at: text, count: count) else {
            return nil
        }
        return count
    }

    /// Whether key `index` is the `count` bytes at `text`.
    @inline(__always)
    private func isKey(_ index: Int, at text: UnsafePointer<UInt8>?, count: Int) -> Bool {
        starts.withUnsafeBufferPointer { starts in
            let start = starts[index]
            guard starts[index + 1] - start == count else { return false }
            if count == 0 { return true }
            return bytes.withUnsafeBufferPointer {
                memcmp($0.baseAddress.unsafelyUnwrapped + start, text.unsafelyUnwrapped, count) == 0
            }
        }
    }

    /// The index of `key`, or nil if the table does not hold it.
    @inline(__always)
    public func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Self.hash(key) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let candidate = Int(slots[slot])
                if candidate < 0 { return nil }
                if isKey(candidate, at: key.baseAddress, count: key.count) { return candidate }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The index of `key`, or nil.
    public func index(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { index(of: $0) }
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let h = FNV1a.hash(bytes)
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}

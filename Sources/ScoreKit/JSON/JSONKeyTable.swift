/// Maps object keys to small integers without allocating: record readers match keys through one of these.
public struct JSONKeyTable: Sendable {
    private let slots: [Int32]  // index into `keys`, or -1
    private let keys: [[UInt8]]
    private let mask: Int

    /// Builds a table in which `keys[i]` maps to `i`.
    public init(_ keys: [String]) {
        self.keys = keys.map { Array($0.utf8) }
        var size = 16
        while size < keys.count * 4 { size <<= 1 }
        mask = size - 1
        var slots = [Int32](repeating: -1, count: size)
        for (index, key) in self.keys.enumerated() {
            var slot = key.withUnsafeBufferPointer { Self.hash($0) } & (size - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(index)
        }
        self.slots = slots
    }

    /// The index of `key`, or nil if the table does not hold it.
    @inline(__always)
    public func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Self.hash(key) & mask
        while true {
            let candidate = Int(slots[slot])
            if candidate < 0 { return nil }
            let stored = keys[candidate]
            if stored.count == key.count && stored.withUnsafeBufferPointer({ $0.elementsEqual(key) }) {
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

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}

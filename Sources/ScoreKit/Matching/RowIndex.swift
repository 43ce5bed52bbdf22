/// A hash index from keys to applicant rows in two flat arrays: a slot per key (a 32-bit tag of the key's hash
/// and the first row) and a link per row to the next row with the same key.
///
/// The index stores no key. Two keys whose hashes share a slot and a tag share a chain, so a look-up may yield a
/// row of another key: every caller compares the row's own fields (the date of birth, the normalized name, the
/// email) before taking it. That keeps matching exact while 200,000 applicants cost about 5 MB an index, with
/// no String hashed or stored per row.
struct RowIndex {
    /// Per slot: the tag in the high 32 bits, the first row + 1 in the low 32 (0: empty).
    private var slots: [UInt64]
    /// Per row: the next row with the same key, or -1.
    private var next: [Int32]
    private let mask: Int

    /// An index for up to `rows` rows (each row under at most one key).
    init(rows: Int) {
        var capacity = 16
        while capacity < rows + rows / 2 { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
        next = Array(repeating: -1, count: rows)
        mask = capacity - 1
    }

    /// Puts `row` first under `hash`: inserting rows from last to first reads every chain in file order.
    mutating func insert(hash: UInt64, row: Int32) {
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 || entry >> 32 == tag {
                if entry != 0 { next[Int(row)] = Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1 }
                slots[slot] = tag << 32 | UInt64(UInt32(row) + 1)
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// The rows under `hash` (and perhaps a few of another key: compare before taking), in chain order.
    func rows(hash: UInt64) -> Rows {
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return Rows(links: next, row: -1) }
            if entry >> 32 == tag { return Rows(links: next, row: Int32(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1) }
            slot = (slot + 1) & mask
        }
    }

    struct Rows: Sequence, IteratorProtocol {
        let links: [Int32]
        var row: Int32

        mutating func next() -> Int? {
            guard row >= 0 else { return nil }
            defer { row = links[Int(row)] }
            return Int(row)
        }
    }

    /// A well-mixed 64-bit hash of a string and a number (FNV-1a, then MurmurHash3's finalizer, since the slot
    /// comes from the low bits and the tag from the high ones).
    static func hash(_ text: String, _ number: Int32 = 0) -> UInt64 {
        var text = text
        var value = text.withUTF8 { FNV1a.hash($0) } ^ (UInt64(UInt32(bitPattern: number)) &* 0x9E37_79B9_7F4A_7C15)
        value ^= value >> 33
        value &*= 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value &*= 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return value
    }
}

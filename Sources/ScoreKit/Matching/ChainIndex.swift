/// A hash multimap from a key to applicant rows, for keys a row may have several of (reported score ids): one
/// dictionary entry per distinct key and one link per insertion, so no key holds an array of its own.
struct ChainIndex<Key: Hashable> {
    private var heads: [Key: Int32] = [:]
    /// (row, next link or -1) per insertion.
    private var links: [(row: Int32, next: Int32)] = []

    /// Whether no key was inserted.
    var isEmpty: Bool { links.isEmpty }

    /// Puts `row` first in `key`'s chain: inserting rows from last to first reads every chain in file order.
    mutating func insert(_ key: Key, row: Int32) {
        let link = Int32(links.count)
        links.append((row, heads[key] ?? -1))
        heads[key] = link
    }

    /// The rows under `key`, in chain order.
    func rows(_ key: Key) -> Rows {
        Rows(links: links, link: heads[key] ?? -1)
    }

    struct Rows: Sequence, IteratorProtocol {
        let links: [(row: Int32, next: Int32)]
        var link: Int32

        mutating func next() -> Int? {
            guard link >= 0 else { return nil }
            let entry = links[Int(link)]
            link = entry.next
            return Int(entry.row)
        }
    }
}

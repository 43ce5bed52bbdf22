/// Finds records that share a key (test family and id) across one run, keeping the most recently modified one.
///
/// Every record that reaches the sink competes, delivered or not: a record withheld as unchanged (or left out by a
/// filter) that is newer than a delivered one with its key wins, and the stale delivered one is dropped.
///
/// Keys go to a spill file on disk, not the heap, split by hash into `partitions` (``PartitionedSpill``); at the
/// end each partition is resolved on its own, so the heap holds one partition (a 64th of the keys) at a time.
/// Entries carry their key's 64-bit hash, so resolving compares bytes only when two hashes agree and never builds a
/// String per key.
///
/// Entries also carry the person's identity, compactly: a 32-bit hash of the normalized family name and of the
/// first name (as matching normalizes them) and the date of birth. Two records of one key that disagree on a part
/// both of them have are not the same person's result: the loser is reported as a conflict, not as a duplicate.
final class DuplicateIndex {
    /// A record that lost to a more recent one with the same key.
    struct Superseded {
        /// The record's place among the delivered records, or nil for one that was not delivered.
        var ordinal: Int?
        var family: TestFamily
        /// Where the record was read: the file's index and the record's number in it.
        var file: Int
        var number: Int
        /// Where the dropped record was read, for a record problem.
        var location: RecordLocation
        /// Where the kept and the dropped record were read: "kept a.json record 2 (...), dropped b.json record 1".
        var places: String
        /// The two records name different people (family name, first name or date of birth): not a duplicate.
        var identityDiffers: Bool
        /// Nothing tells which record is newer (the same modification time, or none), yet their status or scores
        /// differ: the one kept is only the later in input order.
        var undecided = false
    }

    private let spill: PartitionedSpill
    private var files: [String] = []
    /// Reused for every entry.
    private var entry = OutputBuffer(capacity: 256)
    /// Normalizes names for the identity hash (one thread: the sink's).
    private let names = NameNormalizer()

    init(partitions: Int = 64) throws(IOError) {
        spill = try PartitionedSpill(partitions: partitions)
    }

    /// Registers the record from record `number` of `file`, with `ordinal` its place among the delivered records
    /// (nil for a record not delivered).
    func add(_ score: TestScore, ordinal: Int?, file: Int, number: Int) throws(IOError) {
        // A record without an id, or whose id a spreadsheet may have changed, shares no key with another.
        guard !score.text.isEmpty(.id), !score.idMayBeDamaged else { return }
        entry.removeAll()
        func integer<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { entry.append($0.assumingMemoryBound(to: UInt8.self)) }
        }
        let family = score.test.family.rawValue
        integer(UInt64(0))  // the hash, filled in below
        integer(ordinal.map { UInt32($0) } ?? Self.withheld)
        integer(Int64(score.modifiedAt?.secondsSinceEpoch ?? Int.min / 2))
        integer(UInt32(file))
        integer(UInt32(number))
        integer(score.candidate.text.withBytes(.familyName) { names.joinedHash($0) })
        integer(score.candidate.text.withBytes(.firstName) { names.joinedHash($0) })
        integer(score.candidate.dateOfBirth?.value.map { Int32(truncatingIfNeeded: $0.daysSinceEpoch) } ?? Self.noBirth)
        integer(Self.resultHash(score))
        let idLength = score.text.withBytes(.id) { $0.count }
        // Four bytes: an id may be as long as a feed makes it (a hostile one, 70,000 bytes), never a trap.
        integer(UInt32(family.utf8.count + 1 + idLength))
        // The key, "FAMILY:id" as in TestScore.key, written as bytes.
        entry.append(family)
        entry.append(UInt8(ascii: ":"))
        score.text.withBytes(.id) { entry.append($0) }
        let hash = Self.hash(UnsafeBufferPointer(rebasing: entry.bytes[Layout.key...]))
        withUnsafeBytes(of: hash.littleEndian) {
            UnsafeMutableRawPointer(entry.storage).copyMemory(from: $0.baseAddress.unsafelyUnwrapped, byteCount: 8)
        }
        try spill.append(UnsafeRawBufferPointer(entry.bytes), to: Int(hash % UInt64(spill.counts.count)))
    }

    /// Names files for messages: `file` in `add` indexes this list.
    func register(file name: String) -> Int {
        files.append(name)
        return files.count - 1
    }

    /// Every superseded record, in input order.
    func resolve() throws(IOError) -> [Superseded] {
        var superseded: [Superseded] = []
        for partition in spill.counts.indices where spill.counts[partition] > 0 {
            let bytes = try spill.contents(of: partition)
            bytes.withUnsafeBytes { raw in
                resolve(partition: raw, count: spill.counts[partition], into: &superseded)
            }
        }
        return superseded.sorted { ($0.file, $0.number) < ($1.file, $1.number) }
    }

    /// Resolves one partition's entries: an open-addressing table of entry offsets, keyed by the stored hash.
    private func resolve(partition raw: UnsafeRawBufferPointer, count: Int, into superseded: inout [Superseded]) {
        var size = 16
        while size < count * 2 { size <<= 1 }
        let mask = size - 1
        var slots = [Int32](repeating: -1, count: size)
        var offset = 0
        while offset < raw.count {
            let entry = Entry(raw, at: offset)
            // The low bits chose the partition; the next ones choose the slot.
            var slot = Int(truncatingIfNeeded: entry.hash >> 6) & mask
            while true {
                let occupant = Int(slots[slot])
                if occupant < 0 {
                    slots[slot] = Int32(offset)
                    break
                }
                let kept = Entry(raw, at: occupant)
                if kept.hash == entry.hash && kept.key.elementsEqual(entry.key) {
                    // Newer wins; on a tie, the later record (in input order) wins.
                    let (winner, loser) = entry.modified >= kept.modified ? (entry, kept) : (kept, entry)
                    if winner.offset == entry.offset { slots[slot] = Int32(offset) }
                    let places = places(winner, loser)
                    let family = String(decoding: loser.family, as: UTF8.self)
                    let id = String(decoding: loser.key.dropFirst(loser.family.count + 1), as: UTF8.self)
                    superseded.append(
                        Superseded(
                            ordinal: loser.ordinal == Self.withheld ? nil : Int(loser.ordinal),
                            family: TestFamily(rawValue: family) ?? .ielts,
                            file: Int(loser.file), number: Int(loser.number),
                            location: RecordLocation(file: files[Int(loser.file)], record: Int(loser.number), id: id),
                            places: places, identityDiffers: winner.differs(from: loser),
                            undecided: winner.modified == loser.modified && winner.result != loser.result))
                    break
                }
                slot = (slot + 1) & mask
            }
            offset = entry.end
        }
    }

    /// "kept a.json record 2 (modified ...), dropped b.json record 1": places only, never a name.
    private func places(_ kept: Entry, _ dropped: Entry) -> String {
        func place(_ entry: Entry) -> String {
            var text = "\(files[Int(entry.file)]) record \(entry.number)"
            if entry.modified > Int64(Int.min / 2) {
                let seconds = Int(entry.modified)
                let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
                if let date = CalendarDate(daysSinceEpoch: day) {
                    text += " (modified \(Timestamp(date: date, secondOfDay: seconds - day * 86_400)))"
                }
            }
            return text
        }
        return "kept \(place(kept)), dropped \(place(dropped))"
    }

    /// What the result says, compactly: the status and every score, so two records of one key whose order nothing
    /// decides can be told apart when they say different things.
    private static func resultHash(_ score: TestScore) -> UInt32 {
        var hasher = FNV1a()
        hasher.combine(score.status == .cancelled ? 1 : 0)
        // One call per score, not a loop over an array of them: no array is made per record.
        func combine(_ value: Checked<ExactDecimal>?) {
            switch value {
            case .valid(let decimal):
                withUnsafeBytes(of: decimal.hundredths.littleEndian) { hasher.combine($0) }
            case .invalid(let text):
                hasher.combine(2)
                hasher.combine(text.utf8)
            case nil:
                hasher.combine(3)
            }
        }
        combine(score.scores.listening)
        combine(score.scores.reading)
        combine(score.scores.writing)
        combine(score.scores.speaking)
        combine(score.scores.overall)
        return UInt32(truncatingIfNeeded: hasher.value ^ (hasher.value >> 32))
    }

    /// The ordinal stored for a record that was not delivered.
    private static let withheld = UInt32.max
    /// The date of birth stored for a record without one.
    private static let noBirth = Int32.min

    /// FNV-1a, folded: keys are short, and only equal hashes are compared byte by byte.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let h = FNV1a.hash(bytes)
        return h ^ (h >> 32)
    }

    /// Byte offsets of an entry's fields: hash, ordinal, modified, file, number, the identity (family and first
    /// name hashes, date of birth), the result's hash, key length, key.
    private enum Layout {
        static let ordinal = 8
        static let modified = 12
        static let file = 20
        static let number = 24
        static let familyName = 28
        static let firstName = 32
        static let birth = 36
        static let result = 40
        static let keyLength = 44
        static let key = 48
    }

    /// One entry, read in place from a partition's bytes.
    private struct Entry {
        var offset: Int
        var hash: UInt64
        var ordinal: UInt32
        var modified: Int64
        var file: UInt32
        var number: UInt32
        var familyName: UInt32
        var firstName: UInt32
        var birth: Int32
        var result: UInt32
        var key: UnsafeRawBufferPointer

        init(_ raw: UnsafeRawBufferPointer, at offset: Int) {
            func load<T: FixedWidthInteger>(_ field: Int, as _: T.Type) -> T {
                T(littleEndian: raw.loadUnaligned(fromByteOffset: offset + field, as: T.self))
            }
            self.offset = offset
            hash = load(0, as: UInt64.self)
            ordinal = load(Layout.ordinal, as: UInt32.self)
            modified = load(Layout.modified, as: Int64.self)
            file = load(Layout.file, as: UInt32.self)
            number = load(Layout.number, as: UInt32.self)
            familyName = load(Layout.familyName, as: UInt32.self)
            firstName = load(Layout.firstName, as: UInt32.self)
            birth = load(Layout.birth, as: Int32.self)
            result = load(Layout.result, as: UInt32.self)
            let length = Int(load(Layout.keyLength, as: UInt32.self))
            key = UnsafeRawBufferPointer(rebasing: raw[(offset + Layout.key)..<(offset + Layout.key + length)])
        }

        var end: Int { offset + Layout.key + key.count }

        /// Whether the two records name different people: a part of the identity both have differs (a name or a
        /// date of birth one of them lacks says nothing).
        func differs(from other: Entry) -> Bool {
            func differ(_ a: UInt32, _ b: UInt32) -> Bool { a != 0 && b != 0 && a != b }
            return differ(familyName, other.familyName) || differ(firstName, other.firstName)
                || (birth != noBirth && other.birth != noBirth && birth != other.birth)
        }

        /// The key up to its first colon: "IELTS" or "TOEFL".
        var family: UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: key[..<(key.firstIndex(of: UInt8(ascii: ":")) ?? key.endIndex)])
        }
    }
}

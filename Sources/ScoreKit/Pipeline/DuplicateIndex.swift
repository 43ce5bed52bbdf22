/// Finds records that share a key (test family and id) across one run, keeping the most recently modified one.
///
/// Keys go to spill files on disk, not the heap, split by hash into `partitions` files; at the end each file is
/// resolved on its own, so the heap holds one partition (a 64th of the keys) at a time.
final class DuplicateIndex {
    /// A record that lost to a more recent one with the same key.
    struct Superseded {
        var ordinal: UInt32
        /// "IELTS" or "TOEFL".
        var family: String
        var message: String
    }

    private var spills: [Spill?]
    private var files: [String] = []
    /// Reused for every entry.
    private var entry = OutputBuffer(capacity: 256)

    init(partitions: Int = 64) throws(IOError) {
        spills = Array(repeating: nil, count: max(1, partitions))
    }

    /// Registers the record with `ordinal` (its place in the output), from record `number` of `file`.
    func add(_ score: TestScore, ordinal: Int, file: Int, number: Int) throws(IOError) {
        guard !score.id.isEmpty else { return }
        entry.removeAll()
        func integer<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { entry.append($0.assumingMemoryBound(to: UInt8.self)) }
        }
        let family = score.test.family
        integer(UInt32(ordinal))
        integer(Int64(score.modifiedAt?.secondsSinceEpoch ?? Int.min / 2))
        integer(UInt16(file))
        integer(UInt32(number))
        integer(UInt16(family.utf8.count + 1 + score.id.utf8.count))
        let keyStart = entry.count
        // The key, "FAMILY:id" as in TestScore.key, written as bytes.
        entry.append(family)
        entry.append(UInt8(ascii: ":"))
        entry.append(score.id)
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(entry.bytes)[keyStart...]))
        let partition = Int(UInt(bitPattern: hasher.finalize()) % UInt(spills.count))
        if spills[partition] == nil { spills[partition] = try Spill() }
        try spills[partition]?.append(UnsafeRawBufferPointer(entry.bytes))
    }

    /// Names files for messages: `file` in `add` indexes this list.
    func register(file name: String) -> Int {
        files.append(name)
        return files.count - 1
    }

    /// Every superseded record, in output order.
    func resolve() throws(IOError) -> [Superseded] {
        var superseded: [Superseded] = []
        for case let spill? in spills {
            var best: [String: Entry] = [:]
            var reader = try spill.reader()
            while let entry = try Entry.read(&reader) {
                guard let kept = best[entry.key] else {
                    best[entry.key] = entry
                    continue
                }
                // Newer wins; on a tie, the later record (in input order) wins.
                let (winner, loser) = entry.modified >= kept.modified ? (entry, kept) : (kept, entry)
                best[entry.key] = winner
                superseded.append(
                    Superseded(
                        ordinal: loser.ordinal, family: String(loser.key.prefix { $0 != ":" }),
                        message: message(winner, loser)))
            }
        }
        return superseded.sorted { $0.ordinal < $1.ordinal }
    }

    private func message(_ kept: Entry, _ dropped: Entry) -> String {
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
        let parts = kept.key.split(separator: ":", maxSplits: 1)
        return
            "\(parts[0]) \(parts.count > 1 ? parts[1] : "") appears twice: kept \(place(kept)), dropped \(place(dropped))"
    }

    private struct Entry {
        var ordinal: UInt32
        var modified: Int64
        var file: UInt16
        var number: UInt32
        var key: String

        static func read(_ reader: inout SpillReader) throws(IOError) -> Entry? {
            guard let ordinal = try reader.readInteger(UInt32.self),
                let modified = try reader.readInteger(Int64.self),
                let file = try reader.readInteger(UInt16.self),
                let number = try reader.readInteger(UInt32.self),
                let length = try reader.readInteger(UInt16.self),
                let key = try reader.read(Int(length))
            else { return nil }
            return Entry(
                ordinal: ordinal, modified: modified, file: file, number: number,
                key: String(decoding: key, as: UTF8.self))
        }
    }
}

extension CalendarDate {
    /// The date `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
    init?(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }
}

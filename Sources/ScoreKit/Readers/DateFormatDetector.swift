/// Settles a file's date format from its values: a format that reads every value wins; a day above 12 separates
/// dd/mm from mm/dd. When more than one still fits, the file is ambiguous; when none reads every value, the one
/// that reads most wins, and a tie for most is ambiguous too.
///
/// Each value votes with the set of formats that read it. Only the formats its shape allows are tried (eight
/// digits, ten characters with dashes, or slashes and dots), and a small cache remembers the sets of values met
/// before: a file's dates repeat (the download date, a session's test date, birth dates).
struct DateFormatDetector {
    private static let formats = DateFormat.allCases
    /// How many values each set of formats (a bit per format) read.
    private var votes = [Int](repeating: 0, count: 1 << DateFormat.allCases.count)
    private var values = 0
    /// Values met before (up to 16 bytes, with their length) and their sets, direct-mapped by a hash.
    private var cache = [(UInt64, UInt64, UInt8)](repeating: (0, 0, 0xFF), count: 1024)
    private var cachedSets = [UInt8](repeating: 0, count: 1024)
    /// Where the first value that more than one format reads was (its column and line or record), for messages.
    private(set) var example: (column: Int, line: Int)?

    /// Adds one value (surrounding spaces are ignored; an empty value does not vote).
    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0, column: 0, line: 0) }
    }

    /// Adds one value of `column`, found on `line` (or in record `line`).
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, column: Int, line: Int) {
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        guard end > start else { return }
        let value = UnsafeBufferPointer(rebasing: bytes[start..<end])
        values += 1
        var key: (UInt64, UInt64) = (0, 0)
        var slot = -1
        if value.count <= 16 {
            for (index, byte) in value.enumerated() {
                if index < 8 {
                    key.0 |= UInt64(byte) << UInt64(index * 8)
                } else {
                    key.1 |= UInt64(byte) << UInt64(index * 8 - 64)
                }
            }
            slot = Int(((key.0 &* 0x9E37_79B9_7F4A_7C15) ^ key.1 ^ UInt64(value.count)) >> 54)
            let cached = cache[slot]
            if cached.0 == key.0 && cached.1 == key.1 && cached.2 == UInt8(value.count) {
                votes[Int(cachedSets[slot])] += 1
                return
            }
        }
        var set: UInt8 = 0
        var candidates = Self.shapes(value)
        while candidates != 0 {
            let bit = candidates.trailingZeroBitCount
            candidates &= candidates - 1
            if Self.format(bit).parse(bytes: value) != nil { set |= 1 << UInt8(bit) }
        }
        votes[Int(set)] += 1
        if slot >= 0 {
            cache[slot] = (key.0, key.1, UInt8(value.count))
            cachedSets[slot] = set
        }
        if example == nil && set.nonzeroBitCount > 1 { example = (column, line) }
    }

    /// The formats (a bit each, in `formats` order) a value of this shape could be in.
    private static func shapes(_ value: UnsafeBufferPointer<UInt8>) -> Int {
        // Bits: 0 yyyymmdd, 1 dd/mm/yyyy, 2 mm/dd/yyyy, 3 yyyy-mm-dd, 4 mm/dd/yy, 5 mmddyyyy (allCases order).
        if value.count == 8 && value.allSatisfy({ $0 &- 0x30 < 10 }) { return 0b10_0001 }
        if value.count == 10 && value[4] == UInt8(ascii: "-") { return 0b00_1000 }
        if value.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") }) { return 0b01_0110 }
        return 0
    }

    /// The format of a bit of `shapes`.
    private static func format(_ bit: Int) -> DateFormat {
        switch bit {
        case 0: .compact
        case 1: .dayMonthYear
        case 2: .monthDayYear
        case 3: .isoDate
        case 4: .monthDayShortYear
        default: .monthDayYearCompact
        }
    }

    /// Adds the votes of a detector that saw the values after this one's, its lines starting after `lineOffset`.
    mutating func merge(_ other: DateFormatDetector, lineOffset: Int) {
        for (set, count) in other.votes.enumerated() { votes[set] += count }
        values += other.values
        if example == nil, let place = other.example { example = (place.column, place.line + lineOffset) }
    }

    enum Outcome: Equatable {
        case format(DateFormat)
        case ambiguous([DateFormat])
    }

    /// The format, or the formats that could all be meant.
    ///
    /// A yyyy-mm-dd date is read whatever the file's format (the readers fall back to it, and no other format reads
    /// a date of that shape), so such values settle nothing: the other values decide, and a file of them alone is
    /// yyyy-mm-dd. ISO test dates beside dd/mm dates of birth are dd/mm/yyyy, not a tie.
    var outcome: Outcome {
        let (fits, values) = otherFits
        guard values > 0 else { return .format(isoValues > 0 ? .isoDate : .compact) }
        let complete = Self.formats.indices.filter { fits[$0] == values }.map { Self.formats[$0] }
        if complete.count == 1 { return .format(complete[0]) }
        if complete.count > 1 { return .ambiguous(complete) }
        // No format reads every value: take the one that reads most; the rest are reported per record. Formats
        // that read as many are a tie nothing in the file breaks (dd/mm and mm/dd dates beside yyyymmdd ones):
        // ambiguous, never the first of them.
        let most = fits.max() ?? 0
        guard most > 0 else { return .format(isoValues > 0 ? .isoDate : .compact) }
        let best = Self.formats.indices.filter { fits[$0] == most }.map { Self.formats[$0] }
        return best.count == 1 ? .format(best[0]) : .ambiguous(best)
    }

    /// The values of yyyy-mm-dd shape that read as dates.
    private var isoValues: Int { votes[1 << Self.isoBit] }

    /// How many of the values that are not yyyy-mm-dd dates each format reads (in `formats` order), and how many
    /// such values there are.
    private var otherFits: (fits: [Int], values: Int) {
        var fits = [Int](repeating: 0, count: Self.formats.count)
        for (set, count) in votes.enumerated() where count > 0 && set != 1 << Self.isoBit {
            for bit in 0..<Self.formats.count where set & 1 << bit != 0 { fits[bit] += count }
        }
        return (fits, values - isoValues)
    }

    /// The bit of yyyy-mm-dd in a vote's set.
    private static let isoBit = formats.firstIndex(of: .isoDate) ?? 3

    /// The format to read with when the user named `option` for ambiguous dates (`--input-date-format`,
    /// `--applicant-date-format`): the one format that reads more of the values than any other, when there is
    /// one (the file's dates settle it); else, when several read as many (the dates fit more than one) or there
    /// are no dates, the option. yyyy-mm-dd dates settle nothing, as in ``outcome``.
    func format(preferring option: DateFormat) -> DateFormat {
        let (fits, values) = otherFits
        guard values > 0 else { return isoValues > 0 ? .isoDate : option }
        let most = fits.max() ?? 0
        guard most > 0 else { return isoValues > 0 ? .isoDate : option }
        let best = Self.formats.indices.filter { fits[$0] == most }
        return best.count == 1 ? Self.formats[best[0]] : option
    }

    /// Whether every value fits `format`.
    func readsEvery(_ format: DateFormat) -> Bool {
        guard let index = Self.formats.firstIndex(of: format) else { return false }
        let (fits, values) = otherFits
        return format == .isoDate ? values == 0 : fits[index] == values
    }
}

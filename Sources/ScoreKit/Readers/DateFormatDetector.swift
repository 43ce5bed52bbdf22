/// Settles a file's date format from its values: a format that reads every value wins; a day above 12 separates
/// dd/mm from mm/dd. When more than one still fits, the file is ambiguous.
///
/// Each value votes with the set of formats that read it. Only the formats its shape allows are tried (eight
/// digits, ten characters with dashes, or slashes and dots), and a value equal to the one before in the same
/// column (the download date, a session's test date) reuses its set.
struct DateFormatDetector {
    private static let formats = DateFormat.allCases
    /// How many values each set of formats (a bit per format) read.
    private var votes = [Int](repeating: 0, count: 1 << DateFormat.allCases.count)
    private var values = 0
    /// Per column (modulo 8): the last value's bytes, its length and its set.
    private var last = [(UInt64, UInt64, Int, UInt8)](repeating: (0, 0, -1, 0), count: 8)
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
        let slot = column & 7
        var key: (UInt64, UInt64) = (0, 0)
        if value.count <= 16 {
            withUnsafeMutableBytes(of: &key) { $0.copyMemory(from: UnsafeRawBufferPointer(value)) }
            let previous = last[slot]
            if key.0 == previous.0 && key.1 == previous.1 && value.count == previous.2 {
                votes[Int(previous.3)] += 1
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
        if value.count <= 16 { last[slot] = (key.0, key.1, value.count, set) }
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

    enum Outcome: Equatable {
        case format(DateFormat)
        case ambiguous([DateFormat])
    }

    /// The format, or the formats that could all be meant.
    var outcome: Outcome {
        guard values > 0 else { return .format(.compact) }
        var fits = [Int](repeating: 0, count: Self.formats.count)
        for (set, count) in votes.enumerated() where count > 0 {
            for bit in 0..<Self.formats.count where set & 1 << bit != 0 { fits[bit] += count }
        }
        let complete = Self.formats.indices.filter { fits[$0] == values }.map { Self.formats[$0] }
        if complete.count == 1 { return .format(complete[0]) }
        if complete.count > 1 { return .ambiguous(complete) }
        // No format reads every value: take the one that reads most; the rest are reported per record.
        let best = Self.formats.indices.max { fits[$0] < fits[$1] } ?? 0
        return .format(Self.formats[best])
    }
}

/// Settles a file's date format from its values: a format that reads every value wins; a day above 12 separates
/// dd/mm from mm/dd. When more than one still fits, the file is ambiguous.
///
/// Each value votes with the set of formats that read it; a file's dates repeat (the download date, test dates),
/// so a value equal to the one before reuses its set.
struct DateFormatDetector {
    private static let formats = DateFormat.allCases
    /// How many values each set of formats (a bit per format) read.
    private var votes = [Int](repeating: 0, count: 1 << DateFormat.allCases.count)
    private var values = 0
    private var last: (UInt64, UInt64, Int, UInt8) = (0, 0, -1, 0)
    /// Where the first value that more than one format reads was (e.g. "testDate on line 3"), for messages.
    private(set) var example = ""

    /// Adds one value (surrounding spaces are ignored; an empty value does not vote).
    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0, at: "") }
    }

    /// Adds one value found at `place` ("testDate on line 3").
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, at place: @autoclosure () -> String) {
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        guard end > start else { return }
        let value = UnsafeBufferPointer(rebasing: bytes[start..<end])
        values += 1
        var key: (UInt64, UInt64) = (0, 0)
        if value.count <= 16 {
            withUnsafeMutableBytes(of: &key) { $0.copyMemory(from: UnsafeRawBufferPointer(value)) }
            if key.0 == last.0 && key.1 == last.1 && value.count == last.2 {
                votes[Int(last.3)] += 1
                return
            }
        }
        var set: UInt8 = 0
        for (bit, format) in Self.formats.enumerated() where format.parse(bytes: value) != nil {
            set |= 1 << UInt8(bit)
        }
        votes[Int(set)] += 1
        if value.count <= 16 { last = (key.0, key.1, value.count, set) }
        if example.isEmpty && set.nonzeroBitCount > 1 { example = place() }
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

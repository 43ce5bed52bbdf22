/// The six date formats of the IELTS E-Delivery guide.
public enum DateFormat: String, Sendable, Hashable, CaseIterable {
    case compact = "yyyymmdd"
    case dayMonthYear = "dd/mm/yyyy"
    case monthDayYear = "mm/dd/yyyy"
    case isoDate = "yyyy-mm-dd"
    case monthDayShortYear = "mm/dd/yy"
    case monthDayYearCompact = "mmddyyyy"

    /// Accepts the guide's spellings case-insensitively, including its typos "yyyyymmdd" and "mmdyyy".
    public init?(name: String) {
        let folded = name.trimmingASCIISpaces().lowercased()
        switch folded {
        case "yyyyymmdd": self = .compact
        case "mmdyyy": self = .monthDayYearCompact
        default:
            guard let format = DateFormat(rawValue: folded) else { return nil }
            self = format
        }
    }

    /// Writes `date` in this format.
    public func format(_ date: CalendarDate) -> String {
        withText(date) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the date in this format as UTF-8 bytes, valid only inside it.
    func withText<Result>(_ date: CalendarDate, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { buffer in
            let base = buffer.baseAddress.unsafelyUnwrapped
            return body(UnsafeBufferPointer(start: base, count: bytes(date, into: base)))
        }
    }

    /// Appends `date` in this format without making a String (writers call this per date).
    public func write(_ date: CalendarDate, to out: inout OutputBuffer) {
        out.append(upTo: 16) { bytes(date, into: $0) }
    }

    /// Writes the date's text at `out` (16 bytes are enough); returns its length.
    @inline(__always)
    private func bytes(_ date: CalendarDate, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        func two(_ n: Int) {
            DigitPairs.write(n, to: out + count)
            count &+= 2
        }
        func four(_ n: Int) {
            // Years are 1000-9999 (see CalendarDate): unsigned division is a multiply and a shift.
            let year = UInt(bitPattern: n)
            two(Int(bitPattern: year / 100))
            two(Int(bitPattern: year % 100))
        }
        func separator(_ byte: UInt8) {
            out[count] = byte
            count += 1
        }
        let (y, m, d) = (date.year, date.month, date.day)
        let slash = UInt8(ascii: "/")
        switch self {
        case .compact: four(y); two(m); two(d)
        case .dayMonthYear: two(d); separator(slash); two(m); separator(slash); four(y)
        case .monthDayYear: two(m); separator(slash); two(d); separator(slash); four(y)
        case .isoDate: four(y); separator(UInt8(ascii: "-")); two(m); separator(UInt8(ascii: "-")); two(d)
        case .monthDayShortYear: two(m); separator(slash); two(d); separator(slash); two(Int(UInt(bitPattern: y) % 100))
        case .monthDayYearCompact: two(m); two(d); four(y)
        }
        return count
    }

    /// Reads `text` in this format; nil if it does not fit or is not a real date.
    /// Two-digit years (mm/dd/yy) are 2000-2049 for 00-49 and 1950-1999 for 50-99.
    public func parse(_ text: String) -> CalendarDate? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    func parse(bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        var start = 0
        var end = bytes.count
        while start < end && bytes[start] == 0x20 { start += 1 }
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        func number(_ offset: Int, _ count: Int) -> Int? {
            var value = 0
            for i in start + offset..<start + offset + count {
                let digit = bytes[i] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        func separator(_ offset: Int, _ byte: Character) -> Bool {
            bytes[start + offset] == byte.asciiValue
        }
        let length = end - start
        switch self {
        case .compact:
            guard length == 8, let y = number(0, 4), let m = number(4, 2), let d = number(6, 2) else { return nil }
            return CalendarDate(year: y, month: m, day: d)
        case .monthDayYearCompact:
            guard length == 8, let m = number(0, 2), let d = number(2, 2), let y = number(4, 4) else { return nil }
            return CalendarDate(year: y, month: m, day: d)
        case .isoDate:
            guard length == 10, separator(4, "-"), separator(7, "-"),
                let y = number(0, 4), let m = number(5, 2), let d = number(8, 2)
            else { return nil }
            return CalendarDate(year: y, month: m, day: d)
        case .dayMonthYear, .monthDayYear, .monthDayShortYear:
            let yearDigits = self == .monthDayShortYear ? 2 : 4
            guard length == 6 + yearDigits, separator(2, "/"), separator(5, "/"),
                let first = number(0, 2), let second = number(3, 2), var y = number(6, yearDigits)
            else { return nil }
            if yearDigits == 2 { y += y < 50 ? 2000 : 1900 }
            return self == .dayMonthYear
                ? CalendarDate(year: y, month: second, day: first) : CalendarDate(year: y, month: first, day: second)
        }
    }
}

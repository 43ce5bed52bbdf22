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

    /// Every format a date is read in, for messages: the six, with unpadded days and months and dd.mm.yyyy.
    public static let accepted =
        "yyyymmdd, dd/mm/yyyy or dd.mm.yyyy, mm/dd/yyyy, yyyy-mm-dd, mm/dd/yy, mmddyyyy; day and month may be unpadded"

    /// Reads `text` in this format; nil if it does not fit or is not a real date.
    /// Two-digit years (mm/dd/yy) are 2000-2049 for 00-49 and 1950-1999 for 50-99. The slash formats accept an
    /// unpadded day and month (3/4/2026); dd/mm/yyyy also reads dd.mm.yyyy.
    public func parse(_ text: String) -> CalendarDate? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    /// Reads a date of birth in this format: as ``parse(_:)``, except that a two-digit year (mm/dd/yy) that would
    /// put the birth after `today` is read in the century before (12/31/40 is 1940 in 2026): nobody is born in the
    /// future, while a test date may well be in 2040.
    public func parseBirth(_ text: String, today: CalendarDate) -> CalendarDate? {
        var text = text
        return text.withUTF8 { parseBirth(bytes: $0, today: today) }
    }

    func parseBirth(bytes: UnsafeBufferPointer<UInt8>, today: CalendarDate) -> CalendarDate? {
        guard let date = parse(bytes: bytes) else { return nil }
        guard self == .monthDayShortYear, date > today else { return date }
        return CalendarDate(year: date.year - 100, month: date.month, day: date.day)
    }

    func parse(bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard var base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        var start = 0
        var end = bytes.count
        if base[0] == 0x20 || base[end - 1] == 0x20 {
            while start < end && base[start] == 0x20 { start += 1 }
            while end > start && base[end - 1] == 0x20 { end -= 1 }
        }
        let length = end - start
        base += start
        switch self {
        case .compact:
            guard length == 8, let y = Self.number(base, 4), let m = Self.number(base + 4, 2),
                let d = Self.number(base + 6, 2)
            else { return nil }
            return CalendarDate(year: y, month: m, day: d)
        case .monthDayYearCompact:
            guard length == 8, let m = Self.number(base, 2), let d = Self.number(base + 2, 2),
                let y = Self.number(base + 4, 4)
            else { return nil }
            return CalendarDate(year: y, month: m, day: d)
        case .isoDate:
            guard length == 10, base[4] == UInt8(ascii: "-"), base[7] == UInt8(ascii: "-"),
                let y = Self.number(base, 4), let m = Self.number(base + 5, 2), let d = Self.number(base + 8, 2)
            else { return nil }
            return CalendarDate(year: y, month: m, day: d)
        case .dayMonthYear, .monthDayYear, .monthDayShortYear:
            // Day and month may be unpadded (3/14/2026, as spreadsheets write them); day-first dates may use dots
            // (14.03.2026, the German and Scandinavian spelling), which no month-first locale does.
            let yearDigits = self == .monthDayShortYear ? 2 : 4
            var index = 0
            let end = length
            let bytes = base
            func part(_ most: Int) -> Int? {
                var value = 0
                let first = index
                while index < end && index - first < most {
                    let digit = bytes[index] &- 0x30
                    guard digit < 10 else { break }
                    value = value * 10 + Int(digit)
                    index += 1
                }
                return index > first ? value : nil
            }
            guard let first = part(2), index < end else { return nil }
            let mark = bytes[index]
            guard mark == UInt8(ascii: "/") || (mark == UInt8(ascii: ".") && self == .dayMonthYear) else { return nil }
            index += 1
            guard let second = part(2), index < end, bytes[index] == mark else { return nil }
            index += 1
            let yearStart = index
            guard var y = part(yearDigits), index == end, index - yearStart == yearDigits else { return nil }
            if yearDigits == 2 { y += y < 50 ? 2000 : 1900 }
            return self == .dayMonthYear
                ? CalendarDate(year: y, month: second, day: first) : CalendarDate(year: y, month: first, day: second)
        }
    }

    /// The number `count` ASCII digits at `p` spell, or nil if one is not a digit.
    @inline(__always)
    private static func number(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var value = 0
        for i in 0..<count {
            let digit = p[i] &- 0x30
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int(digit)
        }
        return value
    }
}

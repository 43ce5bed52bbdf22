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
        var storage: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &storage) { raw in
            String(decoding: raw[..<bytes(date, into: raw)], as: UTF8.self)
        }
    }

    /// Appends `date` in this format without making a String (writers call this per date).
    public func write(_ date: CalendarDate, to out: inout OutputBuffer) {
        var storage: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &storage) { raw in
            let count = bytes(date, into: raw)
            out.append(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: count))
        }
    }

    /// Writes the date's text at the start of `out` (16 bytes are enough); returns its length.
    private func bytes(_ date: CalendarDate, into out: UnsafeMutableRawBufferPointer) -> Int {
        var count = 0
        func two(_ n: Int) {
            out[count] = UInt8(48 + n / 10 % 10)
            out[count + 1] = UInt8(48 + n % 10)
            count += 2
        }
        func four(_ n: Int) {
            two(n / 100)
            two(n % 100)
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
        case .monthDayShortYear: two(m); separator(slash); two(d); separator(slash); two(y % 100)
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
            // Day and month may be unpadded (3/14/2026, as spreadsheets write them); day-first dates may use dots
            // (14.03.2026, the German and Scandinavian spelling), which no month-first locale does.
            let yearDigits = self == .monthDayShortYear ? 2 : 4
            var index = start
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
}

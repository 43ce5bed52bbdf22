/// A day in the proleptic Gregorian calendar, with no time zone: test dates and dates of birth.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// A valid date, or nil (month 1-12, day within the month, year 1000-9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1000...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// ISO 8601: yyyy-mm-dd.
    public var description: String { DateFormat.isoDate.format(self) }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The same day `years` later (29 February becomes 28 February when needed).
    public func adding(years: Int) -> CalendarDate {
        let target = year + years
        let lastDay = CalendarDate.daysIn(month: month, year: target)
        return CalendarDate(year: target, month: month, day: min(day, lastDay)) ?? self
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// A date and time of day in UTC: the IELTS lastModifiedDate.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var date: CalendarDate
    public var secondOfDay: Int

    public init(date: CalendarDate, secondOfDay: Int = 0) {
        self.date = date
        self.secondOfDay = secondOfDay
    }

    /// Parses `yyyy-MM-ddTHH:mm:ss` with optional fraction and `Z`, a space for `T`, or a date alone.
    public init?(iso text: String) {
        var text = text
        guard let time = text.withUTF8({ Timestamp(isoBytes: $0) }) else { return nil }
        self = time
    }

    /// Parses UTF-8 text as ``init(iso:)`` does, without making a String (readers call this per record).
    init?(isoBytes text: UnsafeBufferPointer<UInt8>) {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var start = 0
        var end = text.count
        while start < end && isSpace(text[start]) { start += 1 }
        while end > start && isSpace(text[end - 1]) { end -= 1 }
        let bytes = UnsafeBufferPointer(rebasing: text[start..<end])
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for i in range {
                guard bytes[i] >= 0x30 && bytes[i] <= 0x39 else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        if bytes.count == 10 {
            self.init(date: date)
            return
        }
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var rest = bytes[19...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst().drop { $0 >= 0x30 && $0 <= 0x39 }
        }
        guard rest.isEmpty || rest.elementsEqual([UInt8(ascii: "Z")]) else { return nil }
        self.init(date: date, secondOfDay: hour * 3600 + minute * 60 + min(second, 59))
    }

    /// `yyyy-MM-ddTHH:mm:ss`.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int { date.daysSinceEpoch * 86_400 + secondOfDay }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.date, lhs.secondOfDay) < (rhs.date, rhs.secondOfDay)
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

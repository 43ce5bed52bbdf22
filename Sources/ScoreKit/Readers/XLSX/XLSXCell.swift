/// One cell of a worksheet row as stored, and its text for a field: what a spreadsheet shows, in the forms the
/// field mapping reads (dates as yyyy-mm-dd, times as yyyy-mm-ddThh:mm:ss, numbers in plain decimal).
struct XLSXCell {
    /// The cell's `t` attribute.
    enum Kind {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate
    }

    var kind = Kind.number
    var style = 0
    /// The `<v>` text, or an inline string's text.
    var value: [UInt8] = []

    /// Whether the cell holds a number: the type that loses leading zeros and digits past the 15th.
    var isNumber: Bool { kind == .number }

    /// Whether the cell is a date as a spreadsheet types it (a date-formatted number, or an ISO date cell): its
    /// text is yyyy-mm-dd whatever format the sheet's typed-in dates use.
    func isDate(in workbook: XLSXWorkbook) -> Bool {
        kind == .isoDate || (kind == .number && !value.isEmpty && workbook.styles.kind(style) == .date)
    }

    /// The cell's text for `field` (nil: the column has no field, as for the header).
    func text(for field: Field?, in workbook: XLSXWorkbook) -> String? {
        switch kind {
        case .sharedString:
            guard !value.isEmpty, value.count < 10 else { return nil }
            var index = 0
            for byte in value {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                index = index * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return workbook.sharedStrings.string(index)
        case .inlineString, .formulaString, .error:
            // The scanner has checked the text is UTF-8.
            return String(decoding: XLSXSharedStrings.unescape(value), as: UTF8.self)
        case .boolean:
            switch value {
            case [UInt8(ascii: "1")]: return "TRUE"
            case [UInt8(ascii: "0")]: return "FALSE"
            default: return nil
            }
        case .isoDate:
            let text = String(decoding: value, as: UTF8.self)
            guard let time = Timestamp(iso: text) else { return text }
            return Self.dateText(time, for: field)
        case .number:
            guard !value.isEmpty else { return "" }
            if field?.valueType != .score, workbook.styles.kind(style) == .date,
                let serial = Double(String(decoding: value, as: UTF8.self)),
                let time = Self.timestamp(serial: serial, date1904: workbook.date1904)
            {
                return Self.dateText(time, for: field)
            }
            guard var number = Self.plainDecimal(value) else { return nil }
            if case .zeroPadded(let digits) = workbook.styles.kind(style), number.allSatisfy(\.isNumber),
                number.count < digits
            {
                number = String(repeating: "0", count: digits - number.count) + number
            }
            return number
        }
    }

    /// Why `text(for:in:)` gave nil: for messages.
    func fault(in workbook: XLSXWorkbook) -> String {
        switch kind {
        case .sharedString:
            "shared string \"\(String(decoding: value.prefix(12), as: UTF8.self))\" is not one of the "
                + "\(workbook.sharedStrings.count) in the table"
        case .boolean: "a boolean that is neither 0 nor 1"
        case .number: "a number cell holding something else"
        default: "a value that cannot be read"
        }
    }

    /// A date for date fields, a date and time for timestamps; elsewhere the date, with the time if there is one.
    private static func dateText(_ time: Timestamp, for field: Field?) -> String {
        switch field?.valueType {
        case .date: time.date.description
        case .timestamp: time.description
        default: time.secondOfDay == 0 ? time.date.description : time.description
        }
    }

    /// A spreadsheet date serial as a date and time, to the nearest second. In the 1900 system, serial 1 is
    /// 1900-01-01 and 60 the 29 February 1900 that never was (kept for Lotus 1-2-3): no date; in the 1904 system
    /// serial 0 is 1904-01-01.
    static func timestamp(serial: Double, date1904: Bool) -> Timestamp? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds == 86_400 {
            days += 1
            seconds = 0
        }
        let epoch: Int
        if date1904 {
            epoch = -24_107  // 1904-01-01 is day -24,107 from 1970-01-01
        } else {
            guard days >= 1 && days != 60 else { return nil }
            epoch = days < 60 ? -25_568 : -25_569  // from 1899-12-31, or 1899-12-30 past the phantom leap day
        }
        guard let date = CalendarDate(daysSinceEpoch: epoch + days) else { return nil }
        return Timestamp(date: date, secondOfDay: seconds)
    }

    /// A stored number in plain decimal, as a spreadsheet shows it in General format: no exponent, no trailing
    /// zeros, a fraction rounded to 15 significant digits (`0.30000000000000004` is 0.3); whole numbers keep every
    /// digit stored. Nil if `text` is not a number.
    static func plainDecimal(_ stored: [UInt8]) -> String? {
        if let simple = simpleDecimal(stored) { return simple }
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        let text = stored.drop(while: isSpace).reversed().drop(while: isSpace).reversed() as [UInt8]
        var index = 0
        var negative = false
        if index < text.count && (text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+")) {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        var digits: [UInt8] = []
        var point: Int?
        while index < text.count {
            let byte = text[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(byte - UInt8(ascii: "0"))
            } else if byte == UInt8(ascii: "."), point == nil {
                point = digits.count
            } else {
                break
            }
            index += 1
        }
        guard !digits.isEmpty else { return nil }
        var exponent = 0
        if index < text.count && (text[index] | 0x20) == UInt8(ascii: "e") {
            guard let value = Int(String(decoding: text[(index + 1)...], as: UTF8.self)), abs(value) < 400 else {
                return nil
            }
            exponent = value
            index = text.count
        }
        guard index == text.count else { return nil }
        // The value is 0.digits x 10^scale.
        var scale = (point ?? digits.count) + exponent
        while let first = digits.first, first == 0 {
            digits.removeFirst()
            scale -= 1
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
        guard !digits.isEmpty else { return "0" }
        if digits.count > scale && digits.count > 15 {
            let roundUp = digits[15] >= 5
            digits.removeLast(digits.count - 15)
            if roundUp {
                var position = 14
                while position >= 0 && digits[position] == 9 {
                    digits[position] = 0
                    position -= 1
                }
                if position < 0 {
                    digits.insert(1, at: 0)
                    scale += 1
                } else {
                    digits[position] += 1
                }
            }
            while let last = digits.last, last == 0 { digits.removeLast() }
        }
        var out = negative ? "-" : ""
        let characters = digits.map { Character(UnicodeScalar(UInt8(ascii: "0") + $0)) }
        if scale <= 0 {
            out += "0." + String(repeating: "0", count: -scale) + String(characters)
        } else if scale >= characters.count {
            out += String(characters) + String(repeating: "0", count: scale - characters.count)
        } else {
            out += String(characters[..<scale]) + "." + String(characters[scale...])
        }
        return out
    }

    /// The common case quickly: up to 15 digits with at most one point and no sign or exponent, written without
    /// trailing fraction zeros ("7.0" is 7, "6.50" is 6.5). Nil for anything else.
    private static func simpleDecimal(_ text: [UInt8]) -> String? {
        guard !text.isEmpty, text.count <= 16 else { return nil }
        var point: Int?
        for (index, byte) in text.enumerated() {
            if byte == UInt8(ascii: "."), point == nil, index > 0 {
                point = index
            } else if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") {
                return nil
            }
        }
        var end = text.count
        if let point {
            while end > point + 1 && text[end - 1] == UInt8(ascii: "0") { end -= 1 }
            if end == point + 1 { end = point }
        }
        var from = 0
        while from + 1 < (point ?? end) && text[from] == UInt8(ascii: "0") { from += 1 }
        return String(decoding: text[from..<end], as: UTF8.self)
    }
}

/// What the cell styles of a workbook (styles.xml) say about reading a number: a date, a zero-padded number, or
/// just a number. A cell's `s` attribute indexes `cellXfs`; each entry names a number format, built in or custom.
struct XLSXStyles {
    /// How a number cell of a style reads.
    enum NumberKind: Equatable {
        case number
        /// A date (or date and time) serial.
        case date
        /// An integer shown with leading zeros to this many digits (format "00000", as for zip codes).
        case zeroPadded(Int)
    }

    private(set) var kinds: [NumberKind] = []

    /// No styles part: every number is a number.
    init() {}

    /// Reads styles.xml.
    init(_ scanner: XMLScanner) throws(InputError) {
        var custom: [Int: String] = [:]
        var formats: [Int] = []
        var inCellFormats = false
        while true {
            switch try scanner.next() {
            case .start where scanner.isNamed("numFmt") && scanner.depth == 3:
                if let id = try scanner.string("numFmtId").flatMap({ Int($0) }),
                    let code = try scanner.string("formatCode")
                {
                    custom[id] = code
                }
            case .start where scanner.isNamed("cellXfs") && scanner.depth == 2:
                inCellFormats = true
            case .start where inCellFormats && scanner.isNamed("xf") && scanner.depth == 3:
                formats.append(try scanner.string("numFmtId").flatMap { Int($0) } ?? 0)
            case .end where scanner.depth == 1:
                inCellFormats = false
            case .endOfDocument:
                kinds = formats.map { id in custom[id].map(Self.kind(of:)) ?? Self.builtInKind(id) }
                return
            default:
                break
            }
        }
    }

    /// The kind of number format of style `index` (out of range: a number, as Excel shows it).
    func kind(_ index: Int) -> NumberKind {
        index >= 0 && index < kinds.count ? kinds[index] : .number
    }

    /// Built-in formats 14-22 are dates and times (m/d/yyyy ... m/d/yy h:mm), as are 45-47 (mm:ss, [h]:mm:ss,
    /// mm:ss.0), as spreadsheet readers count them.
    static func builtInKind(_ id: Int) -> NumberKind {
        (14...22).contains(id) || (45...47).contains(id) ? .date : .number
    }

    /// A custom format is a date when its first section has a day, month or year code outside quotes, escapes and
    /// brackets (`dd/mm/yyyy`, `mmm-yy`); `m` alone counts only beside no hour or second (`h:mm` is a time).
    static func kind(of code: String) -> NumberKind {
        var letters: [Character] = []
        var digits = 0
        var onlyZeros = true
        var iterator = code.makeIterator()
        while let character = iterator.next() {
            switch character {
            case ";": break
            case "\"":
                while let quoted = iterator.next(), quoted != "\"" {}
                onlyZeros = false
                continue
            case "\\", "_", "*":
                _ = iterator.next()
                onlyZeros = false
                continue
            case "[":
                var bracket = ""
                while let inside = iterator.next(), inside != "]" { bracket.append(inside) }
                // Elapsed time ([h], [mm], [ss]) is time; colours, conditions and locales say nothing.
                if let first = bracket.lowercased().first, "hms".contains(first) { letters.append(first) }
                onlyZeros = false
                continue
            case "0":
                digits += 1
                continue
            default:
                onlyZeros = false
                letters.append(Character(character.lowercased()))
                continue
            }
            break
        }
        if code.lowercased() == "general" { return .number }
        if letters.contains("d") || letters.contains("y") { return .date }
        if letters.contains("m") && !letters.contains("h") && !letters.contains("s") { return .date }
        if onlyZeros && digits > 1 { return .zeroPadded(digits) }
        return .number
    }
}

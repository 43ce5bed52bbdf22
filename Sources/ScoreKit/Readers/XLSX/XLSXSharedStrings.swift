/// The shared string table (sharedStrings.xml): the text of `t="s"` cells, by index. Held in one byte buffer with
/// offsets, checked as UTF-8 by the scanner as it is read.
struct XLSXSharedStrings {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// No shared strings part.
    init() {}

    /// Reads sharedStrings.xml: each `<si>` is plain (`<t>`) or rich text (runs `<r><t>`), phonetic runs (`<rPh>`)
    /// left out.
    init(_ scanner: XMLScanner) throws(InputError) {
        var item: [UInt8] = []
        var inText = false
        var phonetic = 0
        while true {
            switch try scanner.next() {
            case .start:
                if scanner.isNamed("si") {
                    item.removeAll(keepingCapacity: true)
                } else if scanner.isNamed("rPh") {
                    phonetic += 1
                } else if scanner.isNamed("t") {
                    inText = phonetic == 0
                }
            case .text where inText:
                scanner.appendText(to: &item)
            case .end:
                if scanner.isNamed("t") {
                    inText = false
                } else if scanner.isNamed("rPh") {
                    phonetic -= 1
                } else if scanner.isNamed("si") {
                    // The scanner has checked the text is UTF-8.
                    bytes += XLSXSharedStrings.unescape(item)
                    ends.append(bytes.count)
                }
            case .endOfDocument:
                return
            default:
                break
            }
        }
    }

    var count: Int { ends.count }

    /// The string at `index`, or nil past the table's end.
    func string(_ index: Int) -> String? {
        guard index >= 0 && index < ends.count else { return nil }
        let start = index == 0 ? 0 : ends[index - 1]
        return String(decoding: bytes[start..<ends[index]], as: UTF8.self)
    }

    /// Undoes Office's `_xHHHH_` escapes of characters XML cannot hold (`_x000D_` for CR; `_x005F_` escapes `_`).
    static func unescape(_ text: [UInt8]) -> [UInt8] {
        guard text.contains(UInt8(ascii: "_")) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if text[index] == UInt8(ascii: "_"), index + 6 < text.count, text[index + 1] == UInt8(ascii: "x"),
                text[index + 6] == UInt8(ascii: "_"), text[(index + 2)..<(index + 6)].allSatisfy(\.isHexDigit),
                let value = UInt32(String(decoding: text[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                out += Array(String(Character(scalar)).utf8)
                index += 7
            } else {
                out.append(text[index])
                index += 1
            }
        }
        return out
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9"))
            || (self | 0x20 >= UInt8(ascii: "a") && self | 0x20 <= UInt8(ascii: "f"))
    }
}

/// The encodings a text input (CSV, XML) may come in. Everything is read as UTF-8: other encodings are transcoded
/// on the way in (``TranscodingSource``), and UTF-8 itself is read as it is, without a copy.
public enum TextEncoding: Sendable, Hashable {
    case utf8
    case utf16(bigEndian: Bool)
    /// Windows-1252, the "ANSI" code page of western Windows (a superset of the printable part of Latin-1).
    case windows1252
    /// Mac Roman (Mac OS Roman), the classic Mac OS encoding Mac Excel still writes for "CSV (Macintosh)".
    case macRoman

    /// The name used in notes and messages.
    public var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16(let bigEndian): bigEndian ? "UTF-16 (big-endian)" : "UTF-16 (little-endian)"
        case .windows1252: "Windows-1252"
        case .macRoman: "Mac Roman"
        }
    }

    /// The encoding a byte order mark at the start of `prefix` declares, and the mark's length.
    static func byteOrderMark(_ prefix: some Collection<UInt8>) -> (encoding: TextEncoding, length: Int)? {
        let bytes = Array(prefix.prefix(3))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16(bigEndian: false), 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16(bigEndian: true), 2) }
        return nil
    }

    /// The first character of the text that is not a space, tab or line end (0x80 for any non-ASCII one; nil when
    /// there is none): what tells JSON (`{`, `[`) and XML (`<`) from CSV. A byte order mark says how to read it.
    static func firstSignificantCharacter(_ prefix: [UInt8]) -> UInt8? {
        var encoding = TextEncoding.utf8
        var start = 0
        if let mark = byteOrderMark(prefix) {
            encoding = mark.encoding
            start = mark.length
        }
        var width = 1
        if case .utf16 = encoding { width = 2 }
        var index = start
        while index + width <= prefix.count {
            let unit: UInt16
            switch encoding {
            case .utf16(let bigEndian):
                let (high, low) = bigEndian ? (prefix[index], prefix[index + 1]) : (prefix[index + 1], prefix[index])
                unit = UInt16(high) << 8 | UInt16(low)
            default:
                unit = UInt16(prefix[index])
            }
            if unit != 0x20 && unit != 0x09 && unit != 0x0A && unit != 0x0D {
                return unit < 0x80 ? UInt8(unit) : 0x80
            }
            index += width
        }
        return nil
    }

    /// UTF-16 without a byte order mark: big-endian when the text starts with a zero byte before an ASCII one
    /// (as "h" is 00 68), else little-endian, the order Windows writes.
    static func utf16ByteOrder(_ prefix: [UInt8]) -> TextEncoding {
        .utf16(bigEndian: prefix.count >= 2 && prefix[0] == 0 && prefix[1] != 0)
    }
}

/// The `--input-encoding` choices: one encoding for every text input, instead of detecting it.
public enum InputEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "utf-8"
    /// UTF-16 in the byte order of its byte order mark (little-endian without one, as Windows writes it).
    case utf16 = "utf-16"
    case windows1252 = "windows-1252"
    case macRoman = "mac-roman"

    /// Accepts the names above, ignoring case, and common aliases (utf8, cp1252, latin-1, iso-8859-1, macintosh,
    /// Python's mac_roman ...).
    public init?(name: String) {
        let folded = String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
        switch folded {
        case "utf8": self = .utf8
        case "utf16", "unicode": self = .utf16
        case "windows1252", "cp1252", "latin1", "iso88591", "ansi": self = .windows1252
        case "macroman", "macintosh", "mac", "xmacroman", "macosroman", "cp10000": self = .macRoman
        default: return nil
        }
    }

    /// Whether a file starting with the byte order mark of `mark` cannot be this encoding.
    func contradicts(_ mark: TextEncoding) -> Bool {
        switch (self, mark) {
        case (.utf8, .utf8), (.utf16, .utf16): false
        default: true
        }
    }

    /// Refuses this forced encoding for a file whose byte order mark (`mark`, nil for none) contradicts it: read as
    /// the option says, the mark would become text and the rest mojibake or a decoding error. CSV and XML alike.
    func check(against mark: TextEncoding?, file: String) throws(InputError) {
        guard let mark, contradicts(mark) else { return }
        throw .unrecognized(
            file: file,
            detail: "the file starts with a \(mark.name) byte order mark, but --input-encoding \(rawValue) was given: "
                + "drop --input-encoding (the mark says how to read the file)")
    }
}

/// How text inputs are read: by detection, or as the options force.
public struct TextInputOptions: Sendable, Hashable {
    /// nil: detect (a byte order mark; else UTF-8 if the whole file is valid UTF-8; else Mac Roman if its lines end
    /// in CR alone, as Mac Excel writes them; else Windows-1252).
    public var encoding: InputEncoding?
    /// nil: settled from the header line (comma, semicolon or tab).
    public var delimiter: UInt8?
    /// The worksheet of an XLSX workbook to read (`--sheet`); nil: the first visible one.
    public var sheet: String?

    public init(encoding: InputEncoding? = nil, delimiter: UInt8? = nil, sheet: String? = nil) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.sheet = sheet
    }

    /// The `--delimiter` values: a single ASCII character, or a name (comma, semicolon, tab, pipe), or `\t`.
    public static func delimiter(named name: String) -> UInt8? {
        if name == "\\t" { return 0x09 }
        let lowered = name.lowercased()
        return CSVDialect.named.first { $0.name == lowered || [$0.delimiter] == Array(name.utf8) }?.delimiter
    }
}

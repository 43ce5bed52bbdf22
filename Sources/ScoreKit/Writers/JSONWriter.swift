/// A JSON array of objects keyed by heading (or, with `lines`, one object per line). Values are strings, so
/// "7.0", leading zeros and long ids survive every JSON reader.
public struct JSONWriter: RecordWriter {
    public let options: WriterOptions
    public let lines: Bool
    /// Records written so far: array elements after the first are preceded by a comma.
    private var count = 0

    public init(options: WriterOptions, lines: Bool) {
        self.options = options
        self.lines = lines
    }

    public func writeHeader(to out: inout OutputBuffer) {
        if !lines { out.append("[\n" as StaticString) }
    }

    public mutating func write(_ score: TestScore, to out: inout OutputBuffer) {
        if !lines && count > 0 { out.append(",\n" as StaticString) }
        count += 1
        out.append(UInt8(ascii: "{"))
        for (index, field) in options.fields.enumerated() {
            if index > 0 { out.append(", " as StaticString) }
            Self.string(field.heading, to: &out)
            out.append(": " as StaticString)
            Self.string(field.text(of: score, options.context), to: &out)
        }
        out.append(UInt8(ascii: "}"))
        if lines { out.append(UInt8(ascii: "\n")) }
    }

    public func writeFooter(to out: inout OutputBuffer) {
        if !lines { out.append("\n]\n" as StaticString) }
    }

    /// A line stands alone; an array element after the first starts with the comma that follows the one before.
    public var recordsStandAlone: Bool { lines }

    /// Appends `text` as a JSON string literal.
    static func string(_ text: String, to out: inout OutputBuffer) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): out.append("\\\"" as StaticString)
                case UInt8(ascii: "\\"): out.append("\\\\" as StaticString)
                case 0x0A: out.append("\\n" as StaticString)
                case 0x0D: out.append("\\r" as StaticString)
                case 0x09: out.append("\\t" as StaticString)
                case 0..<0x20:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append("\\u00" as StaticString)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// XML 1.0: `<scores>` holding one `<score>` per record, one child element per field, named by heading.
public struct XMLWriter: RecordWriter {
    public let options: WriterOptions
    public private(set) var replacedFields: [Field] = []

    public init(options: WriterOptions) {
        self.options = options
    }

    public func writeHeader(to out: inout OutputBuffer) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scores>\n" as StaticString)
    }

    public mutating func write(_ score: TestScore, to out: inout OutputBuffer) {
        if !replacedFields.isEmpty { replacedFields.removeAll(keepingCapacity: true) }
        out.append("  <score>\n" as StaticString)
        for field in options.fields {
            let text = field.text(of: score, options.context)
            out.append("    <" as StaticString)
            out.append(field.heading)
            if text.isEmpty {
                out.append("/>\n" as StaticString)
                continue
            }
            out.append(UInt8(ascii: ">"))
            if Self.escape(text, to: &out) { replacedFields.append(field) }
            out.append("</" as StaticString)
            out.append(field.heading)
            out.append(">\n" as StaticString)
        }
        out.append("  </score>\n" as StaticString)
    }

    public func writeFooter(to out: inout OutputBuffer) {
        out.append("</scores>\n" as StaticString)
    }

    /// Each record is one `<score>` element.
    public var recordsStandAlone: Bool { true }

    /// Escapes markup, keeps CR as a character reference, and replaces characters XML 1.0 forbids with U+FFFD (no
    /// reference can carry them); returns whether it replaced any, so the run can say so.
    @discardableResult
    static func escape(_ text: String, to out: inout OutputBuffer) -> Bool {
        var replaced = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: out.append("&amp;" as StaticString)
            case 0x3C: out.append("&lt;" as StaticString)
            case 0x3E: out.append("&gt;" as StaticString)
            case 0x0D: out.append("&#13;" as StaticString)
            case 0x09, 0x0A: out.append(UInt8(scalar.value))
            case 0..<0x20, 0xFFFE, 0xFFFF:
                out.append("\u{FFFD}")
                replaced = true
            case 0x20..<0x80: out.append(UInt8(scalar.value))
            default: out.append(String(scalar))
            }
        }
        return replaced
    }
}

/// RFC 4180 CSV: a header row of headings, CRLF line ends, quotes only where needed.
public struct CSVWriter: RecordWriter {
    public let options: WriterOptions

    public init(options: WriterOptions) {
        self.options = options
    }

    public func writeHeader(to out: inout OutputBuffer) {
        if options.byteOrderMark { out.append([0xEF, 0xBB, 0xBF]) }
        for (index, field) in options.fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            cell(field.heading, to: &out)
        }
        out.append("\r\n" as StaticString)
    }

    public var separator: [UInt8] { [] }

    public func write(_ score: TestScore, to out: inout OutputBuffer) {
        var first = true
        for field in options.fields {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            // Scores and dates are digits and separators: no quoting, no guard, and no String on the way.
            switch field.valueType {
            case .score:
                switch field.score(of: score) {
                case (.valid(let value), let decimals): value.write(decimals: decimals, to: &out)
                case (.invalid(let text), _): cell(text, to: &out)
                case (nil, _): break
                }
            case .date:
                switch field.date(of: score, options.context) {
                case .valid(let date): options.context.dateFormat.write(date, to: &out)
                case .invalid(let text): cell(text, to: &out)
                case nil: break
                }
            default:
                cell(field.text(of: score, options.context), to: &out)
            }
        }
        out.append("\r\n" as StaticString)
    }

    public func writeFooter(to out: inout OutputBuffer) {}

    /// Appends one cell, guarded and quoted as needed.
    @inline(__always)
    func cell(_ text: String, to out: inout OutputBuffer) {
        var text = text
        text.withUTF8 { bytes in
            guard let firstByte = bytes.first else { return }
            let guarded =
                options.formulaGuard
                && (firstByte == UInt8(ascii: "=") || firstByte == UInt8(ascii: "+") || firstByte == UInt8(ascii: "-")
                    || firstByte == UInt8(ascii: "@") || firstByte == 0x09 || firstByte == 0x0D || firstByte == 0x0A)
            var needsQuotes = false
            for byte in bytes
            where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
            if !needsQuotes {
                if guarded { out.append(UInt8(ascii: "'")) }
                out.append(bytes)
                return
            }
            out.append(UInt8(ascii: "\""))
            if guarded { out.append(UInt8(ascii: "'")) }
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
    }
}

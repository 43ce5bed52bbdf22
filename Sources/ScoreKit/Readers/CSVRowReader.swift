/// Streams RFC 4180 rows: a BOM, CRLF or LF, quoted fields with commas, doubled quotes and newlines.
final class CSVRowReader {
    private var source: any ByteSource
    private let name: String
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    private var pos = 0
    private var end = 0
    private var atEOF = false
    private var started = false
    /// The line the current row starts on (1-based).
    private(set) var line = 1
    private var nextLine = 1

    init(source: any ByteSource, name: String) {
        self.source = source
        self.name = name
    }

    deinit { buffer.deallocate() }

    private func nextByte() throws(InputError) -> UInt8? {
        if pos == end {
            if atEOF { return nil }
            let n: Int
            do {
                n = try source.read(into: buffer)
            } catch {
                throw .io(error)
            }
            if n == 0 {
                atEOF = true
                return nil
            }
            pos = 0
            end = n
        }
        defer { pos += 1 }
        return buffer[pos]
    }

    /// The next row's fields, or nil at the end. Blank lines are skipped.
    func nextRow() throws(InputError) -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var inQuotes = false
        var any = false
        line = nextLine
        if !started {
            started = true
            // A UTF-8 byte order mark.
            if let a = try nextByte() {
                if a == 0xEF, try nextByte() == 0xBB, try nextByte() == 0xBF {
                } else {
                    pos = 0
                    if end == 0 { return nil }
                }
            } else {
                return nil
            }
        }
        while let byte = try nextByte() {
            any = true
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if pos < end || !atEOF, try peekIsQuote() {
                        field.append(byte)
                        pos += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == 0x0A { nextLine += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                quoted = false
            case UInt8(ascii: "\""):
                guard field.isEmpty && !quoted else {
                    throw .malformed(file: name, detail: "line \(nextLine): a quote inside an unquoted field")
                }
                inQuotes = true
                quoted = true
            case 0x0D:
                continue
            case 0x0A:
                nextLine += 1
                if fields.isEmpty && field.isEmpty && !quoted {
                    line = nextLine
                    any = false
                    continue
                }
                fields.append(String(decoding: field, as: UTF8.self))
                return fields
            default:
                if quoted {
                    throw .malformed(file: name, detail: "line \(nextLine): text after a closing quote")
                }
                field.append(byte)
            }
        }
        if inQuotes {
            throw .malformed(
                file: name, detail: "line \(line): a quoted field is not closed before the end of the file")
        }
        guard any else { return nil }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }

    private func peekIsQuote() throws(InputError) -> Bool {
        if pos == end {
            guard let next = try nextByte() else { return false }
            pos -= 1
            return next == UInt8(ascii: "\"")
        }
        return buffer[pos] == UInt8(ascii: "\"")
    }
}

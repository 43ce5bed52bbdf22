import Foundation

/// The kinds of input scoreimport reads, detected from the content.
public enum InputKind: String, Sendable, Hashable {
    case toefl = "TOEFL Server-to-Server JSON"
    case ielts = "IELTS Results Service JSON"
    case csv = "E-Delivery CSV"
    case json = "scoreimport JSON"
    case jsonLines = "scoreimport JSON Lines"
    case xml = "scoreimport XML"
    case xlsx = "XLSX workbook"
}

/// One input read as a stream of ``TestScore`` records.
///
/// Service documents (TOEFL, IELTS) are read in one streaming pass. Heading-based documents (CSV, the project's
/// JSON and XML) are read twice (see ``HeadingInput``): first to settle the encoding and the date format, then to
/// map the rows.
public final class ScoreInput {
    public let file: InputFile
    public private(set) var kind: InputKind = .csv
    /// File-level notes for stderr (unknown columns, the date format chosen).
    public private(set) var notes: [String] = []

    private enum Reading {
        case service(JSONRecordCursor, isTOEFL: Bool)
        case rows(any RowSource)
    }
    private var reading: Reading

    /// Detects the kind of `file`; with `inputDateFormat` nil, a heading-based file's dates settle the format.
    /// `today` (the run's) places a two-digit year of birth in the past.
    public init(
        file: InputFile, inputDateFormat: DateFormat?, text: TextInputOptions = TextInputOptions(),
        today: CalendarDate? = nil
    ) throws(InputError) {
        self.file = file
        let first = try Self.firstByte(of: file)
        switch first {
        case _ where try XLSXWorkbook.open(file, sheet: text.sheet) != nil:
            kind = .xlsx
        case UInt8(ascii: "{"):
            let service = try Self.detectObjectDocument(file)
            if let isTOEFL = service {
                kind = isTOEFL ? .toefl : .ielts
                let reader = try Self.jsonReader(file)
                reading = .service(JSONRecordCursor(reader: reader, arrayKeys: ["data", "results"]), isTOEFL: isTOEFL)
                return
            }
            kind = .jsonLines
        case UInt8(ascii: "["):
            kind = .json
        case UInt8(ascii: "<"):
            kind = .xml
        case nil:
            throw .unrecognized(file: file.name, detail: "the input is empty")
        default:
            kind = .csv
        }
        let opened = try HeadingInput.open(
            file, kind: kind, options: text, dateFormat: inputDateFormat, today: today)
        reading = .rows(opened.rows)
        notes += opened.notes
        if text.sheet != nil && kind != .xlsx { notes.append("--sheet is for XLSX input: ignored") }
    }

    /// Reads the next record into `score`; false at the end of the input.
    public func next(into score: inout TestScore) throws(InputError) -> Bool {
        switch reading {
        case .service(var cursor, let isTOEFL):
            do {
                defer { reading = .service(cursor, isTOEFL: isTOEFL) }
                guard try cursor.next() else { return false }
                if isTOEFL {
                    try TOEFLRecordReader.read(cursor.reader, into: &score)
                } else {
                    try IELTSRecordReader.read(cursor.reader, into: &score)
                }
                return true
            } catch {
                throw InputError(error, file: file.name)
            }
        case .rows(let source):
            do {
                return try source.next(into: &score)
            } catch {
                throw error.naming(file.name)
            }
        }
    }

    /// The first character after a byte order mark and whitespace (read as the mark says: UTF-8 or UTF-16).
    private static func firstByte(of file: InputFile) throws(InputError) -> UInt8? {
        TextEncoding.firstSignificantCharacter(try file.prefix(4096))
    }

    private static func jsonReader(_ file: InputFile) throws(InputError) -> JSONReader {
        let source = try file.source()
        do {
            return try JSONReader(source: source)
        } catch {
            throw InputError(error, file: file.name)
        }
    }

    /// For a JSON object: true for TOEFL (`data`), false for IELTS (`results`), nil for JSON Lines of records.
    private static func detectObjectDocument(_ file: InputFile) throws(InputError) -> Bool? {
        let reader = try jsonReader(file)
        do {
            try reader.beginObject()
            while try reader.nextMember() {
                switch reader.key {
                case "data": return true
                case "results": return false
                case let key where Field(name: key) != nil: return nil
                default: try reader.skipValue()
                }
            }
        } catch {
            throw InputError(error, file: file.name)
        }
        throw .unrecognized(
            file: file.name,
            detail: "a JSON object with neither a \"data\" array (TOEFL Server-to-Server) nor a \"results\" array "
                + "(IELTS Results Service)")
    }
}

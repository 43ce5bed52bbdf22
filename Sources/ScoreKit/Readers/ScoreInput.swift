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
/// JSON and XML) are read twice: first to settle the date format from every date value, then to map the rows.
public final class ScoreInput {
    public let file: InputFile
    public private(set) var kind: InputKind = .csv
    /// File-level notes for stderr (unknown columns, the date format chosen).
    public private(set) var notes: [String] = []

    private enum Reading {
        case service(JSONRecordCursor, isTOEFL: Bool)
        case rows(any RowSource, RowMapper)
    }
    private var reading: Reading

    /// Detects the kind of `file`; with `inputDateFormat` nil, a heading-based file's dates settle the format.
    /// `sheet` names the worksheet of an XLSX workbook to read (the first by default).
    public init(file: InputFile, inputDateFormat: DateFormat?, sheet: String? = nil) throws(InputError) {
        self.file = file
        let workbook = try XLSXWorkbook.open(file, sheet: sheet)
        let first = try Self.firstByte(of: file)
        switch first {
        case _ where workbook != nil:
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
        let format: DateFormat
        if let inputDateFormat {
            format = inputDateFormat
        } else {
            format = try Self.detectDateFormat(file, kind: kind, workbook: workbook)
        }
        let rows = try Self.rows(file, kind: kind, workbook: workbook)
        reading = .rows(rows.source, RowMapper(dateFormat: format))
        for heading in rows.unknown {
            notes.append(
                "ignoring column \"\(heading)\", which is not a template field (see `scoreimport templates e-delivery`)"
            )
        }
        if (kind == .csv || kind == .xlsx) && !rows.hasModule {
            notes.append("no Module or testType column: records are read as IELTS Academic")
        }
        if sheet != nil && workbook == nil { notes.append("--sheet is for XLSX input: ignored") }
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
        case .rows(let source, let mapper):
            do {
                guard let row = try source.nextRow() else { return false }
                score = mapper.score(from: row)
                score.inputProblems = source.rowProblems
                return true
            } catch {
                throw error.naming(file.name)
            }
        }
    }

    /// The first byte after a BOM and whitespace.
    private static func firstByte(of file: InputFile) throws(InputError) -> UInt8? {
        var bytes = try file.prefix(4096)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
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

    private static func rows(_ file: InputFile, kind: InputKind, workbook: XLSXWorkbook? = nil) throws(InputError)
        -> (source: any RowSource, unknown: [String], hasModule: Bool)
    {
        switch kind {
        case .xlsx:
            guard let workbook else { throw .unrecognized(file: file.name, detail: "not an XLSX workbook") }
            do {
                let rows = try XLSXRows(workbook: workbook)
                return (rows, rows.unknownHeadings, rows.hasModule)
            } catch {
                throw error.naming(file.name)
            }
        case .csv:
            let rows = try CSVRows(source: try file.source(), name: file.name)
            return (rows, rows.unknownHeadings, rows.hasModule)
        case .json, .jsonLines:
            return (JSONRows(reader: try jsonReader(file), lines: kind == .jsonLines), [], true)
        default:
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: "/dev/fd/\(file.fd)"))
            } catch {
                throw .io(IOError("read", path: file.name, code: EIO))
            }
            let rows = try XMLRows(data: data, name: file.name)
            return (rows, [], true)
        }
    }

    /// The first pass over a heading-based file: every date value votes.
    private static func detectDateFormat(_ file: InputFile, kind: InputKind, workbook: XLSXWorkbook?)
        throws(InputError) -> DateFormat
    {
        let source = try rows(file, kind: kind, workbook: workbook).source
        var detector = DateFormatDetector()
        do {
            while let row = try source.nextRow() {
                for (field, value) in row where field.valueType == .date { detector.add(value) }
            }
        } catch {
            throw error.naming(file.name)
        }
        switch detector.outcome {
        case .format(let format):
            return format
        case .ambiguous(let formats):
            let names = formats.map(\.rawValue)
            throw .ambiguousDates(
                file: file.name,
                detail: "every date (e.g. \"\(detector.example)\") reads as \(names.joined(separator: " or ")); "
                    + "pass --input-date-format \(names[0]) (or another of them)")
        }
    }
}

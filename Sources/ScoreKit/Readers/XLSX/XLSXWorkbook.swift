/// An XLSX workbook opened to read one worksheet: the ZIP container, the sheet chosen, and what its cells need
/// (shared strings, number formats, the date system). Made once per input; each pass over the rows reads the sheet
/// part again, inflating it as it goes.
final class XLSXWorkbook {
    /// Inflated size limits: small parts, the shared strings (held in memory), and a worksheet (streamed; ZIP's
    /// 4 GiB without ZIP64, about 3 million rows of 73 columns).
    static let smallPartLimit = 64 << 20
    static let sharedStringsLimit = 1 << 30
    static let sheetLimit = Int(UInt32.max)

    let sheetName: String
    let sharedStrings: XLSXSharedStrings
    let styles: XLSXStyles
    /// Dates count from 1904-01-01 (old Mac Excel) instead of 1900.
    let date1904: Bool
    /// scoreimport wrote the workbook (and no spreadsheet program saved it since): its text cells hold values
    /// exactly, surrounding spaces included.
    let isOwn: Bool
    private let archive: ZipArchive
    private let sheet: ZipArchive.Entry

    /// The workbook in `file` if it is a ZIP archive (nil if it is not). `sheet` names the sheet to read; without
    /// it, the first visible worksheet is read.
    static func open(_ file: InputFile, sheet: String?) throws(InputError) -> XLSXWorkbook? {
        let prefix = try file.prefix(8)
        if prefix == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
            throw .unrecognized(
                file: file.name,
                detail: "an OLE2 file: an Excel 97-2003 .xls workbook, or a password-protected .xlsx; save it from "
                    + "the spreadsheet as an unprotected Excel Workbook (.xlsx)")
        }
        guard ZipArchive.isZip(prefix) else { return nil }
        do {
            return try XLSXWorkbook(archive: ZipArchive(fd: file.fd, name: file.name), sheet: sheet, file: file.name)
        } catch {
            throw error.naming(file.name)
        }
    }

    private init(archive: ZipArchive, sheet wanted: String?, file: String) throws(InputError) {
        self.archive = archive
        guard let workbookEntry = archive.entry("xl/workbook.xml") else {
            let kind = archive.entry("mimetype") != nil ? "an OpenDocument file (.ods?)" : "a ZIP archive"
            throw .unrecognized(
                file: "", detail: "\(kind), not an XLSX workbook (no xl/workbook.xml); save it as .xlsx or CSV")
        }
        let relationships = try Self.relationships(archive, "xl/_rels/workbook.xml.rels")
        var sheets: [(name: String, hidden: Bool, target: String?)] = []
        var date1904 = false
        let scanner = try Self.scanner(archive, workbookEntry, limit: Self.smallPartLimit)
        while true {
            let event = try scanner.next()
            if event == .endOfDocument { break }
            guard event == .start else { continue }
            if scanner.isNamed("workbookPr") {
                date1904 = ["1", "true"].contains(try scanner.string("date1904") ?? "")
            } else if scanner.isNamed("sheet") {
                let name = try scanner.string("name") ?? ""
                let target = try scanner.string("id", prefixed: true).flatMap { relationships[$0] }
                let isWorksheet = target?.type.hasSuffix("/worksheet") ?? false
                let state = try scanner.string("state") ?? "visible"
                sheets.append((name, state != "visible", isWorksheet ? target?.target : nil))
            }
        }
        self.date1904 = date1904
        let chosen: (name: String, hidden: Bool, target: String?)
        if let wanted {
            guard
                let named = sheets.first(where: { $0.name == wanted })
                    ?? sheets.first(where: {
                        $0.name.lowercased() == wanted.lowercased()
                    })
            else {
                let names = sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
                throw .sheetNotFound(
                    file: file, detail: "--sheet \"\(wanted)\": no such sheet; the sheets are \(names)")
            }
            guard named.target != nil else {
                throw .sheetNotFound(
                    file: file, detail: "--sheet \"\(wanted)\" is a chart or dialog sheet, with no cells")
            }
            chosen = named
        } else {
            let worksheets = sheets.filter { $0.target != nil }
            guard let first = worksheets.first(where: { !$0.hidden }) ?? worksheets.first else {
                throw .unrecognized(file: "", detail: "an XLSX workbook with no worksheet")
            }
            chosen = first
        }
        guard let path = chosen.target, let entry = archive.entry(path) else {
            throw ZipArchive.damaged("sheet \"\(chosen.name)\" names a part the archive does not hold")
        }
        sheetName = chosen.name
        sheet = entry
        let sharedPath = relationships.values.first { $0.type.hasSuffix("/sharedStrings") }?.target
        if let entry = archive.entry(sharedPath ?? "xl/sharedStrings.xml") {
            sharedStrings = try XLSXSharedStrings(Self.scanner(archive, entry, limit: Self.sharedStringsLimit))
        } else {
            sharedStrings = XLSXSharedStrings()
        }
        isOwn = try Self.application(archive) == XLSXParts.application
        let stylesPath = relationships.values.first { $0.type.hasSuffix("/styles") }?.target
        if let entry = archive.entry(stylesPath ?? "xl/styles.xml") {
            styles = try XLSXStyles(Self.scanner(archive, entry, limit: Self.smallPartLimit))
        } else {
            styles = XLSXStyles()
        }
    }

    /// The application `docProps/app.xml` names (a program saving the workbook names itself there), if any.
    private static func application(_ archive: ZipArchive) throws(InputError) -> String? {
        guard let entry = archive.entry("docProps/app.xml") else { return nil }
        let scanner = try scanner(archive, entry, limit: smallPartLimit)
        var name: [UInt8] = []
        var inName = false
        while true {
            switch try scanner.next() {
            case .start where scanner.depth == 2: inName = scanner.isNamed("Application")
            case .text where inName: scanner.appendText(to: &name)
            case .end where inName: return String(decoding: name, as: UTF8.self)
            case .endOfDocument: return nil
            default: continue
            }
        }
    }

    /// A scanner over the chosen worksheet, from its start.
    func openSheet() throws(InputError) -> XMLScanner {
        try Self.scanner(archive, sheet, limit: Self.sheetLimit)
    }

    /// A scanner over a part of the archive, inflated as it is read; its errors name the part.
    private static func scanner(_ archive: ZipArchive, _ entry: ZipArchive.Entry, limit: Int) throws(InputError)
        -> XMLScanner
    {
        XMLScanner(try archive.open(entry, limit: limit), part: entry.name)
    }

    /// The relationships of a part (`xl/_rels/workbook.xml.rels`): id -> type and target, the target resolved to a
    /// part name from `xl/`.
    private static func relationships(_ archive: ZipArchive, _ path: String) throws(InputError) -> [String: (
        type: String, target: String
    )] {
        guard let entry = archive.entry(path) else { return [:] }
        var result: [String: (type: String, target: String)] = [:]
        let scanner = try scanner(archive, entry, limit: smallPartLimit)
        while true {
            let event = try scanner.next()
            if event == .endOfDocument { return result }
            guard event == .start, scanner.isNamed("Relationship"), try scanner.string("TargetMode") != "External",
                let id = try scanner.string("Id"), let type = try scanner.string("Type"),
                let target = try scanner.string("Target")
            else { continue }
            result[id] = (type, resolve(target, from: "xl"))
        }
    }

    /// A relationship target as a part name: absolute ("/xl/a.xml") or relative to `directory`, with ".." applied.
    static func resolve(_ target: String, from directory: String) -> String {
        var parts = target.hasPrefix("/") ? [] : directory.split(separator: "/").map(String.init)
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(segment))
            }
        }
        return parts.joined(separator: "/")
    }
}

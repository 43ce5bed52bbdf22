#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens a heading-based input (CSV, and the project's own JSON, JSON Lines and XML) for ``ScoreInput``.
///
/// A first pass settles what holds for the whole file: its encoding (a CSV file is read as UTF-8 only when all of
/// it is), its date format (every date value votes, see ``DateFormatDetector``), and the blank rows it skips. The
/// second pass maps the rows onto records. Both stream: memory does not follow the size of the file.
enum HeadingInput {
    struct Opened {
        var rows: any RowSource
        /// File-level notes for stderr (the encoding, skipped rows, unknown columns, how the test is told).
        var notes: [String] = []
    }

    static func open(
        _ file: InputFile, kind: InputKind, options: TextInputOptions, dateFormat: DateFormat?, today: CalendarDate?
    ) throws(InputError) -> Opened {
        if kind == .csv { return try CSVInput.open(file, options: options, dateFormat: dateFormat, today: today) }
        // The first pass: every date votes, and the keys or elements that are not fields are noted, as a CSV
        // file's unknown headings are (these files are the project's own, and small).
        let fields = Field.allCases
        var unknown: [String] = []
        let (settled, dateNote) = try settle(
            file.name, option: dateFormat, place: { "\(fields[$0].heading) in record \($1)" }
        ) { (detector) throws(InputError) in
            let reader = try fieldReader(file, kind: kind, options: options)
            var record = 0
            while let row = try reader.nextFields() {
                record += 1
                // A typed date cell is a date whatever the text format: only dates typed in as text vote.
                let typed = reader.typedDates
                for (field, text) in row
                where field.valueType == .date && field != .downloadDate && !typed.contains(field) {
                    var text = text
                    let column = fields.firstIndex(of: field) ?? 0
                    text.withUTF8 { detector.add($0, column: column, line: record) }
                }
            }
            unknown = reader.unknownHeadings
        }
        let reader = try fieldReader(file, kind: kind, options: options)
        var notes = unknown.map(unknownNote)
        if let sheet = reader as? XLSXRows, sheet.titleLines > 0 {
            notes.append(
                "skipped \(sheet.titleLines) title row\(sheet.titleLines == 1 ? "" : "s") above the header row "
                    + "(row \(sheet.headerRow))")
        }
        if let dateNote { notes.append(dateNote) }
        if reader.hasTestColumn == false { notes.append(noTestColumnNote) }
        return Opened(rows: FieldRows(reader, dateFormat: settled, today: today), notes: notes)
    }

    /// The note for a file whose dates settle `format` although the run named `option` (`--input-date-format`, or
    /// `optionName`) for ambiguous ones.
    static func optionNotUsed(
        _ option: DateFormat, format: DateFormat, every: Bool, optionName: String = "--input-date-format"
    ) -> String {
        "dates read as \(format.rawValue), "
            + (every ? "the only format every one of them fits" : "the format that reads the most of them")
            + ": \(optionName) \(option.rawValue) is for files whose dates fit more than one format"
    }

    /// The note for a table without a Module or testType column (CSV, XLSX).
    static let noTestColumnNote =
        "no Module or testType column: a record's test is told from its id and scores (an appointment number, an "
        + "all-digit id or a score above 9 is TOEFL); the others are read as IELTS Academic"

    /// The note for a heading that is no template field, the same for every kind of input.
    static func unknownNote(_ heading: String) -> String {
        "ignoring column \"\(heading)\", which is not a template field (see `scoreimport templates e-delivery`)"
            + (Field.suggestion(for: heading).map { "; did you mean \"\($0)\"?" } ?? "")
    }

    /// Runs `survey` over a detector and turns its votes into the file's format (see ``format(of:_:option:place:)``).
    static func settle(
        _ name: String, option: DateFormat?, place: (Int, Int) -> String,
        _ survey: (inout DateFormatDetector) throws(InputError) -> Void
    ) throws(InputError) -> (DateFormat, note: String?) {
        var detector = DateFormatDetector()
        do {
            try survey(&detector)
        } catch {
            throw error.naming(name)
        }
        return try format(of: detector, name, option: option, place: place)
    }

    /// The format `detector`'s votes settle. `option` (`--input-date-format`) is for dates that settle none: it
    /// decides for a file whose dates fit more than one format, or that has none, while a file whose dates settle
    /// a format keeps it, with a note when it is not the option. Without an option, such a file is the ambiguity
    /// error, which names where the first date that could be either is (`place` of its column and line), never the
    /// date itself.
    static func format(
        of detector: DateFormatDetector, _ name: String, option: DateFormat?, place: (Int, Int) -> String
    ) throws(InputError) -> (DateFormat, note: String?) {
        if let option {
            let format = detector.format(preferring: option)
            guard format != option else { return (option, nil) }
            return (format, optionNotUsed(option, format: format, every: detector.readsEvery(format)))
        }
        switch detector.outcome {
        case .format(let format):
            return (format, nil)
        case .ambiguous(let formats):
            let names = formats.map(\.rawValue)
            let first = detector.example.map(place) ?? "?"
            let fit =
                detector.readsEvery(formats[0])
                ? "every date (the first at \(first)) reads as \(names.joined(separator: " or "))"
                : "the dates read as \(names.joined(separator: " or ")) equally often (the first that could be "
                    + "either is at \(first)), and some not in those"
            throw .ambiguousDates(
                file: name, detail: "\(fit); pass --input-date-format \(names[0]) (or another of them)")
        }
    }

    private static func fieldReader(_ file: InputFile, kind: InputKind, options: TextInputOptions)
        throws(InputError) -> any FieldRowReader
    {
        if kind == .xml { return XMLRows(source: try textSource(file, options: options), name: file.name) }
        if kind == .xlsx {
            guard let workbook = try XLSXWorkbook.open(file, sheet: options.sheet) else {
                throw .unrecognized(file: file.name, detail: "not an XLSX workbook")
            }
            do {
                return try XLSXRows(workbook: workbook)
            } catch {
                throw error.naming(file.name)
            }
        }
        let source = try file.source()
        do {
            return JSONRows(reader: try JSONReader(source: source), lines: kind == .jsonLines)
        } catch {
            throw InputError(error, file: file.name)
        }
    }

    /// An XML file's text as UTF-8: by its byte order mark, else the encoding its declaration names (ISO-8859-1,
    /// Windows-1252 and Mac Roman are transcoded), else UTF-8, which the scanner checks.
    private static func textSource(_ file: InputFile, options: TextInputOptions) throws(InputError) -> any ByteSource {
        let prefix = try file.prefix(256)
        let source = try file.source()
        var encoding = TextEncoding.utf8
        var skip = 0
        try options.encoding?.check(against: TextEncoding.byteOrderMark(prefix)?.encoding, file: file.name)
        if let mark = TextEncoding.byteOrderMark(prefix), mark.encoding != .utf8 {
            encoding = mark.encoding
            skip = mark.length
        } else if let forced = options.encoding {
            switch forced {
            case .utf8: break
            case .utf16: encoding = TextEncoding.utf16ByteOrder(prefix)
            case .windows1252: encoding = .windows1252
            case .macRoman: encoding = .macRoman
            }
        } else if let declared = declaredEncoding(prefix) {
            if ["iso-8859-1", "latin1", "windows-1252"].contains(declared) { encoding = .windows1252 }
            if ["macintosh", "x-mac-roman", "macroman"].contains(declared) { encoding = .macRoman }
        }
        return encoding == .utf8
            ? source
            : TranscodingSource(
                source, encoding: encoding, skipping: skip, name: file.name,
                option: skip == 0 ? options.encoding.map { "--input-encoding \($0.rawValue)" } : nil)
    }

    /// The lowercased `encoding` of an XML declaration at the start of `prefix`.
    private static func declaredEncoding(_ prefix: [UInt8]) -> String? {
        guard prefix.starts(with: Array("<?xml".utf8)), let close = prefix.firstIndex(of: UInt8(ascii: ">")) else {
            return nil
        }
        let declaration = prefix[..<close]
        let key = Array("encoding".utf8)
        guard let at = declaration.indices.first(where: { declaration[$0...].starts(with: key) }) else { return nil }
        let rest = declaration[(at + key.count)...].drop { $0 == 0x20 || $0 == UInt8(ascii: "=") }
        guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        return String(decoding: rest.dropFirst().prefix { $0 != quote }, as: UTF8.self).lowercased()
    }
}

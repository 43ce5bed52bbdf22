#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens a CSV file in two passes.
///
/// The encoding comes from `--input-encoding`, else a byte order mark (UTF-8, UTF-16 LE or BE), else the first
/// pass: a file that is all well-formed UTF-8 is read as UTF-8 straight from the file, anything else as
/// Windows-1252 with a note. The delimiter comes from `--delimiter` or the header line. The first pass also lets
/// every date vote for the file's date format and counts the blank and empty rows the second pass skips.
enum CSVInput {
    static func open(_ file: InputFile, options: TextInputOptions, dateFormat: DateFormat?, today: CalendarDate?)
        throws(InputError) -> HeadingInput.Opened
    {
        let prefix = try file.prefix(4)
        let mark = TextEncoding.byteOrderMark(prefix)
        var encoding = TextEncoding.utf8
        switch options.encoding {
        case .utf8?: break
        case .utf16?:
            if let mark, mark.encoding != .utf8 {
                encoding = mark.encoding
            } else {
                encoding = TextEncoding.utf16ByteOrder(prefix)
            }
        case .windows1252?: encoding = .windows1252
        case nil: encoding = mark?.encoding ?? .utf8
        }
        // A UTF-16 mark is skipped by the transcoder; a UTF-8 one by the row reader.
        let skip = encoding != .utf8 && mark.map { $0.encoding == encoding } == true ? mark?.length ?? 0 : 0
        func source(_ encoding: TextEncoding) throws(InputError) -> any ByteSource {
            let raw = try file.source()
            if encoding == .utf8 { return raw }
            return TranscodingSource(raw, encoding: encoding, skipping: skip, name: file.name)
        }

        // The first pass.
        let check = encoding == .utf8 ? UTF8CheckingSource(try file.source()) : nil
        let surveySource: any ByteSource
        if let check {
            surveySource = check
        } else {
            surveySource = try source(encoding)
        }
        let survey = try CSVSurvey.run(file, source: surveySource, checked: check, delimiter: options.delimiter)
        let headings = survey.headings
        let (format, dateNote) = try HeadingInput.format(of: survey.detector, file.name, option: dateFormat) {
            "\(headings[$0]) on line \($1)"
        }
        var notes: [String] = []
        if let dateNote { notes.append(dateNote) }
        if let invalid = survey.firstInvalidUTF8 {
            let line = try lineNumber(in: file, at: invalid)
            guard options.encoding != .utf8 else {
                throw .malformed(
                    file: file.name,
                    detail: "line \(line) is not valid UTF-8 (byte \(invalid)), and --input-encoding utf-8 was given")
            }
            encoding = .windows1252
            notes.append(
                "not UTF-8 (line \(line) is the first line that is not): read as Windows-1252; "
                    + "--input-encoding chooses another encoding")
        }

        // The second pass, over the same delimiter.
        let reader = CSVRowReader(source: try source(encoding), name: file.name, delimiter: survey.delimiter)
        let header = try CSVHeader(reader: reader, name: file.name)
        if survey.skipped > 0 {
            notes.append(
                "skipped \(survey.skipped) blank or empty row\(survey.skipped == 1 ? "" : "s") (the first on line "
                    + "\(survey.firstSkipped))")
        }
        notes += header.unknown.map(HeadingInput.unknownNote)
        if header.unnamed > 0 {
            notes.append("ignoring \(header.unnamed) column\(header.unnamed == 1 ? "" : "s") with no heading")
        }
        if !header.hasTestColumn { notes.append(HeadingInput.noTestColumnNote) }
        let rows = CSVRows(reader: reader, name: file.name, header: header, dateFormat: format, today: today)
        return HeadingInput.Opened(rows: rows, notes: notes)
    }

    /// The line of byte `offset` of the file (CRLF, LF and CR each end a line).
    private static func lineNumber(in file: InputFile, at offset: Int) throws(InputError) -> Int {
        var source = try file.source()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        var line = 1
        var seen = 0
        var previous: UInt8 = 0
        while seen < offset {
            let n: Int
            do {
                n = try source.read(into: chunk)
            } catch {
                throw .io(error)
            }
            if n == 0 { break }
            for byte in chunk[..<min(n, offset - seen)] {
                if byte == 0x0A && previous != 0x0D || byte == 0x0D { line += 1 }
                previous = byte
            }
            seen += n
        }
        return line
    }
}

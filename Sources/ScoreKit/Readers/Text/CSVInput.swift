#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens a CSV file in two passes.
///
/// The encoding comes from `--input-encoding` (a byte order mark that says otherwise is an error), else a byte
/// order mark (UTF-8, UTF-16 LE or BE), else the first pass: a file that is all well-formed UTF-8 is read as UTF-8
/// straight from the file, anything else as Mac Roman or Windows-1252 by its line ends (``LegacyEncoding``), with a
/// note. The delimiter comes from `--delimiter` or the header line. The first pass also lets every date vote for
/// the file's date format and counts the blank and empty rows the second pass skips.
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
        case .macRoman?: encoding = .macRoman
        case nil: encoding = mark?.encoding ?? .utf8
        }
        try options.encoding?.check(against: mark?.encoding, file: file.name)
        // A UTF-16 mark is skipped by the transcoder; a UTF-8 one by the row reader.
        let skip = encoding != .utf8 && mark.map { $0.encoding == encoding } == true ? mark?.length ?? 0 : 0
        func source(_ encoding: TextEncoding) throws(InputError) -> any ByteSource {
            let raw = try file.source()
            if encoding == .utf8 { return raw }
            return TranscodingSource(
                raw, encoding: encoding, skipping: skip, name: file.name,
                option: options.encoding.map { "--input-encoding \($0.rawValue)" })
        }

        // The first pass.
        let check = encoding == .utf8 ? UTF8CheckingSource(try file.source()) : nil
        let surveySource: any ByteSource
        if let check {
            surveySource = check
        } else {
            surveySource = try source(encoding)
        }
        let survey = try CSVSurvey.run(
            file, source: surveySource, checked: check, delimiter: options.delimiter, inputEncoding: options.encoding)
        let headings = survey.headings
        let (format, dateNote) = try HeadingInput.format(of: survey.detector, file.name, option: dateFormat) {
            "\(headings[$0]) on line \($1)"
        }
        var notes: [String] = []
        if let dateNote { notes.append(dateNote) }
        if let invalid = survey.firstInvalidUTF8, let check {
            // The bytes before the first invalid one are read again for its line; `check` saw the rest. When a
            // second thread surveyed the second half, `check` stopped near the middle, but the halves meet just
            // after a line feed, which settles the choice and is either before that byte or among the rest.
            let legacy = try LegacyEncoding(file, firstInvalid: invalid, lineEndsFromInvalid: check.lineEndsFromInvalid)
            guard options.encoding != .utf8 else {
                throw .malformed(
                    file: file.name,
                    detail: "line \(legacy.line) is not valid UTF-8 (byte \(invalid)), and --input-encoding utf-8 was "
                        + "given")
            }
            encoding = legacy.encoding
            notes.append(legacy.note)
        }

        // The second pass, over the same delimiter.
        let reader = CSVRowReader(source: try source(encoding), name: file.name, delimiter: survey.delimiter)
        let header = try CSVHeader(reader: reader, name: file.name)
        if survey.skipped > 0 {
            notes.append(
                "skipped \(survey.skipped) blank or empty row\(survey.skipped == 1 ? "" : "s") (the first on line "
                    + "\(survey.firstSkipped))")
        }
        if header.titleLines > 0 {
            // The title is not quoted: it may name a person (a report made for one candidate).
            notes.append(
                "skipped \(header.titleLines) title line\(header.titleLines == 1 ? "" : "s") above the header row "
                    + "(line \(header.headerLine))")
        }
        notes += header.unknown.map(HeadingInput.unknownNote)
        if header.unnamed > 0 {
            notes.append("ignoring \(header.unnamed) column\(header.unnamed == 1 ? "" : "s") with no heading")
        }
        if !header.hasTestColumn { notes.append(HeadingInput.noTestColumnNote) }
        let rows = CSVRows(reader: reader, name: file.name, header: header, dateFormat: format, today: today)
        return HeadingInput.Opened(rows: rows, notes: notes)
    }
}

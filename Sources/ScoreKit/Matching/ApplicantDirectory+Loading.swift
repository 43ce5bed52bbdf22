extension ApplicantDirectory {
    /// What loading an applicant file found besides the applicants: notes, and problems with rows (by row number
    /// only: the header is row 1 and blank lines are not counted).
    public struct LoadReport: Sendable, Equatable {
        public var notes: [String] = []
        public var warnings: [String] = []
    }

    /// Reads an applicant file: the header row, then one applicant a row.
    ///
    /// A row without an applicant id is left out; a row repeating an earlier row's id is the same applicant; a date
    /// of birth that cannot be read leaves the row to the rules that need none. Each is a warning naming rows.
    /// `today` (the run's) places a two-digit year of birth in the past.
    public static func load(
        _ rows: inout some CellRows, name: String, idColumn: String? = nil, dateFormat: DateFormat? = nil,
        today: CalendarDate? = nil, normalizer: NameNormalizer
    ) throws(MatchingError) -> (ApplicantDirectory, LoadReport) {
        let firstRow: [String]?
        do {
            firstRow = try rows.nextRow()
        } catch {
            throw .input(error.naming(name))
        }
        guard let header = firstRow else {
            throw .input(.unrecognized(file: name, detail: "the applicant file is empty"))
        }
        guard let columns = ApplicantColumns(headings: header, idColumn: idColumn) else {
            let known = header.contains(where: ApplicantColumns.isKnown)
            throw .noIdColumn(file: name, wanted: idColumn, headings: known ? header : nil)
        }
        let directory = ApplicantDirectory()
        // Dates of birth repeat (a few thousand distinct ones in a large file): each distinct text is detected and
        // parsed once.
        var birthTexts: [String] = []
        var birthOfText: [String: Int32] = [:]
        var birthOfRow: [Int32] = []
        var reported: [[String]] = []
        var rowNumbers: [Int32] = []
        var noId = RowList()
        var number: Int32 = 1
        do {
            while let cells = try rows.nextRow() {
                number += 1
                func cell(_ column: Int?) -> String {
                    guard let column, column < cells.count else { return "" }
                    return cells[column]
                }
                let id = trimmed(cell(columns.id))
                guard !id.isEmpty else {
                    noId.add(number)
                    continue
                }
                directory.ids.append(id)
                directory.families.append(normalizer.joined(cell(columns.familyName)))
                directory.firsts.append(normalizer.tokens(cell(columns.firstName)))
                directory.emails.append(emailKey(cell(columns.email)))
                let birth = trimmed(cell(columns.dateOfBirth))
                if birth.isEmpty {
                    birthOfRow.append(-1)
                } else if let known = birthOfText[birth] {
                    birthOfRow.append(known)
                } else {
                    birthOfText[birth] = Int32(birthTexts.count)
                    birthOfRow.append(Int32(birthTexts.count))
                    birthTexts.append(birth)
                }
                rowNumbers.append(number)
                var ids: [String] = []
                for reportedColumn in columns.reportedIds where !cell(reportedColumn.column).isEmpty {
                    for part in cell(reportedColumn.column).split(whereSeparator: { ";,|/\n".contains($0) }) {
                        // An id a spreadsheet put in scientific notation has lost digits: it names no one.
                        var text = String(part)
                        guard !text.withUTF8(RowMapper.isScientific) else { continue }
                        let key = idKey(part, isIELTS: reportedColumn.isIELTS)
                        if !key.isEmpty { ids.append(key) }
                    }
                }
                reported.append(ids)
            }
        } catch {
            throw .input(error.naming(name))
        }
        let (format, formatNote) = try settleFormat(birthTexts, given: dateFormat, name: name)
        let days = birthTexts.map { text in
            // yyyy-mm-dd is read in any format, as in score files (the format's vote leaves such dates out).
            let date =
                (today.map { format.parseBirth(text, today: $0) } ?? format.parse(text))
                ?? DateFormat.isoDate.parse(text)
            return date.map { Int32($0.daysSinceEpoch) } ?? noBirth
        }
        var unreadable = RowList()
        directory.births = birthOfRow.indices.map { row in
            guard birthOfRow[row] >= 0 else { return noBirth }
            let birth = days[Int(birthOfRow[row])]
            if birth == noBirth { unreadable.add(rowNumbers[row]) }
            return birth
        }
        var repeated = RowList()
        for row in directory.settleOwners() { repeated.add(rowNumbers[row]) }
        directory.buildIndexes(reportedIds: reported)

        var report = LoadReport()
        report.notes.append(
            "\(name): \(Self.count(directory.count - repeated.count, "applicant")) in "
                + "\(Self.count(directory.count, "row")); "
                + columns.describe(header, dateFormat: columns.dateOfBirth == nil ? nil : format))
        if let missing = columns.missingDetails { report.notes.append("\(name): \(missing)") }
        if let formatNote { report.notes.append("\(name): \(formatNote)") }
        if let rows = noId.text {
            report.warnings.append("\(name): \(rows) no applicant id: left out")
        }
        if let rows = repeated.text {
            report.warnings.append("\(name): \(rows) an applicant id of an earlier row: matched as that applicant")
        }
        if let rows = unreadable.text {
            report.warnings.append(
                "\(name): \(rows) a date of birth that is not \(format.rawValue): matched only by reported id or "
                    + "by email and family name")
        }
        return (directory, report)
    }

    /// "1 row", "2 rows": a count with its noun.
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// `text` without leading and trailing spaces, tabs and line breaks; the same string when it has none.
    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        return blank(first) || blank(last) ? text.trimmingASCIISpaces() : text
    }

    /// The file's date format, from its distinct date texts, as for E-Delivery input: the one its dates of birth
    /// settle; `given` (`--applicant-date-format`) only where they fit more than one format (or there are none),
    /// with a note when the dates settle another.
    static func settleFormat(_ texts: [String], given: DateFormat?, name: String) throws(MatchingError)
        -> (DateFormat, note: String?)
    {
        var detector = DateFormatDetector()
        for text in texts { detector.add(text) }
        if let given {
            let format = detector.format(preferring: given)
            guard format != given else { return (given, nil) }
            return (
                format,
                HeadingInput.optionNotUsed(
                    given, format: format, every: detector.readsEvery(format), optionName: "--applicant-date-format")
            )
        }
        switch detector.outcome {
        case .format(let format): return (format, nil)
        case .ambiguous(let formats): throw .ambiguousDates(file: name, formats: formats)
        }
    }
}

/// Row numbers for a warning: the first few and how many more, never their content.
struct RowList {
    private var first: [Int32] = []
    private var more = 0

    mutating func add(_ row: Int32) {
        if first.count < 5 { first.append(row) } else { more += 1 }
    }

    /// How many rows were added.
    var count: Int { first.count + more }

    /// "row 4 has", "rows 4, 9 and 12 more have"; nil when empty.
    var text: String? {
        guard !first.isEmpty else { return nil }
        if first.count == 1 { return "row \(first[0]) has" }
        return "rows \(first.map(String.init).joined(separator: ", "))" + (more > 0 ? " and \(more) more" : "")
            + " have"
    }
}

extension ApplicantColumns {
    /// The columns used, by heading, for the note that names them.
    func describe(_ header: [String], dateFormat: DateFormat?) -> String {
        var parts = ["id \"\(header[id])\""]
        for (label, column) in [("family name", familyName), ("first name", firstName), ("email", email)] {
            if let column { parts.append("\(label) \"\(header[column])\"") }
        }
        if let dateOfBirth, let dateFormat {
            parts.append("date of birth \"\(header[dateOfBirth])\" (\(dateFormat.rawValue))")
        }
        for reported in reportedIds { parts.append("reported ids \"\(header[reported.column])\"") }
        return "columns " + parts.joined(separator: ", ")
    }

    /// Which rules cannot match for want of a column, or nil.
    var missingDetails: String? {
        var missing: [String] = []
        if familyName == nil { missing.append("family name") }
        if firstName == nil { missing.append("first name") }
        if dateOfBirth == nil { missing.append("date of birth") }
        if email == nil { missing.append("email") }
        guard !missing.isEmpty else { return nil }
        return "no \(missing.joined(separator: ", ")) column: the rules that need it cannot match"
    }
}

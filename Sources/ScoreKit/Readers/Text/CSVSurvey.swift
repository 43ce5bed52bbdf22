import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The first pass over a CSV file: the header, the votes of the date columns' values, the blank and empty rows, and
/// (through a ``UTF8CheckingSource``) whether the file is UTF-8. Only the date columns are kept from each row (see
/// ``CSVRowReader/skimRow(_:)``).
///
/// A large UTF-8 file is surveyed in two halves at once, on two threads: the second half starts after the first
/// line feed past the middle. That guess is kept only if the first half's rows end exactly there (a line feed
/// inside a quoted field would not); otherwise the first half's reader goes on to the end alone.
struct CSVSurvey {
    var detector = DateFormatDetector()
    var skipped = 0
    /// The line of the first skipped row (0 when none was).
    var firstSkipped = 0
    /// The byte offset of the first byte that is not UTF-8, when the survey checked.
    var firstInvalidUTF8: Int?
    var delimiter: UInt8 = UInt8(ascii: ",")
    /// The header's field headings by column ("" for a column that is not a field).
    var headings: [String] = []

    /// Files from this size on are surveyed in two halves.
    static let parallelSize = 4 << 20

    /// Surveys `file` read through `source`; `checked` is the UTF-8 check `source` goes through, if any (then the
    /// file is read as it is, and halves can be surveyed apart). Dates vote even when `--input-date-format` names
    /// a format: it decides only for files whose dates settle none. `inputEncoding` (the `--input-encoding` given)
    /// is for the message when the first line is no header.
    static func run(
        _ file: InputFile, source: any ByteSource, checked: UTF8CheckingSource?, delimiter: UInt8?,
        inputEncoding: InputEncoding? = nil, parallelSize: Int = parallelSize
    ) throws(InputError) -> CSVSurvey {
        let reader = CSVRowReader(source: source, name: file.name, delimiter: delimiter)
        let header = try CSVHeader(reader: reader, name: file.name, inputEncoding: inputEncoding)
        var survey = CSVSurvey()
        survey.delimiter = reader.delimiter
        survey.headings = header.fields.map { $0?.heading ?? "" }
        // The dates a record keeps vote; the download date is the run's own, never read, and votes for nothing.
        let dateColumns = header.fields.indices.filter {
            header.fields[$0]?.valueType == .date && header.fields[$0] != .downloadDate
        }
        let plan = Plan(dateColumns: dateColumns)
        var second: SecondHalf?
        if checked != nil && plan.skim, let split = try splitPoint(file, parallelSize: parallelSize) {
            second = SecondHalf(file: file, offset: split, delimiter: reader.delimiter, plan: plan)
        }
        try survey.tally(reader, plan, until: second?.offset)
        if let second {
            let other = second.wait()
            if reader.nextRowOffset == second.offset, let other {
                survey.merge(other, lineOffset: reader.nextLineNumber - 1, byteOffset: second.offset)
            } else {
                // The guess split a quoted field (or the second half met an error): the rest, the long way.
                try survey.tally(reader, plan, until: nil)
            }
        }
        if let invalid = checked?.validator.firstInvalid {
            survey.firstInvalidUTF8 = min(invalid, survey.firstInvalidUTF8 ?? invalid)
        }
        return survey
    }

    /// Which columns the survey keeps, and whether rows can be skimmed (every date column among the first 64).
    struct Plan: Sendable {
        var dateColumns: [Int]
        var wanted: UInt64 = 0
        var skim: Bool

        init(dateColumns: [Int]) {
            self.dateColumns = dateColumns
            for column in dateColumns where column < 64 { wanted |= 1 << UInt64(column) }
            skim = dateColumns.allSatisfy { $0 < 64 }
        }
    }

    /// Reads rows until the next one would start at or after `until` (nil: to the end).
    mutating func tally(_ reader: CSVRowReader, _ plan: Plan, until: Int?) throws(InputError) {
        do {
            while until.map({ reader.nextRowOffset < $0 }) ?? true {
                let filled: Bool
                if plan.skim {
                    guard let skimmed = try reader.skimRow(plan.wanted) else { break }
                    filled = skimmed
                } else {
                    guard try reader.nextRow() else { break }
                    filled = (0..<reader.fieldCount).contains { !reader.cell($0).isEmpty }
                }
                if !filled {
                    skipped += 1
                    if firstSkipped == 0 { firstSkipped = reader.line }
                    continue
                }
                for column in plan.dateColumns where column < reader.fieldCount {
                    detector.add(reader.cell(column), column: column, line: reader.line)
                }
            }
        } catch {
            throw error.naming(reader.name)
        }
    }

    /// Adds the second half's tally, whose lines start after `lineOffset` lines and bytes at `byteOffset`.
    private mutating func merge(_ other: CSVSurvey, lineOffset: Int, byteOffset: Int) {
        detector.merge(other.detector, lineOffset: lineOffset)
        if firstSkipped == 0 && other.firstSkipped > 0 { firstSkipped = other.firstSkipped + lineOffset }
        skipped += other.skipped
        if let invalid = other.firstInvalidUTF8 {
            firstInvalidUTF8 = min(firstInvalidUTF8 ?? Int.max, invalid + byteOffset)
        }
    }

    /// The start of the line after the middle of a file large enough to split, if there is one near.
    private static func splitPoint(_ file: InputFile, parallelSize: Int) throws(InputError) -> Int? {
        var info = stat()
        guard fstat(file.fd, &info) == 0, Int(info.st_size) >= parallelSize else { return nil }
        let middle = Int(info.st_size) / 2
        var window = [UInt8](repeating: 0, count: 1 << 16)
        let n = window.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress, $0.count, off_t(middle)) }
        guard n > 0, let feed = window[..<n].firstIndex(of: 0x0A) else { return nil }
        return middle + feed + 1
    }
}

/// The second half of a survey, running on its own thread from `offset`.
private final class SecondHalf: @unchecked Sendable {
    let offset: Int
    private let group = DispatchGroup()
    private var result: CSVSurvey?

    init(file: InputFile, offset: Int, delimiter: UInt8, plan: CSVSurvey.Plan) {
        self.offset = offset
        let checked = UTF8CheckingSource(PositionedSource(fd: file.fd, offset: offset, name: file.name))
        let reader = CSVRowReader(source: checked, name: file.name, delimiter: delimiter, midFile: true)
        let box = ReaderBox(reader: reader, checked: checked)
        DispatchQueue.global().async(group: group) { [self] in
            var survey = CSVSurvey()
            do {
                try survey.tally(box.reader, plan, until: nil)
                survey.firstInvalidUTF8 = box.checked.validator.firstInvalid
                result = survey
            } catch {
                result = nil
            }
        }
    }

    /// The tally, once the thread is done; nil if it met an error (the first half's reader then reads on).
    func wait() -> CSVSurvey? {
        group.wait()
        return result
    }
}

/// Hands a reader to the one thread that uses it from then on.
private struct ReaderBox: @unchecked Sendable {
    let reader: CSVRowReader
    let checked: UTF8CheckingSource
}

// libFuzzer entry for the CSV reader: `make fuzz-csv` builds it with `swiftc -sanitize=fuzzer,address` together
// with the library's sources. The reader works eight bytes at a time and the first pass skims rows rather than
// parsing them, so each input is read several ways that must agree:
// - row by row (`nextRow`) from sources that hand over 1, 7 and 4096 bytes at a time: the same rows, cells and
//   lines each time;
// - skimmed (`skimRow`, every column wanted) beside a full parse: the same field counts, the same cells for the
//   first 64 columns but for the spaces and tabs around them (a skimmed cell keeps them; the date votes, which
//   read skimmed cells, drop them), and "filled" exactly when a cell holds something;
// - whole, as a file: detection, both passes, the row mapper and the validator, to the last record.
// Any crash, hang, sanitizer report or disagreement is a bug; errors are expected (and must be the same each way).

#if canImport(Glibc)
    import Glibc
#endif

/// One row as the reader gives it: its line and its cells.
private struct Row: Equatable {
    var line: Int
    var cells: [[UInt8]]
}

/// Every row of `bytes` read with `nextRow` from a source of `chunk`-byte reads, and how reading ended.
private func rows(_ bytes: [UInt8], chunk: Int, delimiter: UInt8?) -> ([Row], String?) {
    let reader = CSVRowReader(source: MemorySource(bytes, chunkSize: chunk), name: "fuzz.csv", delimiter: delimiter)
    var rows: [Row] = []
    do {
        while try reader.nextRow() {
            rows.append(Row(line: reader.line, cells: (0..<reader.fieldCount).map { Array(reader.cell($0)) }))
        }
        return (rows, nil)
    } catch {
        return (rows, error.description)
    }
}

/// Reads `bytes` skimming every row after the first (as the survey does after the header) beside a reader that
/// parses each in full, and traps where they disagree.
private func compareSkim(_ bytes: [UInt8], chunk: Int) {
    let full = CSVRowReader(source: MemorySource(bytes, chunkSize: chunk), name: "fuzz.csv")
    let skim = CSVRowReader(source: MemorySource(bytes, chunkSize: chunk), name: "fuzz.csv")
    guard (try? full.nextRow()) == true, (try? skim.nextRow()) == true else { return }
    while true {
        let parsed: Bool
        let skimmed: Bool?
        do {
            parsed = try full.nextRow()
        } catch {
            return
        }
        do {
            skimmed = try skim.skimRow(~0)
        } catch {
            fatalError("skimRow threw where nextRow read a row: \(error)")
        }
        guard parsed else {
            expect(skimmed == nil, "skimRow read a row past the end")
            return
        }
        guard let filled = skimmed else { fatalError("skimRow ended before nextRow") }
        expect(skim.fieldCount == full.fieldCount, "field counts differ")
        expect(skim.line == full.line, "lines differ")
        let cells = (0..<full.fieldCount).map { Array(full.cell($0)) }
        expect(filled == cells.contains { !$0.isEmpty }, "filled differs")
        for index in 0..<min(64, full.fieldCount) {
            expect(trimmed(skim.cell(index)) == trimmed(cells[index]), "cell \(index) differs")
        }
    }
}

/// Traps with `message` unless `condition` holds (`precondition` loses its message in an optimized build).
private func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

/// The bytes without the spaces and tabs around them.
private func trimmed<C: Collection<UInt8>>(_ bytes: C) -> [UInt8] {
    let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
    return Array(bytes.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The first byte picks the delimiter half of the time; else the header line settles it.
    let delimiter: UInt8? = size > 0 && data[0] & 1 == 1 ? [0x2C, 0x3B, 0x09][Int(data[0] >> 1) % 3] : nil
    let reference = rows(bytes, chunk: 4096, delimiter: delimiter)
    for chunk in [1, 7] {
        let other = rows(bytes, chunk: chunk, delimiter: delimiter)
        expect(other.0 == reference.0, "rows differ at chunk size \(chunk)")
        expect(other.1 == reference.1, "errors differ at chunk size \(chunk)")
    }
    for chunk in [5, 4096] { compareSkim(bytes, chunk: chunk) }
    // The whole path, as `convert` reads a file.
    guard let fd = try? TemporaryFile.anonymous() else { return 0 }
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    let file = InputFile(spooled: fd, name: "fuzz.csv")
    guard let input = try? ScoreInput(file: file, inputDateFormat: nil, text: TextInputOptions(delimiter: delimiter))
    else { return 0 }
    var score = TestScore(test: .ieltsAcademic)
    guard let today = CalendarDate(year: 2026, month: 11, day: 24) else { return 0 }
    let validator = Validator(today: today)
    while (try? input.next(into: &score)) == true { _ = validator.problems(in: score) }
    return 0
}

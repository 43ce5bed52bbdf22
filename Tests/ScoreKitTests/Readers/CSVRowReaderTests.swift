import Testing

@testable import ScoreKit

@Suite struct CSVRowReaderTests {
    /// Every row's cells (as records get them), read `chunk` bytes at a time; blank lines left out.
    static func rows(_ text: String, chunk: Int = 3, delimiter: UInt8? = nil) throws -> [[String]] {
        try rows(Array(text.utf8), chunk: chunk, delimiter: delimiter)
    }

    static func rows(_ bytes: [UInt8], chunk: Int = 3, delimiter: UInt8? = nil) throws -> [[String]] {
        let reader = CSVRowReader(source: MemorySource(bytes, chunkSize: chunk), name: "t.csv", delimiter: delimiter)
        var rows: [[String]] = []
        while try reader.nextRow() {
            if reader.isBlankLine { continue }
            rows.append((0..<reader.fieldCount).map { String(decoding: reader.cell($0), as: UTF8.self) })
        }
        return rows
    }

    @Test(arguments: [1, 2, 5, 4096])
    func readsBOMCRLFQuotesAndNewlines(chunk: Int) throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n\r\n1,,3\r\n"
        let parsed = try Self.rows([0xEF, 0xBB, 0xBF] + Array(text.utf8), chunk: chunk)
        #expect(parsed == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines"], ["1", "", "3"]])
    }

    /// CRLF (Windows), LF (Unix) and CR (old Mac Excel) end lines alike, also mixed, also inside quotes.
    @Test(arguments: ["\r\n", "\n", "\r"], [1, 3, 4096])
    func lineEnds(end: String, chunk: Int) throws {
        let text = "h1,h2\(end)a,\"b\(end)c\"\(end)\(end)d,e"
        #expect(try Self.rows(text, chunk: chunk) == [["h1", "h2"], ["a", "b\(end)c"], ["d", "e"]])
    }

    /// Excel's `sep=;` first line names the delimiter and is no row (lines still count from the file's first);
    /// a --delimiter given decides, the line still skipped. A first line that only looks like one is a row.
    @Test(arguments: [1, 3, 4096])
    func excelsSeparatorLineNamesTheDelimiter(chunk: Int) throws {
        #expect(try Self.rows("sep=;\r\na;b,c\r\n1;2\r\n", chunk: chunk) == [["a", "b,c"], ["1", "2"]])
        #expect(try Self.rows("SEP=\t\na\tb\n", chunk: chunk) == [["a", "b"]])
        #expect(try Self.rows([0xEF, 0xBB, 0xBF] + Array("sep=|\ra|b\r".utf8), chunk: chunk) == [["a", "b"]])
        #expect(try Self.rows("sep=;\na,b;c\n", chunk: chunk, delimiter: 0x2C) == [["a", "b;c"]])
        #expect(try Self.rows("sep=;x,y\n1,2\n", chunk: chunk) == [["sep=;x", "y"], ["1", "2"]])
        let reader = CSVRowReader(source: MemorySource("sep=;\na;b\n1;2\n", chunkSize: chunk), name: "t.csv")
        var lines: [Int] = []
        while try reader.nextRow() { lines.append(reader.line) }
        #expect(lines == [2, 3])
    }

    @Test func countsLinesAcrossQuotedLineBreaks() throws {
        let reader = CSVRowReader(source: MemorySource("h\r\"a\r\nb\"\rc\r\n\rd\n", chunkSize: 2), name: "t.csv")
        var lines: [Int] = []
        while try reader.nextRow() {
            if !reader.isBlankLine { lines.append(reader.line) }
        }
        #expect(lines == [1, 2, 4, 6])
    }

    /// Excel's protected text `="0123"`, quoted or not; spaces around quoted fields; unquoted fields trimmed.
    @Test(arguments: [
        ("=\"0123\"", "0123"), ("\"=\"\"0123\"\"\"", "0123"), ("  =\"0123\"  ", "0123"), (" \"a, b\" ", "a, b"),
        ("  García  ", "García"), ("\" kept \"", " kept "), ("5\" screen", "5\" screen"), ("=1+1", "=1+1"),
        ("'=SUM(A1)", "=SUM(A1)"), ("'+44 20", "+44 20"), ("'abc", "'abc"), ("''=x", "'=x"), ("\"'\t1\"", "\t1"),
    ])
    func cells(raw: String, value: String) throws {
        for chunk in [1, 4096] {
            #expect(try Self.rows("h,x\n\(raw),end\n", chunk: chunk) == [["h", "x"], [value, "end"]], "\(raw)")
        }
    }

    @Test(arguments: [
        (UInt8(ascii: ";"), "a;b;c\n1;2,5;3\n"), (0x09, "a\tb\tc\n1\t2,5\t3\n"),
        (UInt8(ascii: "|"), "a|b|c\n1|2,5|3\n"),
    ])
    func otherDelimiters(delimiter: UInt8, text: String) throws {
        let given = try Self.rows(text, delimiter: delimiter)
        #expect(given == [["a", "b", "c"], ["1", "2,5", "3"]])
        if delimiter != UInt8(ascii: "|") {
            #expect(try Self.rows(text) == given, "sniffed from the header line")
        }
    }

    @Test func lastLineWithoutNewline() throws {
        #expect(try Self.rows("h\nv") == [["h"], ["v"]])
    }

    @Test(arguments: [
        ("h\n\"open", "line 2: a quoted field is not closed"),
        ("h\n\"a\"b", "line 2, field 1: text after the closing quote"),
        ("h\n\"a\nb\"x\n", "line 3, field 1: text after the closing quote"),
    ])
    func malformed(text: String, message: String) {
        for chunk in [1, 4096] {
            #expect {
                _ = try Self.rows(text, chunk: chunk)
            } throws: { error in
                "\(error)".contains(message)
            }
        }
    }

    /// A first line without a line end is an error past 1 MB, and the buffer stays within twice that.
    @Test func headerLongerThanOneMegabyte() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: (1 << 20) + 10)
        #expect {
            _ = try Self.rows(long, chunk: 1 << 16)
        } throws: { error in
            "\(error)".contains("the header line is longer than 1 MB")
        }
        // Data rows may be longer (a photo in a cell).
        let photo = "h\n" + String(repeating: "A", count: 3 << 20) + "\n"
        #expect(try Self.rows(photo, chunk: 1 << 16).last?.first?.utf8.count == 3 << 20)
    }

    /// The first pass's skim reads the wanted columns and the empty rows exactly as the full parse does.
    @Test(arguments: [1, 2, 7, 4096])
    func skimAgreesWithTheFullParse(chunk: Int) throws {
        let text =
            "a,date,c,d\r\n1,20260105,x,y\r\n\r\n,,,\r\n \"q\",20260106,,\n  ,\t,,\n2,=\"0123\",\"l1\nl2\",z\r"
            + "3,'20260107,5\" tall,\n,,\n4,20260108\r\u{15}\n,\u{1F}\r\n,\u{7F},"
        let wanted: UInt64 = 0b10
        func rows(skim: Bool) throws -> [[String]] {
            let reader = CSVRowReader(source: MemorySource(Array(text.utf8), chunkSize: chunk), name: "t.csv")
            var rows: [[String]] = []
            while true {
                let filled: Bool
                if skim {
                    guard let skimmed = try reader.skimRow(wanted) else { break }
                    filled = skimmed
                } else {
                    guard try reader.nextRow() else { break }
                    filled = (0..<reader.fieldCount).contains { !reader.cell($0).isEmpty }
                }
                let date = reader.fieldCount > 1 ? String(decoding: reader.cell(1), as: UTF8.self) : "-"
                rows.append(["\(reader.line)", "\(reader.fieldCount)", filled ? date : "empty"])
            }
            return rows
        }
        let full = try rows(skim: false)
        #expect(try rows(skim: true) == full)
        #expect(
            full.map { $0[2] } == [
                "date", "20260105", "empty", "empty", "20260106", "empty", "0123", "'20260107", "empty", "20260108",
                // A control character is content, as a record gets it (the fuzzer's find: a row of one was
                // "empty" to the skim, a record to the full parse).
                "-", "\u{1F}", "\u{7F}",
            ])
        #expect(full.map { $0[0] } == ["1", "2", "3", "4", "5", "6", "7", "9", "10", "11", "12", "13", "14"])
    }
}

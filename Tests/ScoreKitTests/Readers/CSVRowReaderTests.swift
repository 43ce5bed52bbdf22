import Testing

@testable import ScoreKit

@Suite struct CSVRowReaderTests {
    func rows(_ bytes: [UInt8], chunk: Int = 3) throws -> [[String]] {
        let reader = CSVRowReader(source: MemorySource(bytes, chunkSize: chunk), name: "t.csv")
        var rows: [[String]] = []
        while let row = try reader.nextRow() { rows.append(row) }
        return rows
    }

    @Test func readsBOMCRLFQuotesAndNewlines() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n\r\n1,,3\r\n"
        for chunk in [1, 2, 5, 4096] {
            let parsed = try rows([0xEF, 0xBB, 0xBF] + Array(text.utf8), chunk: chunk)
            #expect(parsed == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines"], ["1", "", "3"]])
        }
    }

    @Test func lastLineWithoutNewline() throws {
        #expect(try rows(Array("h\nv".utf8)) == [["h"], ["v"]])
    }

    @Test func unclosedQuoteIsMalformed() {
        #expect(throws: InputError.self) { try rows(Array("h\n\"open".utf8)) }
        #expect(throws: InputError.self) { try rows(Array("h\n\"a\"b".utf8)) }
    }
}

import Testing

@testable import ScoreKit

@Suite struct WriterTests {
    func csvCell(_ text: String, guarded: Bool = true) -> String {
        var options = WriterOptions(
            fields: [],
            context: RenderContext(
                dateFormat: .compact,
                downloadDate: CalendarDate(year: 2026, month: 1, day: 1).unsafelyUnwrapped))
        options.formulaGuard = guarded
        var out = OutputBuffer()
        CSVWriter(options: options).cell(text, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    @Test(arguments: [
        ("plain", "plain"), ("Smith, Jr.", "\"Smith, Jr.\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""), ("=SUM(A1)", "'=SUM(A1)"), ("+Plus", "'+Plus"), ("-12", "'-12"),
        ("@Mention", "'@Mention"), ("\tTab", "'\tTab"), ("\rCR", "\"'\rCR\""), ("=A1,B1", "\"'=A1,B1\""), ("", ""),
        ("Zoë", "Zoë"),
    ])
    func csvQuotesAndGuards(input: String, expected: String) {
        #expect(csvCell(input) == expected)
    }

    /// The quoting check reads eight bytes at a time: a special byte anywhere in a long cell must be found.
    @Test func csvFindsSpecialBytesAtEveryPosition() {
        for special in [",", "\"", "\n", "\r"] {
            for position in 0..<19 {
                var text = Array(repeating: "a", count: 19)
                text[position] = special
                let cell = text.joined()
                let escaped = cell.map { $0 == "\"" ? "\"\"" : String($0) }.joined()
                #expect(csvCell(cell, guarded: false) == "\"\(escaped)\"")
            }
        }
        #expect(csvCell("aé+-=@\tbcdefghijklmnop", guarded: false) == "aé+-=@\tbcdefghijklmnop")
    }

    @Test func guardCanBeTurnedOff() {
        #expect(csvCell("=SUM(A1)", guarded: false) == "=SUM(A1)")
    }

    /// Stored text and the composed postal address are written from bytes: the row must equal the cells written
    /// from each field's text.
    @Test(arguments: [true, false])
    func csvRowMatchesFieldTexts(guarded: Bool) {
        let context = RenderContext(
            dateFormat: .isoDate, downloadDate: CalendarDate(year: 2026, month: 1, day: 1).unsafelyUnwrapped)
        var options = WriterOptions(fields: Field.allCases, context: context)
        options.formulaGuard = guarded
        let writer = CSVWriter(options: options)
        var records: [TestScore] = []
        for lines in [
            ["=1+1", "Apt, \"B\"\n2nd", "", "x"], ["", "", "-3", ""], ["", "", "", ""], ["@a", "", "", ""],
        ] {
            var score = TestScore(test: .toeflIBT)
            score.id = "+0012"
            score.candidate.familyName = "O'Brien, \"Jr\""
            score.candidate.firstName = "Zoë"
            score.candidate.addressLines = lines
            score.candidate.email = "=HYPERLINK(\"x\")"
            score.departmentDescription = "For any other department\r\nnot listed"
            score.scores.listening = .invalid("=bad")
            score.session.testDate = .valid(CalendarDate(year: 2025, month: 7, day: 16).unsafelyUnwrapped)
            records.append(score)
        }
        records[2].candidate.postalAddress = "-As sent, here"
        for score in records {
            var row = OutputBuffer()
            writer.write(score, to: &row)
            var expected = OutputBuffer()
            for (index, field) in Field.allCases.enumerated() {
                if index > 0 { expected.append(UInt8(ascii: ",")) }
                writer.cell(field.text(of: score, context), to: &expected)
            }
            expected.append("\r\n" as StaticString)
            #expect(String(decoding: row.bytes, as: UTF8.self) == String(decoding: expected.bytes, as: UTF8.self))
        }
    }

    @Test func jsonAndXMLEscape() {
        var out = OutputBuffer()
        JSONWriter.string("a\"b\\c\n\u{1}é", to: &out)
        #expect(String(decoding: out.bytes, as: UTF8.self) == #""a\"b\\c\n\u0001é""#)
        var xml = OutputBuffer()
        XMLWriter.escape("<a & b>\r\u{1}ü", to: &xml)
        #expect(String(decoding: xml.bytes, as: UTF8.self) == "&lt;a &amp; b&gt;&#13;\u{FFFD}ü")
    }
}

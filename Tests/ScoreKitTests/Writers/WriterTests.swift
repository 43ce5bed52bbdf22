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

    @Test func guardCanBeTurnedOff() {
        #expect(csvCell("=SUM(A1)", guarded: false) == "=SUM(A1)")
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

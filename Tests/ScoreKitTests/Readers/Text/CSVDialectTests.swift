import Testing

@testable import ScoreKit

@Suite struct CSVDialectTests {
    /// The delimiter the header line uses most; quoted delimiters do not count; a single column is comma-separated.
    @Test(arguments: [
        ("familyName,firstName,testDate\r\n", UInt8(ascii: ",")),
        ("familyName;firstName;testDate\r\n1,5;2;3", UInt8(ascii: ";")),
        ("familyName\tfirstName\ttestDate\n", 0x09),
        ("\"a;b\",c,d\n", UInt8(ascii: ",")),
        ("\"a,b,c\";d\n", UInt8(ascii: ";")),
        ("familyName\rnext;line;here", UInt8(ascii: ",")),
        ("familyName\n", UInt8(ascii: ",")),
        ("a;b,c\n", UInt8(ascii: ",")),
    ])
    func delimiterFromTheHeaderLine(text: String, delimiter: UInt8) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { CSVDialect.delimiter(ofHeader: $0, complete: false) } == delimiter)
    }

    /// Without a line end, more may come, unless the input ends there.
    @Test func waitsForTheWholeHeaderLine() {
        let bytes = Array("familyName;firstName".utf8)
        #expect(bytes.withUnsafeBufferPointer { CSVDialect.delimiter(ofHeader: $0, complete: false) } == nil)
        #expect(bytes.withUnsafeBufferPointer { CSVDialect.delimiter(ofHeader: $0, complete: true) } == 0x3B)
    }
}

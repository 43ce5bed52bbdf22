import Testing

@testable import ScoreKit

/// Every error the scanner gives: malformed input is an error at its exact byte, at every chunk size, never a
/// crash.
extension XMLScannerTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Malformed documents (as XML 1.0 has them: Python's expat refuses each too) and the error for each.
    static let malformed: [([UInt8], String)] = [
        (bytes(""), "line 1, column 1 (byte 0): no root element"),
        (bytes("  \n"), "line 2, column 1 (byte 3): no root element"),
        (bytes("<a>"), "line 1, column 4 (byte 3): the document ends inside <a>: it is truncated"),
        (bytes("<a></b>"), "line 1, column 4 (byte 3): </b> where </a> belongs"),
        (bytes("<x:a></y:a>"), "line 1, column 6 (byte 5): </y:a> where </x:a> belongs"),
        (bytes("<a>\r\n<b>\r</c>"), "line 3, column 1 (byte 9): </c> where </b> belongs"),
        (bytes("<a/><b/>"), "line 1, column 5 (byte 4): a second root element"),
        (bytes("</a>"), "line 1, column 1 (byte 0): a closing tag with no element open"),
        (bytes("<a>\n<b c=1/></a>"), "line 2, column 6 (byte 9): expected a quoted attribute value"),
        (bytes("<a b='1'c='2'/>"), "line 1, column 9 (byte 8): expected white space or the end of the tag"),
        (bytes("<a b='<'/>"), "line 1, column 7 (byte 6): '<' in an attribute value"),
        (bytes("<a b>"), "line 1, column 5 (byte 4): expected '=' after an attribute name"),
        (bytes("<a 1='x'/>"), "line 1, column 4 (byte 3): expected an attribute name"),
        (bytes("<a b='1' b='2'/>"), "line 1, column 10 (byte 9): an attribute given twice in one tag"),
        (bytes("<a/ >"), "line 1, column 4 (byte 3): expected '>' after '/' in a tag"),
        (bytes("<a><1/></a>"), "line 1, column 5 (byte 4): expected an element name after '<'"),
        (bytes("<a></ a>"), "line 1, column 6 (byte 5): expected an element name after '</'"),
        (bytes("<a></a b>"), "line 1, column 8 (byte 7): expected '>' to end the closing tag"),
        (bytes("<a b='1"), "line 1, column 1 (byte 0): the document ends inside a tag"),
        (bytes("<a><"), "line 1, column 4 (byte 3): the document ends inside a tag"),
        (bytes("<a>&nbsp;</a>"), "line 1, column 4 (byte 3): an entity other than &lt; &gt; &amp; &quot; &apos; or a"),
        (bytes("<a b='&bogus;'/>"), "line 1, column 7 (byte 6): an entity other than &lt; &gt; &amp; &quot; &apos;"),
        (bytes("<a>AT&T</a>"), "line 1, column 6 (byte 5): an '&' that starts no entity or character reference"),
        (bytes("<a>&#0;</a>"), "line 1, column 4 (byte 3): a character reference to a character XML 1.0 does not"),
        (bytes("<a>&#xD800;</a>"), "line 1, column 4 (byte 3): a character reference to a character XML 1.0 does"),
        (bytes("<a>&#x110000;</a>"), "line 1, column 4 (byte 3): a character reference to a character XML 1.0"),
        (bytes("<a>&#x;</a>"), "line 1, column 4 (byte 3): a character reference that is not a number"),
        (bytes("<a>&#12a;</a>"), "line 1, column 4 (byte 3): a character reference that is not a number"),
        (bytes("x<a/>"), "line 1, column 1 (byte 0): text before the root element"),
        (bytes(" <a/>\n x"), "line 2, column 2 (byte 7): text after the root element"),
        (bytes("<a/>&#32;"), "line 1, column 5 (byte 4): text after the root element"),
        (bytes("<a>x]]>y</a>"), "line 1, column 5 (byte 4): ']]>' in text, which XML does not allow"),
        (bytes("<a><!ELEMENT a ANY></a>"), "line 1, column 4 (byte 3): '<!' that starts no comment or CDATA section"),
        (bytes("<a><![CDATA[x</a>"), "line 1, column 4 (byte 3): a CDATA section with no end (]]>)"),
        (bytes("<![CDATA[x]]><a/>"), "line 1, column 1 (byte 0): a CDATA section outside the root element"),
        (bytes("<a><!-- x </a>"), "line 1, column 4 (byte 3): a comment with no end (-->)"),
        (bytes("<a><!-- a -- b --></a>"), "line 1, column 11 (byte 10): '--' inside a comment"),
        (bytes("<a><!-- a ---></a>"), "line 1, column 11 (byte 10): '--' inside a comment"),
        (bytes("<a><?pi x</a>"), "line 1, column 4 (byte 3): a processing instruction with no end (?>)"),
        (bytes("<a><? x?></a>"), "line 1, column 6 (byte 5): expected a name after '<?'"),
        (bytes(" <?xml version='1.0'?><a/>"), "line 1, column 2 (byte 1): an XML declaration that is not at the"),
        (bytes("<a><?XML x?></a>"), "line 1, column 4 (byte 3): an XML declaration that is not at the start"),
        (
            bytes("<a>\u{1}</a>"),
            "line 1, column 4 (byte 3): a control character, which XML 1.0 does not allow, in text"
        ),
        (
            bytes("<a b='\u{1B}'/>"),
            "line 1, column 7 (byte 6): a control character, which XML 1.0 does not allow, in an"
        ),
        (bytes("<a><!-- \u{0} --></a>"), "line 1, column 9 (byte 8): a control character"),
        (bytes("\u{FFFE}<a/>"), "line 1, column 1 (byte 0): U+FFFE or U+FFFF, which XML 1.0 does not allow, in text"),
        (bytes("<a>\u{FFFF}</a>"), "line 1, column 4 (byte 3): U+FFFE or U+FFFF, which XML 1.0 does not allow"),
        (bytes("<a") + [0xFF] + bytes("/>"), "line 1, column 3 (byte 2): bytes that are not UTF-8 in a name"),
        (bytes("<a>") + [0xC3] + bytes("</a>"), "line 1, column 4 (byte 3): bytes that are not UTF-8 in text"),
        (
            bytes("<a b='") + [0xE0, 0x80, 0x80] + bytes("'/>"),
            "line 1, column 7 (byte 6): bytes that are not UTF-8 in an"
        ),
        (
            bytes("<a>") + [0xED, 0xA0, 0x80] + bytes("</a>"),
            "line 1, column 4 (byte 3): bytes that are not UTF-8 in text"
        ),
        (
            bytes("<a><!--") + [0xF8] + bytes("--></a>"),
            "line 1, column 8 (byte 7): bytes that are not UTF-8 in the document"
        ),
        (bytes("<a>x") + [0xE2, 0x82], "line 1, column 5 (byte 4): bytes that are not UTF-8 in text"),
    ]

    @Test(arguments: malformed)
    func malformedIsALocatedError(bytes: [UInt8], message: String) {
        for chunk in Self.chunks {
            let found = Self.message(bytes, chunk: chunk)
            #expect(found.hasPrefix(message), "chunk \(chunk): \(found)")
        }
    }

    /// What scoreimport refuses though XML allows it: a DTD (no entity may expand), UTF-16 (the text reader
    /// transcodes it before; a workbook part may not be), and sizes past the limits.
    @Test func limitsAndRefusals() {
        #expect(
            Self.message(Self.bytes("<!DOCTYPE a [<!ENTITY b 'c'>]><a>&b;</a>")).hasPrefix(
                "line 1, column 1 (byte 0): a document type declaration (DOCTYPE), which scoreimport does not read"))
        #expect(
            Self.message([0xFF, 0xFE] + Self.bytes("<\0a\0/\0>\0")).hasPrefix(
                "line 1, column 1 (byte 0): a UTF-16 document, which is not read here (only UTF-8)"))
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(
            Self.message(Self.bytes(deep)).hasPrefix("line 1, column 769 (byte 768): elements nested more than 256"))
        let many = "<a " + (0...256).map { "b\($0)='1'" }.joined(separator: " ") + "/>"
        #expect(Self.message(Self.bytes(many), chunk: 7).hasSuffix(": more than 256 attributes"))
        let huge = "<a>" + String(repeating: "x", count: XMLScanner.maxToken) + "</a>"
        #expect(Self.message(Self.bytes(huge)) == "line 1, column 4 (byte 3): a tag or text longer than 16 MB")
    }

    /// A file read through a transcoder: the transcoded text scans as UTF-8 does, and bytes the transcoder
    /// cannot decode are a malformed document naming the file.
    @Test func transcodedInput() throws {
        let text = "<a b='ü'>García &amp; Zoë</a>"
        let latin = text.unicodeScalars.map { UInt8($0.value) }
        let source = TranscodingSource(MemorySource(latin, chunkSize: 3), encoding: .windows1252, name: "t.xml")
        let scanner = XMLScanner(XMLByteSource(source, file: "t.xml"), file: "t.xml")
        #expect(try scanner.next() == .start)
        #expect(try scanner.string("b") == "ü")
        var value: [UInt8] = []
        #expect(try scanner.next() == .text)
        scanner.appendText(to: &value)
        #expect(String(decoding: value, as: UTF8.self) == "García & Zoë")
        let utf16: [UInt8] = Array("<a>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0x00, 0xDC]
        let broken = XMLScanner(
            XMLByteSource(
                TranscodingSource(MemorySource(utf16), encoding: .utf16(bigEndian: false), name: "t.xml"), file: "t.xml"
            ),
            file: "t.xml")
        #expect {
            while try broken.next() != .endOfDocument {}
        } throws: { error in
            guard case .malformed(let file, let detail) = error as? InputError else { return false }
            return file == "t.xml" && detail.hasPrefix("not valid UTF-16")
        }
    }
}

import Testing

@testable import ScoreKit

@Suite struct XMLScannerTests {
    /// The events of `xml` as text: "<name a=1>", "</name>", "'text'".
    static func events(_ xml: String, chunk: Int = 1 << 16) throws(InputError) -> [String] {
        let source = XMLByteSource(MemorySource(xml, chunkSize: chunk), file: "")
        let scanner = XMLScanner(source, part: "xl/test.xml")
        var events: [String] = []
        var text: [UInt8] = []
        while true {
            switch try scanner.next() {
            case .start:
                let id = try scanner.string("id") ?? "-"
                let rid = try scanner.string("id", prefixed: true) ?? "-"
                events.append("<\(scanner.name) id=\(id) r:id=\(rid)>")
            case .end:
                events.append("</\(scanner.name)>")
            case .text:
                text.removeAll()
                scanner.appendText(to: &text)
                events.append("'\(String(decoding: text, as: UTF8.self))'")
            case .endOfDocument:
                return events
            }
        }
    }

    static let document = """
        \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- a comment with <tags> -->
        <x:root xmlns:x="urn:x" xmlns:r="urn:r"><sheet id='a&amp;b' r:id="rId&#49;"/>\
        <t xml:space="preserve"> 1 &lt; 2 &#x2265; &#233;&quot;&apos;&gt; </t><t><![CDATA[<not a tag> & ]]></t>\
        <empty></empty><?pi data?><name.with-dots_and:colons   a = "1"
        b='>'/></x:root>
        """

    static let expected = [
        "<root id=- r:id=->", "<sheet id=a&b r:id=rId1>", "</sheet>", "<t id=- r:id=->", "' 1 < 2 ≥ é\"'> '", "</t>",
        "<t id=- r:id=->", "'<not a tag> & '", "</t>", "<empty id=- r:id=->", "</empty>",
        "<colons id=- r:id=->", "</colons>", "</root>",
    ]

    /// The same events whatever the chunk size, a buffer boundary falling anywhere in a tag, entity or CDATA.
    @Test(arguments: [1, 2, 3, 7, 64, 1 << 16])
    func eventsDoNotDependOnChunkBoundaries(chunk: Int) throws {
        #expect(try Self.events(Self.document, chunk: chunk) == Self.expected)
    }

    /// A token longer than the first buffer (64 KiB) grows it.
    @Test func longTextGrowsTheBuffer() throws {
        let long = String(repeating: "abcdefgh", count: 40_000)
        #expect(try Self.events("<a>\(long)</a>", chunk: 5000) == ["<a id=- r:id=->", "'\(long)'", "</a>"])
    }

    /// Malformed XML is an error at a location, at every chunk size, never a crash.
    @Test(arguments: [
        ("", "line 1, column 1 (byte 0): no root element"),
        ("<a>", "line 1, column 4 (byte 3): the document ends inside <a>: it is truncated"),
        ("<a></b>", "line 1, column 4 (byte 3): </b> where </a> belongs"),
        ("<a/><b/>", "line 1, column 5 (byte 4): a second root element"),
        ("<a>\n<b c=1/></a>", "line 2, column 6 (byte 9): expected a quoted attribute value"),
        ("<a b='1'c='2'/>", "line 1, column 9 (byte 8): expected white space or the end of the tag"),
        ("<a b='<'/>", "line 1, column 7 (byte 6): '<' in an attribute value"),
        ("<a>&nbsp;</a>", "line 1, column 4 (byte 3): an entity other than &lt; &gt; &amp; &quot; &apos; or a"),
        ("<a>&#0;</a>", "line 1, column 4 (byte 3): a character reference to a character XML 1.0 does not allow"),
        ("<a>AT&T</a>", "line 1, column 6 (byte 5): an '&' that starts no entity"),
        ("<a><1/></a>", "line 1, column 5 (byte 4): expected an element name after '<'"),
        ("x<a/>", "line 1, column 1 (byte 0): text before the root element"),
        ("<a/>x", "line 1, column 5 (byte 4): text after the root element"),
        ("<!DOCTYPE a><a/>", "line 1, column 1 (byte 0): a document type declaration"),
        ("<a><![CDATA[x</a>", "line 1, column 4 (byte 3): a CDATA section with no end (]]>)"),
        ("<a b='1", "line 1, column 1 (byte 0): the document ends inside a tag"),
        ("</a>", "line 1, column 1 (byte 0): a closing tag with no element open"),
        ("\u{FFFE}<a/>", "line 1, column 1 (byte 0): U+FFFE or U+FFFF, which XML 1.0 does not allow"),
    ])
    func malformedXMLIsALocatedError(xml: String, message: String) {
        for chunk in [1, 3, 1 << 16] {
            #expect {
                _ = try Self.events(xml, chunk: chunk)
            } throws: { error in
                guard case .malformed(_, let detail) = error as? InputError else { return false }
                return detail == "xl/test.xml, \(message)" || detail.hasPrefix("xl/test.xml, \(message)")
            }
        }
    }

    /// Deeply nested elements stop at the limit with an error.
    @Test func nestingIsBounded() {
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(throws: InputError.self) { try Self.events(deep) }
    }
}

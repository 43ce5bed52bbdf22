import Foundation
import Testing

@testable import ScoreKit

/// The XML scanner as both its callers meet it: workbook parts (prefixes, attributes, rich text; errors naming the
/// part) and XML files (line ends, references, CDATA, transcoded input; errors naming the file), fed from 1 byte at
/// a time up, every error located.
@Suite struct XMLScannerTests {
    /// Chunk sizes that put a buffer boundary everywhere: inside names, references, UTF-8 sequences, CR LF pairs.
    static let chunks = Array(1...17) + [64, 4096, 1 << 16]

    /// A scanner over `bytes`, handed out `chunk` at a time: a workbook part ("xl/test.xml") or a file ("t.xml").
    static func scanner(_ bytes: [UInt8], chunk: Int, part: Bool = true) -> XMLScanner {
        let file = part ? "" : "t.xml"
        let source = XMLByteSource(MemorySource(bytes, chunkSize: chunk), file: file)
        return part ? XMLScanner(source, part: "xl/test.xml") : XMLScanner(source, file: file)
    }

    /// The events of `bytes` as text: "<local a=1 r:id=x>" (every attribute, decoded), "</local>", "'text'" (text
    /// between tags joined, as comments and processing instructions split it).
    static func events(_ bytes: [UInt8], chunk: Int = 1 << 16, part: Bool = true) throws -> [String] {
        let scanner = scanner(bytes, chunk: chunk, part: part)
        var events: [String] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { events.append("'\(String(decoding: text, as: UTF8.self))'") }
            text.removeAll()
        }
        while true {
            switch try scanner.next() {
            case .start:
                flush()
                var tag = "<" + scanner.name
                for index in 0..<scanner.attributeCount {
                    var value: [UInt8] = []
                    try scanner.decode(scanner.attributes[index].value, into: &value, as: .attribute)
                    let name = String(decoding: scanner.bytes(scanner.attributes[index].name), as: UTF8.self)
                    tag += " \(name)=\(String(decoding: value, as: UTF8.self))"
                }
                events.append(tag + ">")
            case .end:
                flush()
                events.append("</\(scanner.name)>")
            case .text:
                scanner.appendText(to: &text)
            case .endOfDocument:
                return events
            }
        }
    }

    static func events(_ text: String, chunk: Int = 1 << 16) throws -> [String] {
        try events(Array(text.utf8), chunk: chunk)
    }

    /// A workbook part: a BOM, the declaration, prefixes, references in attributes, rich text, CDATA, comments and
    /// processing instructions.
    static let part = """
        \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- a comment with <tags> & ampersands -->
        <x:sst xmlns:x="urn:x" xmlns:r="urn:r"><sheet name='a&amp;b &#x2265;' r:id="rId&#49;"/>\
        <si><r><rPr><b/></rPr><t xml:space="preserve"> 1 &lt; 2 &#x2265; &#233;&quot;&apos;&gt; </t></r>\
        <r><t><![CDATA[<not a tag> & ]]></t></r></si><empty></empty><?pi data?>\
        <name.with-dots_and:colons   a = "1"
        b='>'/></x:sst><!-- after -->
        """

    static let partEvents = [
        "<sst xmlns:x=urn:x xmlns:r=urn:r>", "<sheet name=a&b ≥ r:id=rId1>", "</sheet>", "<si>", "<r>", "<rPr>",
        "<b>", "</b>", "</rPr>", "<t xml:space=preserve>", "' 1 < 2 ≥ é\"'> '", "</t>", "</r>", "<r>", "<t>",
        "'<not a tag> & '", "</t>", "</r>", "</si>", "<empty>", "</empty>", "<colons a=1 b=>>", "</colons>", "</sst>",
    ]

    /// An XML file: CR LF, CR and LF line ends (read as LF; a CR by reference stays), tabs and line ends in an
    /// attribute (read as spaces), a CDATA section with a CR LF, characters of 2, 3 and 4 bytes.
    static let file = Array(
        ("<?xml version=\"1.0\"?>\r\n<scores>\r\n  <score a=\"x\ty\r\nz\">\r\n    <familyName>O&apos;Brien\r"
            + "Ünal 李 😀</familyName>\n    <address>12 Rue&#13;\r\nB]]</address><!-- c -->\r\n"
            + "    <Telephone><![CDATA[+44\r\n<20>]]></Telephone>\r\n  </score>\r\n</scores>\r\n").utf8)

    static let fileEvents = [
        "<scores>", "'\n  '", "<score a=x y z>", "'\n    '", "<familyName>", "'O'Brien\nÜnal 李 😀'", "</familyName>",
        "'\n    '", "<address>", "'12 Rue\r\nB]]'", "</address>", "'\n    '", "<Telephone>", "'+44\n<20>'",
        "</Telephone>", "'\n  '", "</score>", "'\n'", "</scores>",
    ]

    /// The same events whatever the chunk size, a buffer boundary falling anywhere.
    @Test(arguments: chunks)
    func eventsDoNotDependOnChunkBoundaries(chunk: Int) throws {
        #expect(try Self.events(Self.part, chunk: chunk) == Self.partEvents)
        #expect(try Self.events(Self.file, chunk: chunk, part: false) == Self.fileEvents)
    }

    /// What workbook readers ask for: local names, prefixed and unprefixed attributes (decoded or raw), depth,
    /// skipping an element.
    @Test func attributesNamesAndSkipping() throws {
        let xml = #"<w:a xmlns:w="u"><c r="B&#50;" s="7" t='s' r:id="x&amp;y"><f>1+1</f><v>2</v></c><d/></w:a>"#
        let scanner = Self.scanner(Array(xml.utf8), chunk: 3)
        #expect(try scanner.next() == .start)
        #expect(scanner.isNamed("a") && !scanner.isNamed("w:a") && scanner.depth == 1)
        #expect(try scanner.next() == .start)
        #expect(scanner.isNamed("c") && scanner.depth == 2)
        #expect(scanner.rawAttribute("r").map { String(decoding: $0, as: UTF8.self) } == "B&#50;")
        #expect(try scanner.string("r") == "B2")
        #expect(try scanner.string("id") == nil)
        #expect(try scanner.string("id", prefixed: true) == "x&y")
        #expect(scanner.rawAttribute("s").map { Array($0) } == [UInt8(ascii: "7")])
        #expect(try scanner.next() == .start && scanner.isNamed("f"))
        try scanner.skipElement()
        #expect(scanner.isNamed("f") && scanner.depth == 2)
        #expect(try scanner.next() == .start && scanner.isNamed("v"))
        var text: [UInt8] = []
        #expect(try scanner.next() == .text)
        scanner.appendText(to: &text)
        #expect(text == [UInt8(ascii: "2")])
        #expect(try scanner.next() == .end && scanner.isNamed("v"))
        #expect(try scanner.next() == .end && scanner.isNamed("c") && scanner.depth == 1)
        #expect(try scanner.next() == .start && scanner.isNamed("d") && scanner.depth == 2)
        #expect(try scanner.next() == .end && scanner.isNamed("d") && scanner.depth == 1)
        #expect(try scanner.next() == .end && scanner.depth == 0)
        #expect(try scanner.next() == .endOfDocument)
    }

    /// A token longer than the first buffer (64 KiB) grows it; many small tokens leave it at its first size, so
    /// memory follows one element's text, not the document.
    @Test func memoryFollowsTheLargestToken() throws {
        let long = String(repeating: "abcdefgh", count: 40_000)
        #expect(try Self.events("<a>\(long)</a>", chunk: 5000) == ["<a>", "'\(long)'", "</a>"])
        let scanner = Self.scanner(
            Array(("<a>" + String(repeating: "<c r=\"A1\"><v>1</v></c>", count: 50_000) + "</a>").utf8), chunk: 4096)
        while try scanner.next() != .endOfDocument {}
        #expect(scanner.buffer.count == 1 << 16)
    }

    /// Errors name the part of a workbook (the workbook names its file later), or the file.
    @Test func errorsNameThePartOrTheFile() {
        for (part, file, detail) in [
            (true, "", "xl/test.xml, line 2, column 1 (byte 4): "), (false, "t.xml", "line 2, column 1 (byte 4): "),
        ] {
            #expect {
                _ = try Self.events(Array("<a>\n&x;</a>".utf8), part: part)
            } throws: { error in
                guard case .malformed(let name, let text) = error as? InputError else { return false }
                return name == file && text.hasPrefix(detail)
            }
        }
    }

    /// A line ends at LF, CR LF or CR; columns count bytes from it (after a byte order mark, from the mark's
    /// end), bytes from the document's start: also far past the first buffer, whose bytes have left.
    @Test(arguments: [1, 7, 4096, 1 << 16])
    func locationsCountLinesAcrossBuffers(chunk: Int) {
        let lines = String(repeating: "<b>x</b>\n<b>y</b>\r\n<b>z</b>\r", count: 3000)
        let text = "\u{FEFF}<a>" + lines + "<b>\u{1}</b></a>"
        // The mark and "<a>", 3,000 times 28 bytes of lines, then "<b>": the control character's offset.
        let byte = 6 + 3000 * 28 + 3
        let message = "line 9001, column 4 (byte \(byte)): a control character"
        #expect {
            _ = try Self.events(Array(text.utf8), chunk: chunk)
        } throws: { error in
            guard case .malformed(_, let detail) = error as? InputError else { return false }
            return detail.hasPrefix("xl/test.xml, \(message)")
        }
        #expect(Self.message(Array("\u{FEFF}<a>&x;</a>".utf8)).hasPrefix("line 1, column 4 (byte 6): "))
    }

    /// The message of the error scanning `bytes`, without the part.
    static func message(_ bytes: [UInt8], chunk: Int = 1 << 16) -> String {
        do {
            _ = try events(bytes, chunk: chunk)
            return "no error"
        } catch {
            guard case .malformed(_, let detail) = error as? InputError else { return "\(error)" }
            return String(detail.dropFirst("xl/test.xml, ".count))
        }
    }
}

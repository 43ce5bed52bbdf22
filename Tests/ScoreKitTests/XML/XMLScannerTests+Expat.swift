import Foundation
import Testing

@testable import ScoreKit

/// The scanner against a real XML parser: Python's expat gives the same events for well-formed documents and
/// refuses every malformed one the scanner refuses.
extension XMLScannerTests {
    /// Well-formed documents beyond the part and the file: line ends and references in text and attributes,
    /// markup characters where XML allows them, names and text beyond ASCII, empty comments.
    static let wellFormed: [[UInt8]] = [
        Array(part.utf8), file,
        bytes("<a>]]</a>"), bytes("<a>x>y]>z ]] > </a>"), bytes("<a b='>]]>' c=\"'\" d='\"'/>"),
        bytes("<a>&#x10FFFF;&#65;&#x41;&#x6a;&#0000065;&lt;&gt;&amp;&quot;&apos;</a>"),
        bytes("<a  >\t<b\n c = \"1\"\r\n/></a >"), bytes("<é李 ü='李'><ñ/>😀 ü</é李>"),
        bytes("<a><!----><!-- - --><?p?><?q  x ?></a>"), bytes("<?xml-stylesheet href='s'?>\n<a/>\n<!-- end -->\n"),
        bytes("<a>x\ry\r\n\rz\n\r</a>"), bytes("<a b='&#9;&#10;&#13; x\ty\nz\r\nw\rv'/>"),
        bytes("\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?><a><![CDATA[]]><![CDATA[&amp;\r]]></a>"),
    ]

    /// Each document's events from expat ("<local a=1>", "</local>", "'text'", text joined between tags as here),
    /// or nil where expat refuses it.
    static func expat(_ documents: [[UInt8]]) throws -> [[String]?] {
        let script = """
            import base64, json, sys, xml.parsers.expat
            results = []
            for document in json.load(sys.stdin):
                events, text = [], []
                def flush():
                    if text:
                        events.append("'" + "".join(text) + "'")
                        text.clear()
                def start(name, attributes):
                    flush()
                    pairs = "".join(" %s=%s" % (attributes[i], attributes[i + 1]) for i in range(0, len(attributes), 2))
                    events.append("<" + name.split(":")[-1] + pairs + ">")
                def end(name):
                    flush()
                    events.append("</" + name.split(":")[-1] + ">")
                parser = xml.parsers.expat.ParserCreate("UTF-8")
                parser.ordered_attributes = True
                parser.StartElementHandler, parser.EndElementHandler = start, end
                parser.CharacterDataHandler = text.append
                try:
                    parser.Parse(base64.b64decode(document), True)
                    results.append(events)
                except xml.parsers.expat.ExpatError:
                    results.append(None)
            print(json.dumps(results))
            """
        let input = try JSONSerialization.data(withJSONObject: documents.map { Data($0).base64EncodedString() })
        let output = try Tool.run("python3", ["-c", script], stdin: input)
        let results = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Any] ?? []
        return results.map { $0 as? [String] }
    }

    @Test(.enabled(if: RealTools.available("python3")))
    func eventsAgreeWithExpat() throws {
        let expected = try Self.expat(Self.wellFormed)
        #expect(expected.count == Self.wellFormed.count)
        for (document, events) in zip(Self.wellFormed, expected) {
            #expect(events != nil, "expat refuses \(String(decoding: document, as: UTF8.self))")
            for chunk in Self.chunks {
                #expect(try Self.events(document, chunk: chunk) == events, "chunk \(chunk)")
            }
        }
    }

    @Test(.enabled(if: RealTools.available("python3")))
    func malformedAgreesWithExpat() throws {
        let verdicts = try Self.expat(Self.malformed.map(\.0))
        #expect(verdicts.count == Self.malformed.count)
        for ((document, message), verdict) in zip(Self.malformed, verdicts) {
            #expect(verdict == nil, "expat accepts \(Array(document)), refused with \(message)")
        }
    }
}

import Testing

@testable import ScoreKit

@Suite struct JSONReaderTests {
    func reader(_ text: String, chunkSize: Int = 1 << 16) throws -> JSONReader {
        try JSONReader(source: MemorySource(text, chunkSize: chunkSize), chunkSize: 64)
    }

    func syntaxError(_ text: String, chunkSize: Int = 1 << 16) -> JSONError? {
        do {
            let reader = try reader(text, chunkSize: chunkSize)
            try reader.skipValue()
            try reader.finish()
            return nil
        } catch let error as JSONReadError {
            if case .syntax(let syntax) = error { return syntax }
            return nil
        } catch {
            return nil
        }
    }

    /// The key is kept in the buffer until the buffer moves: it must survive refills while its value is read, and
    /// an escaped key must survive the value's own escapes.
    @Test func keySurvivesRefillsAndEscapedValues() throws {
        let text = #"{"long key that spans chunks":   "a long value that \u00e9 spans chunks", "k\u0065y": {"x": 1}}"#
        for chunkSize in [1, 2, 3, 7, 64] {
            let r = try reader(text, chunkSize: chunkSize)
            try r.beginObject()
            #expect(try r.nextMember())
            #expect(
                try r.readTextBytes().map { String(decoding: $0, as: UTF8.self) } == "a long value that é spans chunks")
            #expect(r.key == "long key that spans chunks")
            #expect(try r.nextMember())
            #expect(r.key == "key")
            do {
                _ = try r.readText()
                Issue.record("an object read as text")
            } catch {
                #expect("\(error)".contains(#"for "key""#))
            }
        }
    }

    @Test func walksAnObjectAndKeepsNumbersAsText() throws {
        for chunkSize in [1, 2, 5, 100] {
            let r = try reader(
                #"{"a": "x\u00e9\ud83d\ude00\n", "b": 6.50, "c": [1, {"d": null}], "e": -0.0e+10}"#,
                chunkSize: chunkSize)
            try r.beginObject()
            #expect(try r.nextMember())
            #expect(r.key == "a")
            #expect(try r.readString() == "xé😀\n")
            #expect(try r.nextMember())
            #expect(r.key == "b")
            #expect(try r.readText() == "6.50")
            #expect(try r.nextMember())
            #expect(try r.peekKind() == .array)
            try r.skipValue()
            #expect(try r.nextMember())
            #expect(try r.readNumberText() == "-0.0e+10")
            #expect(try !r.nextMember())
            try r.finish()
        }
    }

    @Test func readTextMapsNullToNilAndRejectsContainers() throws {
        let r = try reader(#"[null, true, "", {"x": 1}]"#)
        try r.beginArray()
        #expect(try r.nextElement())
        #expect(try r.readText() == nil)
        #expect(try r.nextElement())
        #expect(try r.readText() == "true")
        #expect(try r.nextElement())
        #expect(try r.readText() == "")
        #expect(try r.nextElement())
        #expect(throws: JSONReadError.self) { try r.readText() }
    }

    @Test func errorsCarryLineColumnAndOffset() throws {
        let error = try #require(syntaxError("{\n  \"a\": 1,\n  \"b\" 2\n}"))
        #expect(error.reason == "expected ':' after object key, found '2'")
        #expect(error.location == JSONLocation(byteOffset: 18, line: 3, column: 7))
        #expect(error.description == "expected ':' after object key, found '2' at line 3, column 7 (byte 18)")
    }

    @Test func locationIsExactAcrossChunkBoundaries() throws {
        let text = String(repeating: "[\n", count: 300) + "1 2" + String(repeating: "]", count: 300)
        for chunkSize in [1, 7, 64, 4096] {
            let error = try #require(syntaxError(text, chunkSize: chunkSize))
            #expect(error.location == JSONLocation(byteOffset: 602, line: 301, column: 3))
        }
    }

    @Test(arguments: [
        (#"{"a": 1"#, "unexpected end of document: expected ',' or '}' after object member"),
        (#"{"a": "x"#, "unexpected end of document inside a string"),
        (#"[1, 2,]"#, "trailing comma before ']'"),
        (#"{"a": 1,}"#, "trailing comma before '}'"),
        (#"["\ud800"]"#, #"lone surrogate \uD800 in string"#),
        ("[\"a\tb\"]", "control character U+0009 in string; escape it"),
        (#"[01]"#, "invalid number: leading zero"),
        (#"[1.]"#, "invalid number: expected a digit after '.'"),
        (#"[tru]"#, "invalid literal: expected 'true'"),
        (#"{} x"#, "unexpected 'x' after the document"),
        ("", "unexpected end of document: expected a value"),
    ])
    func rejectsWithAShortReason(text: String, reason: String) throws {
        let error = try #require(syntaxError(text))
        #expect(error.reason == reason)
    }

    @Test func deepNestingIsACleanError() throws {
        let error = try #require(syntaxError(String(repeating: "[", count: 100_000)))
        #expect(error.reason == "nesting deeper than 512 levels")
    }

    @Test func invalidUTF8IsRejected() throws {
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]] {
            let bytes = [0x22] + bad + [0x22]
            let r = try JSONReader(source: MemorySource(bytes, chunkSize: 1), chunkSize: 64)
            #expect(throws: JSONReadError.self) { try r.skipValue() }
        }
    }

    @Test func valuesLargerThanTheBufferGrowIt() throws {
        let big = String(repeating: "abcdefghij", count: 10_000)
        let r = try reader("{\"photo\": \"\(big)\", \"x\": \"\\\"\(big)\"}", chunkSize: 999)
        try r.beginObject()
        #expect(try r.nextMember())
        #expect(try r.readString() == big)
        #expect(try r.nextMember())
        #expect(try r.readString() == "\"" + big)
        #expect(try !r.nextMember())
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let r = try JSONReader(source: MemorySource([0xEF, 0xBB, 0xBF] + Array("[]".utf8), chunkSize: 1))
        try r.skipValue()
        try r.finish()
    }

    @Test func recordCursorWalksTheArrayAndChecksTheRest() throws {
        let text = #"{"meta": {"n": [1, 2]}, "results": [{"id": "a"}, {"id": "b"}], "summary": {"count": 2}}"#
        var cursor = JSONRecordCursor(reader: try reader(text, chunkSize: 3), arrayKeys: ["data", "results"])
        var ids: [String] = []
        while try cursor.next() {
            try cursor.reader.beginObject()
            while try cursor.reader.nextMember() { ids.append(try cursor.reader.readString()) }
        }
        #expect(ids == ["a", "b"])
        #expect(cursor.arrayKey == 1)

        var truncated = JSONRecordCursor(reader: try reader(String(text.dropLast(3))), arrayKeys: ["results"])
        #expect(throws: JSONReadError.self) {
            while try truncated.next() { try truncated.reader.skipValue() }
        }
    }

    /// Keys recognized in place against the hint must read exactly as scanned ones: a longer key that starts with
    /// the hinted one, an escaped spelling of it, a key cut by a chunk boundary, and a key the table lacks.
    @Test func membersByTableMatchScannedKeys() throws {
        let table = JSONKeyTable(["abc", "b", "ab"])
        let text = #"{"abc": 1, "b": 2, "abcd": 3, "a\u0062": 4, "abc" : 5, "": 6, "b":7}"#
        for chunkSize in [1, 2, 3, 5, 8, 64] {
            let r = try reader(text, chunkSize: chunkSize)
            try r.beginObject()
            var index = -1
            var seen: [String] = []
            while try r.nextMember(in: table, hint: index + 1, index: &index) {
                seen.append("\(r.key)=\(index):\(try r.readText() ?? "")")
            }
            try r.finish()
            #expect(seen == ["abc=0:1", "b=1:2", "abcd=-1:3", "ab=2:4", "abc=0:5", "=-1:6", "b=1:7"])
        }
        #expect(syntaxError(#"{"abc" 1}"#) != nil)
        let broken = try reader(#"{"abc"1}"#)
        try broken.beginObject()
        var index = -1
        #expect(throws: JSONReadError.self) { try broken.nextMember(in: table, hint: 0, index: &index) }
    }

    @Test func keyTableFindsEveryKeyAndNothingElse() {
        let keys = (0..<200).map { "key\($0)" }
        let table = JSONKeyTable(keys)
        for (index, key) in keys.enumerated() { #expect(table.index(of: key) == index) }
        #expect(table.index(of: "key200") == nil)
        #expect(table.index(of: "") == nil)
        // A hint is only tried first: right, wrong or out of range, the answer is the same.
        func index(_ key: String, hint: Int) -> Int? {
            var key = key
            return key.withUTF8 { table.index(of: $0, hint: hint) }
        }
        for hint in [-1, 0, 7, 8, 199, 200, 1000] {
            #expect(index("key7", hint: hint) == 7)
            #expect(index("key70", hint: hint) == 70)
            #expect(index("key", hint: hint) == nil)
            #expect(index("", hint: hint) == nil)
        }
    }
}

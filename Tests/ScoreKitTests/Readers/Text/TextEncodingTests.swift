import Testing

@testable import ScoreKit

@Suite struct TextEncodingTests {
    /// Everything `source` hands out, read `chunk` bytes at a time.
    static func drain(_ source: any ByteSource, chunk: Int = 5) throws -> [UInt8] {
        var source = source
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { return out }
            out += buffer[..<n]
        }
    }

    static func transcode(_ bytes: [UInt8], _ encoding: TextEncoding, skip: Int = 0, chunk: Int = 3) throws -> String {
        let source = TranscodingSource(
            MemorySource(bytes, chunkSize: chunk), encoding: encoding, skipping: skip, name: "t.csv")
        return String(decoding: try drain(source, chunk: max(chunk, 4)), as: UTF8.self)
    }

    static let sample = "familyName;firstName\r\nGarcía;Zoë 😀 Ωmega €\r\n"

    @Test(arguments: [1, 2, 3, 7, 4096])
    func utf16BothByteOrders(chunk: Int) throws {
        let little = Array(Self.sample.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big = Array(Self.sample.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(
            try Self.transcode([0xFF, 0xFE] + little, .utf16(bigEndian: false), skip: 2, chunk: chunk) == Self.sample)
        #expect(try Self.transcode([0xFE, 0xFF] + big, .utf16(bigEndian: true), skip: 2, chunk: chunk) == Self.sample)
    }

    /// Never a replacement character: text that is not UTF-16 is an error naming the problem and the byte.
    @Test(arguments: [
        ([0x41, 0x00, 0x00, 0xDC], "a low surrogate without a high one at byte 2"),
        ([0x41, 0x00, 0x3D, 0xD8, 0x41, 0x00], "a high surrogate without a low one at byte 2"),
        ([0x41, 0x00, 0x3D, 0xD8], "a high surrogate at the end of the text at byte 2"),
        ([0x41, 0x00, 0x42], "an odd number of bytes at the end at byte 2"),
    ])
    func invalidUTF16(bytes: [UInt8], problem: String) {
        #expect {
            _ = try Self.transcode(bytes, .utf16(bigEndian: false), chunk: 1)
        } throws: { error in
            guard let error = error as? IOError else { return false }
            return error.isDecodingFailure && error.operation == "not valid UTF-16 (little-endian): \(problem)"
        }
    }

    /// Windows-1252: the printable Latin-1 range, the code page's own 0x80-0x9F, and its five holes as C1 controls.
    @Test func windows1252() throws {
        let bytes: [UInt8] = [0x47, 0x61, 0x72, 0x63, 0xED, 0x61, 0x20, 0x80, 0x20, 0x93, 0x71, 0x94, 0x20, 0xFF, 0x81]
        #expect(try Self.transcode(bytes, .windows1252) == "García € \u{201C}q\u{201D} ÿ\u{81}")
        let all = try Self.transcode(Array(0x80...0xFF), .windows1252, chunk: 7)
        #expect(all.unicodeScalars.count == 128)
        #expect(!all.unicodeScalars.contains("\u{FFFD}"))
    }

    /// Mac Roman: every byte from 0x80 to 0xFF decodes as Python's `mac_roman` codec (Apple's ROMAN.TXT) decodes it,
    /// through the transcoder, a few bytes at a time.
    @Test func macRomanMatchesPython() throws {
        let script =
            "import sys; sys.stdout.write(','.join('%X' % ord(c) for c in bytes(range(128, 256)).decode('mac_roman')))"
        let python = try Tool.run("python3", ["-c", script]).split(separator: ",").map { UInt32($0, radix: 16) }
        let decoded = try Self.transcode(Array(0x80...0xFF), .macRoman, chunk: 5).unicodeScalars.map(\.value)
        try #require(python.count == 128 && decoded.count == 128)
        for byte in 0x80...0xFF {
            #expect(decoded[byte - 0x80] == python[byte - 0x80], "byte \(String(byte, radix: 16))")
        }
        #expect(
            try Self.transcode(Array("a,b\r".utf8) + [0x47, 0x61, 0x72, 0x63, 0x92, 0x61], .macRoman) == "a,b\rGarcía")
    }

    @Test(
        arguments: [
            ([0x61, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80], nil),
            ([0x47, 0x61, 0x72, 0x63, 0xED, 0x61], 4),  // Windows-1252 í
            ([0x61, 0xC0, 0xAF], 1),  // an overlong slash
            ([0x61, 0xED, 0xA0, 0x80], 1),  // an encoded surrogate
            ([0x61, 0xF4, 0x90, 0x80, 0x80], 1),  // past U+10FFFF
            ([0x61, 0x62, 0xE2, 0x82], 2),  // cut off at the end
            ([0x80], 0),  // a continuation byte alone
        ] as [([UInt8], Int?)])
    func utf8Validation(bytes: [UInt8], invalidAt: Int?) throws {
        // Every chunk size, so that sequences are split between chunks.
        for chunk in 1...bytes.count {
            let check = UTF8CheckingSource(MemorySource(bytes, chunkSize: chunk))
            #expect(try Self.drain(check, chunk: 64) == bytes)
            #expect(check.validator.firstInvalid == invalidAt, "chunk \(chunk)")
        }
    }

    @Test(
        arguments: [
            ([0xEF, 0xBB, 0xBF, 0x7B], UInt8(ascii: "{")), ([0xFF, 0xFE, 0x20, 0x00, 0x3C, 0x00], UInt8(ascii: "<")),
            ([0xFE, 0xFF, 0x00, 0x0A, 0x00, 0x5B], UInt8(ascii: "[")), ([0x20, 0x0D, 0x0A, 0x63], UInt8(ascii: "c")),
            ([0xC3, 0xA9], 0x80), ([0x20, 0x0A], nil), ([], nil),
        ] as [([UInt8], UInt8?)])
    func firstSignificantCharacter(prefix: [UInt8], expected: UInt8?) {
        #expect(TextEncoding.firstSignificantCharacter(prefix) == expected)
    }

    @Test(arguments: [
        ("utf-8", InputEncoding.utf8), ("UTF8", .utf8), ("utf-16", .utf16), ("UTF-16", .utf16),
        ("windows-1252", .windows1252), ("cp1252", .windows1252), ("latin-1", .windows1252),
        ("ISO-8859-1", .windows1252), ("mac-roman", .macRoman), ("mac_roman", .macRoman), ("Macintosh", .macRoman),
        ("x-mac-roman", .macRoman),
    ])
    func encodingNames(name: String, encoding: InputEncoding) {
        #expect(InputEncoding(name: name) == encoding)
    }

    @Test func unknownEncodingName() {
        #expect(InputEncoding(name: "ebcdic") == nil)
    }

    /// A reader asking for fewer bytes than a character takes still gets every byte: the rest comes with the next
    /// read, and 0 only at the end.
    @Test(arguments: [1, 2, 3, 5])
    func smallReads(size: Int) throws {
        let little = Array(Self.sample.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let source = TranscodingSource(
            MemorySource([0xFF, 0xFE] + little, chunkSize: 3), encoding: .utf16(bigEndian: false), skipping: 2,
            name: "t.csv")
        #expect(String(decoding: try Self.drain(source, chunk: size), as: UTF8.self) == Self.sample)
    }

    /// A UTF-16 file larger than the row reader's buffer (which fills itself to the last byte) reads whole.
    @Test func largeUTF16ThroughTheRowReader() throws {
        let line = "26GB000001GARM001A,García,Zoë 😀,20260105\r\n"
        let text = "trfNumber,familyName,firstName,testDate\r\n" + String(repeating: line, count: 12_000)
        let bytes: [UInt8] = [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let source = TranscodingSource(
            MemorySource(bytes, chunkSize: 1 << 16), encoding: .utf16(bigEndian: false), skipping: 2, name: "t.csv")
        let reader = CSVRowReader(source: source, name: "t.csv")
        var rows = 0
        while try reader.nextRow() { rows += 1 }
        #expect(rows == 12_001)
    }
}

import Foundation
import Testing

@testable import ScoreKit

/// A file that is not UTF-8 is read as Mac Roman when its lines end in CR alone, else as Windows-1252, however the
/// first pass reads it: in chunks of any size, and in two halves on two threads.
@Suite struct LegacyEncodingTests {
    /// The choice for `bytes`, surveyed as `CSVInput` does (`parallelSize` 1 splits any file with a line feed
    /// after its middle), with the line of the first byte that is not UTF-8.
    static func choice(_ bytes: [UInt8], parallelSize: Int = .max) throws -> LegacyEncoding? {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("legacy.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let file = try InputFile.open(path)
        let checked = UTF8CheckingSource(try file.source())
        let survey = try CSVSurvey.run(
            file, source: checked, checked: checked, delimiter: nil, parallelSize: parallelSize)
        guard let invalid = survey.firstInvalidUTF8 else { return nil }
        return try LegacyEncoding(file, firstInvalid: invalid, lineEndsFromInvalid: checked.lineEndsFromInvalid)
    }

    /// `count` rows ending in `end`; the rows in `accented` hold Mac Roman's í (0x92), the others are ASCII.
    static func rows(_ count: Int, end: String, accented: Set<Int>) -> [UInt8] {
        var bytes = Array("trfNumber,familyName\(end)".utf8)
        for index in 0..<count {
            bytes += Array("T\(index),Garc".utf8) + (accented.contains(index) ? [0x92] : [0x69]) + Array("a\(end)".utf8)
        }
        return bytes
    }

    @Test(arguments: [
        ("\r", TextEncoding.macRoman), ("\r\n", .windows1252), ("\n", .windows1252),
    ])
    func lineEndsChoose(end: String, expected: TextEncoding) throws {
        // The first byte that is not UTF-8 on the first data line, in the middle and on the last line; one pass and
        // two halves.
        for accented: Set<Int> in [[0], [20_000], [39_999], [3, 39_999]] {
            for parallelSize in [Int.max, 1] {
                let bytes = Self.rows(40_000, end: end, accented: accented)
                let choice = try #require(try Self.choice(bytes, parallelSize: parallelSize))
                #expect(choice.encoding == expected, "\(accented) \(parallelSize)")
                #expect(choice.line == (accented.min() ?? 0) + 2)
            }
        }
    }

    /// A CRLF anywhere, before the first byte that is not UTF-8 or after it, makes the file Windows-1252, and so does
    /// no line end at all (nothing says Mac). A line feed alone says nothing: Mac Excel ends the lines inside a
    /// quoted cell with one, and its rows with CR.
    @Test(arguments: [
        ("\rA,\u{92}\r\n", TextEncoding.windows1252), ("\r\nA,\u{92}\r", .windows1252), ("\rA,\u{92}\r", .macRoman),
        ("\r\r\rA,\u{92}", .macRoman), (",x\u{92}\r", .macRoman), (",x\u{92}", .windows1252),
        ("\r\"Flat 2\nHigh St\",M\u{9F}ller\r", .macRoman), ("\nA,\u{92}\r", .macRoman),
        ("\r\"Flat 2\r\nHigh St\",M\u{9F}ller\r", .windows1252),
    ])
    func aCRLFAnywhereMeansWindows(text: String, expected: TextEncoding) throws {
        let bytes = ("trfNumber" + text).unicodeScalars.map { UInt8($0.value) }
        #expect(try Self.choice(bytes)?.encoding == expected)
    }

    /// The line ends after the first invalid byte are found whatever the chunks the first pass reads.
    @Test func lineEndsAcrossChunks() throws {
        let bytes: [UInt8] = Array("ab".utf8) + [0x92] + Array("cdefgh\r".utf8) + [0xC3] + Array("ij\nk".utf8)
        for chunk in 1...bytes.count {
            let check = UTF8CheckingSource(MemorySource(bytes, chunkSize: chunk))
            _ = try TextEncodingTests.drain(check, chunk: 64)
            #expect(check.validator.firstInvalid == 2)
            #expect(check.lineEndsFromInvalid == LineEnds(crlf: false, bareCR: true), "chunk \(chunk)")
        }
        // A CRLF split between two reads is one.
        let windows: [UInt8] = Array("ab".utf8) + [0x92] + Array("cd\r\nef".utf8)
        for chunk in 1...windows.count {
            let check = UTF8CheckingSource(MemorySource(windows, chunkSize: chunk))
            _ = try TextEncodingTests.drain(check, chunk: 64)
            #expect(check.lineEndsFromInvalid.crlf, "chunk \(chunk)")
            #expect(!check.lineEndsFromInvalid.carriageReturnOnly, "chunk \(chunk)")
        }
        let utf8 = UTF8CheckingSource(MemorySource(Array("a\r\nb\n".utf8), chunkSize: 2))
        _ = try TextEncodingTests.drain(utf8, chunk: 64)
        #expect(utf8.lineEndsFromInvalid == LineEnds(), "a UTF-8 file is not scanned")
    }
}

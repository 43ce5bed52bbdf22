import Foundation
import Testing

@testable import ScoreKit

/// Bytes that compress like a worksheet (repeated markup, varying values), the same on every run.
func sampleBytes(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
    var state = seed
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count + 64)
    while bytes.count < count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes += Array("<row><c s=\"6\" t=\"inlineStr\"><is><t>\(state >> 40)</t></is></c></row>\n".utf8)
        if state >> 60 == 0 { bytes += (0..<(state >> 50 & 0xFF)).map { UInt8(truncatingIfNeeded: $0 &* 131) } }
    }
    return Array(bytes.prefix(count))
}

/// Inflates `data` (raw deflate) with output buffers of `outChunk` bytes, feeding `inChunk` bytes at a time.
func inflateAll(_ data: [UInt8], inChunk: Int = 1 << 16, outChunk: Int = 1 << 16) throws -> (
    bytes: [UInt8], ended: Bool
) {
    let inflater = try Inflater()
    var result: [UInt8] = []
    var output = [UInt8](repeating: 0, count: outChunk)
    var offset = 0
    while true {
        let end = min(data.count, offset + inChunk)
        let step = try data[offset..<end].withUnsafeBytes { input in
            try output.withUnsafeMutableBytes { try inflater.inflate(input, into: $0) }
        }
        offset += step.consumed
        result += output[..<step.produced]
        if inflater.finished || (step.consumed == 0 && step.produced == 0 && offset == data.count) { break }
    }
    return (result, inflater.finished)
}

@Suite struct CompressionTests {
    @Test(arguments: [
        ("", UInt32(0)), ("a", 0xE8B7_BE43), ("abc", 0x3524_41C2), ("123456789", 0xCBF4_3926),
        ("The quick brown fox jumps over the lazy dog", 0x414F_A339),
    ])
    func crc32KnownVectors(input: String, expected: UInt32) {
        #expect(CRC32.checksum(Array(input.utf8)) == expected)
    }

    @Test func crc32CombinesAsIfComputedOverBoth() {
        let first = sampleBytes(100_003)
        let second = sampleBytes(77_777, seed: 9)
        var combined = CRC32()
        combined.update(first)
        combined.append(CRC32.checksum(second), length: second.count)
        #expect(combined.value == CRC32.checksum(first + second))
        #expect(CRC32.combine(CRC32.checksum(first), CRC32.checksum([]), length: 0) == CRC32.checksum(first))
    }

    /// Compressing in pieces of any size and inflating into buffers of any size gives the input back.
    @Test(arguments: [(1, 1), (7, 13), (4096, 1), (65_536, 65_536), (1_000_000, 3)])
    func roundTripsAtChunkBoundaries(inChunk: Int, outChunk: Int) throws {
        let input = sampleBytes(300_001)
        let deflater = try Deflater(level: 3, name: "test")
        var compressed: [UInt8] = []
        var offset = 0
        while offset < input.count {
            let end = min(input.count, offset + inChunk)
            try input[offset..<end].withUnsafeBytes { piece in
                try deflater.compress(piece, flush: end == input.count ? .finish : .none) { compressed += $0 }
            }
            offset = end
        }
        #expect(deflater.totalIn == input.count)
        #expect(compressed.count < input.count / 4)
        let inflated = try inflateAll(compressed, inChunk: max(1, inChunk / 3), outChunk: outChunk)
        #expect(inflated.ended)
        #expect(inflated.bytes == input)
    }

    @Test func emptyInputMakesAValidStream() throws {
        let compressed = try Deflater(level: 3, name: "test").compress([], flush: .finish)
        let inflated = try inflateAll(compressed)
        #expect(inflated.ended && inflated.bytes.isEmpty)
    }

    @Test func corruptDataIsAnErrorNotACrash() throws {
        let compressed = try Deflater(level: 3, name: "test").compress(sampleBytes(50_000), flush: .finish)
        var damaged = compressed
        for index in stride(from: 10, to: damaged.count, by: 97) { damaged[index] ^= 0x5A }
        #expect(throws: Inflater.Failure.self) { try inflateAll(damaged) }
        #expect(throws: Inflater.Failure.self) { try inflateAll([0xFF, 0xFF, 0xFF, 0xFF]) }
        // Cut short: no error, but the stream never ends.
        let truncated = try inflateAll(Array(compressed.prefix(compressed.count / 2)))
        #expect(!truncated.ended)
    }

    /// Rows compressed as they come, in pieces of every size, then framed by a prefix and a final suffix: Python's
    /// zlib decodes the whole as one stream, and the spool's count and CRC-32 are those of its input.
    @Test func theSpoolIsTheMiddleOfAStream() throws {
        let input = sampleBytes(200_000)
        let spool = try DeflateSpool(level: 3)
        var offset = 0
        for size in [1, 999, 45_000, 3, 100_000, 53_997] {
            try input[offset..<offset + size].withUnsafeBytes { try spool.append($0) }
            offset += size
        }
        try spool.finish()
        let prefix = Array("<worksheet>".utf8)
        let suffix = Array("</worksheet>".utf8)
        let deflater = try Deflater(level: 3, name: "test")
        var stream = try deflater.compress(prefix, flush: .full)
        deflater.reset()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("rows.deflate").path
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        try spool.write(to: fd, name: path)
        close(fd)
        stream += try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        stream += try deflater.compress(suffix, flush: .finish)
        #expect(spool.count == input.count)
        #expect(spool.crc.value == CRC32.checksum(input))
        let whole = prefix + input + suffix
        #expect(try inflateAll(stream).bytes == whole)
        let script =
            "import sys, zlib; d = zlib.decompressobj(-15); sys.stdout.buffer.write(d.decompress(sys.stdin.buffer.read())); assert d.eof"
        let decoded = try Tool.capture(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script], stdin: Data(stream))
        #expect(decoded.status == 0)
        #expect([UInt8](decoded.stdout) == whole)
    }
}

import Foundation
import Testing

@testable import ScoreKit

/// Thousands of seeded mutations and truncations of the fixture documents: the reader and the record mappers must
/// answer each with records or a located error, never a crash or a hang.
@Suite struct JSONRobustnessTests {
    /// A small deterministic generator (SplitMix64), so a failure names a reproducible seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let documents = ["toefl-score-objects", "ielts-api-response", "toefl-seed-sample"]

    static func readAll(_ bytes: [UInt8], chunkSize: Int) -> Result<Int, JSONReadError> {
        Result { () throws(JSONReadError) in
            let reader = try JSONReader(source: MemorySource(bytes, chunkSize: chunkSize), chunkSize: 64)
            var cursor = JSONRecordCursor(reader: reader, arrayKeys: ["data", "results"])
            var count = 0
            while try cursor.next() {
                var score = TestScore(test: .toeflIBT)
                if cursor.arrayKey == 0 {
                    try TOEFLRecordReader.read(reader, into: &score)
                } else {
                    try IELTSRecordReader.read(reader, into: &score)
                }
                count += 1
            }
            return count
        }
    }

    @Test(arguments: documents)
    func mutationsNeverCrash(name: String) throws {
        let original = try [UInt8](Data(contentsOf: Paths.fixtures.appendingPathComponent("cases/\(name)/input.json")))
        guard case .success(let records) = Self.readAll(original, chunkSize: 4096) else {
            Issue.record("the unmutated fixture must read")
            return
        }
        var random = SplitMix(state: 0x5C0E_1A40 ^ UInt64(name.count))
        let interesting: [UInt8] =
            Array("{}[]\",:\\0123456789.eE+-tfnul \n".utf8) + [0x00, 0x80, 0xC3, 0xED, 0xF4, 0xFF]
        var errors = 0
        for round in 0..<1500 {
            var bytes = original
            for _ in 0...Int.random(in: 0...3, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[index] = interesting.randomElement(using: &random) ?? 0
                case 1: bytes.remove(at: index)
                case 2: bytes.insert(interesting.randomElement(using: &random) ?? 0, at: index)
                default: bytes[index] = UInt8.random(in: 0...255, using: &random)
                }
            }
            if case .failure = Self.readAll(bytes, chunkSize: 1 + round % 13) { errors += 1 }
        }
        #expect(errors > 100, "mutations should mostly be caught")
        // Every truncation of a document is an error, never a silent partial success.
        for length in stride(from: 0, to: original.count - 1, by: max(1, original.count / 400)) {
            let truncated = Array(original[..<length])
            if case .success(let count) = Self.readAll(truncated, chunkSize: 5) {
                // Only trailing whitespace may be cut without loss.
                #expect(
                    count == records && original[length...].allSatisfy { $0 == 0x0A || $0 == 0x20 },
                    "truncated at \(length) read \(count) records")
            }
        }
    }
}

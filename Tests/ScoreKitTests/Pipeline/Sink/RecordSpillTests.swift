import Testing

@testable import ScoreKit

/// The delivered records, spilled to disk and read back in order when the sink renders the outputs again.
@Suite struct RecordSpillTests {
    @Test func recordsComeBackEqualAndInOrder() throws {
        var large = Records.score("LARGE1")
        // Larger than the reader's 64 KiB chunk: a record with a photo.
        large.photo = String(repeating: "/9j/", count: 50_000)
        let records = [
            Records.full(invalid: false), TestScore(test: .toeflEssentials), large, Records.full(invalid: true),
        ]
        let spill = try RecordSpill()
        for _ in 0..<3 {
            for record in records { try spill.append(record) }
        }
        #expect(spill.count == 12)
        var read: [(Int, TestScore)] = []
        try spill.forEach { ordinal, score in read.append((ordinal, score)) }
        #expect(read.map(\.0) == Array(0..<12))
        for (ordinal, score) in read {
            // What the reader found in a row is reported before the sink: the spill does not carry it.
            var expected = records[ordinal % records.count]
            expected.sourceProblems = []
            #expect(score == expected, "record \(ordinal)")
        }
        // Read as often as needed.
        var again = 0
        try spill.forEach { _, _ in again += 1 }
        #expect(again == 12)
    }
}

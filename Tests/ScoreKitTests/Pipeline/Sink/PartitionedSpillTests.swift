import Testing

@testable import ScoreKit

/// The duplicate index's partitions share one spill file: each reads back exactly what was appended to it, in
/// order, across many flushed chunks and entries larger than a partition's buffer.
@Suite struct PartitionedSpillTests {
    @Test func eachPartitionReadsBackItsOwnEntriesInOrder() throws {
        let spill = try PartitionedSpill(partitions: 3)
        var expected: [[UInt8]] = [[], [], []]
        for n in 0..<5_000 {
            let partition = n % 3 == 2 ? 2 : n % 2
            // Mostly short entries; every thousandth is 40 KB, larger than a partition's buffer.
            let length = n % 1_000 == 999 ? 40_000 : 1 + n % 37
            let entry = (0..<length).map { UInt8(truncatingIfNeeded: n &+ $0) }
            let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: length, alignment: 1)
            defer { raw.deallocate() }
            raw.copyBytes(from: entry)
            try spill.append(UnsafeRawBufferPointer(raw), to: partition)
            expected[partition] += entry
        }
        for partition in 0..<3 {
            #expect(try spill.contents(of: partition) == expected[partition], "partition \(partition)")
        }
        #expect(spill.counts.reduce(0, +) == 5_000)
        // Read as often as needed.
        #expect(try spill.contents(of: 1) == expected[1])
    }
}

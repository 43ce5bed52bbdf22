import Testing

@testable import ScoreKit

/// The flat row index: chains in file order, probing past other keys, and shared chains when hashes collide
/// (which the directory's look-ups filter by comparing each row's own fields).
@Suite struct RowIndexTests {
    @Test func chainsReadInFileOrderAndKeysProbePastEachOther() {
        var index = RowIndex(rows: 6)
        let a: UInt64 = 0x0000_0001_0000_0003
        let b: UInt64 = 0x0000_0002_0000_0003  // same slot as a, another tag: the next slot
        let c: UInt64 = 0x0000_0003_0000_0004  // the slot b was pushed into: probes on
        for (row, hash) in [(0, a), (1, b), (2, a), (3, c), (4, b), (5, a)].reversed() {
            index.insert(hash: hash, row: Int32(row))
        }
        #expect(Array(index.rows(hash: a)) == [0, 2, 5])
        #expect(Array(index.rows(hash: b)) == [1, 4])
        #expect(Array(index.rows(hash: c)) == [3])
        #expect(Array(index.rows(hash: 0x0000_0009_0000_0003)).isEmpty)
    }

    @Test func hashesSharingSlotAndTagShareAChainThatLookUpsFilter() throws {
        var index = RowIndex(rows: 2)
        let hash: UInt64 = 0xABCD_0000_1234_0007
        index.insert(hash: hash, row: 1)
        index.insert(hash: hash, row: 0)
        #expect(Array(index.rows(hash: hash)) == [0, 1])

        // Two applicants with different family names under one date of birth: the look-up compares the row's
        // family name, so a shared chain can never match the wrong one.
        var rows = ArrayRows(rows: [["ID", "Surname", "First Name", "DOB"], ["A", "Kim", "Min", "2000-01-01"]])
        rows.rows.append(["B", "Lee", "Min", "2000-01-01"])
        let (directory, _) = try ApplicantDirectory.load(&rows, name: "a.csv", normalizer: NameNormalizer())
        let birth = directory.births[0]
        #expect(Array(directory.rows(birth: birth, family: "kim")) == [0])
        #expect(Array(directory.rows(birth: birth, family: "lee")) == [1])
        #expect(Array(directory.rows(birth: birth)) == [0, 1])
        #expect(Array(directory.rows(family: "park")).isEmpty)
    }

    @Test func theHashMixesTheNumberIn() {
        #expect(RowIndex.hash("kim", 1) != RowIndex.hash("kim", 2))
        #expect(RowIndex.hash("kim") != RowIndex.hash("lee"))
        #expect(RowIndex.hash("kim", 7) == RowIndex.hash("kim", 7))
    }
}

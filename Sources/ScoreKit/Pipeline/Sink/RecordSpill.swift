/// The delivered records, in order, as binary snapshots in a spill file (mode 0600, unlinked; see ``Spill``), so
/// the sink can render the kept records again when duplicates must be left out, without holding them in memory.
final class RecordSpill {
    private let spill: Spill
    private var writer = SnapshotWriter()
    private(set) var count = 0

    init() throws(IOError) {
        spill = try Spill()
    }

    /// Appends `score` as the next record.
    func append(_ score: TestScore) throws(IOError) {
        writer.out.removeAll()
        writer.integer(UInt32(0))  // the length, filled in below
        score.writeSnapshot(to: &writer)
        let length = UInt32(writer.out.count - 4)
        withUnsafeBytes(of: length.littleEndian) {
            UnsafeMutableRawPointer(writer.out.storage).copyMemory(from: $0.baseAddress.unsafelyUnwrapped, byteCount: 4)
        }
        try spill.append(UnsafeRawBufferPointer(writer.out.bytes))
        count += 1
    }

    /// Calls `body` with each record and its ordinal, in order.
    func forEach(_ body: (Int, TestScore) throws(OutputError) -> Void) throws(OutputError) {
        do {
            var reader = try spill.reader()
            var ordinal = 0
            while let length = try reader.readInteger(UInt32.self) {
                guard let bytes = try reader.read(Int(length)) else { break }
                let score = bytes.withUnsafeBytes { raw in
                    var snapshot = SnapshotReader(raw)
                    return TestScore(snapshot: &snapshot)
                }
                try body(ordinal, score)
                ordinal += 1
            }
        } catch let error as OutputError {
            throw error
        } catch let error as IOError {
            throw .io(error)
        } catch {
            throw .io(IOError("read", path: "record spill", code: 5))
        }
    }
}

extension FileOutput {
    /// Adds the first `length` bytes of `source` to `crc`.
    public static func checksum(_ source: Int32, length: Int, into crc: inout CRC32) throws(IOError) {
        var running = crc
        try forEachChunk(of: source, range: 0..<length) { (chunk) throws(IOError) in
            chunk.withUnsafeBytes { running.update($0) }
        }
        crc = running
    }
}

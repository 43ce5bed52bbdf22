import CZlib

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as ZIP uses it, computed by the system zlib.
public struct CRC32: Sendable {
    public private(set) var value: UInt32 = 0

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var remaining = bytes.count
        var crc = UInt(value)
        // zlib takes a 32-bit length.
        while remaining > 0 {
            let count = min(remaining, 1 << 30)
            crc = crc32(crc, base, UInt32(count))
            base += count
            remaining -= count
        }
        value = UInt32(truncatingIfNeeded: crc)
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Extends the checksum with that of `length` further bytes whose CRC-32 is `next`, without reading them.
    public mutating func append(_ next: UInt32, length: Int) {
        value = Self.combine(value, next, length: length)
    }

    /// The CRC-32 of two byte strings laid end to end, from theirs (`length` is the second one's length).
    public static func combine(_ first: UInt32, _ second: UInt32, length: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: crc32_combine(UInt(first), UInt(second), off_t(length)))
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}

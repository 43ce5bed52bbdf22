import Foundation

/// gzip (RFC 1952) and zlib (RFC 1950, what HTTP calls `deflate`) wrappers around stored deflate blocks: valid
/// compressed encodings that any decoder reads, without a compressor (the sandbox links nothing but Foundation).
/// nginx, in the tests, sends truly compressed bodies.
enum Compression {
    static func gzip(_ data: Data) -> Data {
        var out = Data([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF])
        out.append(storedBlocks(data))
        out.append(littleEndian(crc32(data)))
        out.append(littleEndian(UInt32(truncatingIfNeeded: data.count)))
        return out
    }

    static func zlib(_ data: Data) -> Data {
        var out = Data([0x78, 0x01])
        out.append(storedBlocks(data))
        let adler = adler32(data)
        out.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: adler >> $0) })
        return out
    }

    /// Deflate blocks of type 0 (stored), at most 65,535 bytes each, the last one marked final.
    private static func storedBlocks(_ data: Data) -> Data {
        var out = Data()
        var offset = data.startIndex
        repeat {
            let count = min(65_535, data.endIndex - offset)
            let final: UInt8 = offset + count == data.endIndex ? 1 : 0
            out.append(final)
            out.append(contentsOf: [
                UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF),
            ])
            out.append(data[offset..<offset + count])
            offset += count
        } while offset < data.endIndex
        return out
    }

    private static func littleEndian(_ value: UInt32) -> Data {
        Data([0, 8, 16, 24].map { UInt8(truncatingIfNeeded: value >> $0) })
    }

    private static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func adler32(_ data: Data) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a ZIP archive of deflated entries to a file descriptor, streaming each entry's data. Entries and the
/// archive stay under 4 GiB (no ZIP64).
public struct ZipWriter {
    private struct CentralEntry {
        var name: [UInt8]
        var method: UInt16
        var crc: UInt32
        var compressedSize: UInt32
        var size: UInt32
        var offset: UInt32
    }

    private static let stored: UInt16 = 0
    private static let deflated: UInt16 = 8

    private let fd: Int32
    private let name: String
    private let level: Int32
    private var offset = 0
    private var entries: [CentralEntry] = []
    private let dosTime: UInt16
    private let dosDate: UInt16

    /// `date` stamps every entry (ZIP keeps local time to two seconds; a fixed stamp keeps output reproducible);
    /// entries held in memory are deflated at zlib `level`.
    public init(fd: Int32, name: String, date: CalendarDate, level: Int32) {
        self.fd = fd
        self.name = name
        self.level = level
        dosTime = 0
        dosDate = UInt16(max(0, date.year - 1980) << 9 | date.month << 5 | date.day)
    }

    /// Adds an entry held in memory, deflated (stored when empty).
    public mutating func add(_ path: String, _ bytes: [UInt8]) throws(IOError) {
        let archive = name
        let data = bytes.isEmpty ? [] : try Deflater(level: level, name: name).compress(bytes, flush: .finish)
        try add(
            path, method: bytes.isEmpty ? Self.stored : Self.deflated, size: bytes.count, compressedSize: data.count,
            crc: CRC32.checksum(bytes)
        ) { (out) throws(IOError) in
            try FileOutput.writeAll(out, data[...], name: archive)
        }
    }

    /// Adds an entry of `size` bytes with checksum `crc`, as `compressedSize` bytes of raw deflate data that `write`
    /// writes to the descriptor it is given.
    public mutating func addDeflated(
        _ path: String, size: Int, compressedSize: Int, crc: UInt32, write: (Int32) throws(IOError) -> Void
    ) throws(IOError) {
        try add(path, method: Self.deflated, size: size, compressedSize: compressedSize, crc: crc, write: write)
    }

    private mutating func add(
        _ path: String, method: UInt16, size: Int, compressedSize: Int, crc: UInt32,
        write: (Int32) throws(IOError) -> Void
    ) throws(IOError) {
        guard size < Int(UInt32.max), compressedSize < Int(UInt32.max), offset < Int(UInt32.max) else {
            throw IOError("write (\(path) would exceed 4 GiB, and ZIP64 is not written) to", path: name, code: EFBIG)
        }
        let pathBytes = Array(path.utf8)
        var header = ByteWriter()
        header.u32(0x0403_4B50)  // local file header
        header.u16(20)  // version needed: 2.0 (deflate)
        header.u16(0x0800)  // flags: UTF-8 names
        header.u16(method)
        header.u16(dosTime)
        header.u16(dosDate)
        header.u32(crc)
        header.u32(UInt32(compressedSize))
        header.u32(UInt32(size))
        header.u16(UInt16(pathBytes.count))
        header.u16(0)
        header.bytes += pathBytes
        try FileOutput.writeAll(fd, header.bytes[...], name: name)
        try write(fd)
        entries.append(
            CentralEntry(
                name: pathBytes, method: method, crc: crc, compressedSize: UInt32(compressedSize), size: UInt32(size),
                offset: UInt32(offset)))
        offset += header.bytes.count + compressedSize
    }

    /// Writes the central directory and the end record.
    public mutating func finish() throws(IOError) {
        var directory = ByteWriter()
        for entry in entries {
            directory.u32(0x0201_4B50)
            directory.u16(0x031E)  // made by: Unix, 3.0
            directory.u16(20)
            directory.u16(0x0800)
            directory.u16(entry.method)
            directory.u16(dosTime)
            directory.u16(dosDate)
            directory.u32(entry.crc)
            directory.u32(entry.compressedSize)
            directory.u32(entry.size)
            directory.u16(UInt16(entry.name.count))
            directory.u16(0)  // extra
            directory.u16(0)  // comment
            directory.u16(0)  // disk
            directory.u16(0)  // internal attributes
            directory.u32(0o100600 << 16)  // external attributes: a regular file, mode 0600
            directory.u32(entry.offset)
            directory.bytes += entry.name
        }
        guard offset + directory.bytes.count < Int(UInt32.max) else {
            throw IOError(
                "write (the archive would exceed 4 GiB, and ZIP64 is not written) to", path: name, code: EFBIG)
        }
        var end = ByteWriter()
        end.u32(0x0605_4B50)
        end.u16(0)
        end.u16(0)
        end.u16(UInt16(entries.count))
        end.u16(UInt16(entries.count))
        end.u32(UInt32(directory.bytes.count))
        end.u32(UInt32(offset))
        end.u16(0)
        try FileOutput.writeAll(fd, (directory.bytes + end.bytes)[...], name: name)
        offset += directory.bytes.count + end.bytes.count
    }
}

/// Little-endian integers into a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8))
    }

    mutating func u32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}

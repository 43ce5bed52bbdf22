#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ZIP archive read through its central directory: as much of ZIP as XLSX workbooks use (stored and deflated
/// entries, ZIP64 sizes). Nothing is trusted: every offset is checked against the file, every part has a size limit,
/// and an entry is never inflated past its declared size, so a zip bomb is refused rather than expanded.
final class ZipArchive {
    /// One entry of the central directory.
    struct Entry {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var headerOffset: Int
    }

    /// Declared sizes more than this many times the compressed size are refused: deflate cannot exceed about
    /// 1032:1, and workbooks compress 5-50:1, so only crafted data comes near.
    static let bombRatio = 1000

    let fd: Int32
    /// The file's name, for I/O errors.
    let name: String
    private(set) var entries: [Entry] = []
    private var byName: [String: Int] = [:]
    private var directoryOffset = 0

    /// Whether `prefix` (the file's first bytes) starts a ZIP archive.
    static func isZip(_ prefix: [UInt8]) -> Bool {
        prefix.starts(with: [0x50, 0x4B, 0x03, 0x04]) || prefix.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    /// Reads the central directory of the archive open at `fd` (which it does not own), named `name`.
    init(fd: Int32, name: String) throws(InputError) {
        self.fd = fd
        self.name = name
        let fileSize = Int(lseek(fd, 0, SEEK_END))
        guard fileSize >= 22 else { throw Self.damaged("it is too short to be a ZIP archive") }
        let tailStart = max(0, fileSize - (22 + 0xFFFF))
        let tail = try Self.read(fd, name, at: tailStart, count: fileSize - tailStart)
        guard let end = Self.lastIndex(of: 0x0605_4B50, in: tail, before: tail.count - 21) else {
            throw Self.damaged("no end of central directory record: the file is truncated or not a ZIP archive")
        }
        let record = LittleEndian(tail[end...])
        var count = Int(record.u16(10))
        var size = Int(record.u32(12))
        var offset = Int(record.u32(16))
        guard record.u16(4) == 0, record.u16(6) == 0 else {
            throw Self.damaged("it is split across several files, which is not supported")
        }
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            (count, size, offset) = try Self.zip64Directory(fd, name, locatorAt: tailStart + end - 20)
        }
        guard offset >= 0, size >= 0, offset + size <= tailStart + end else {
            throw Self.damaged("the central directory lies outside the file: the file is truncated or damaged")
        }
        guard size <= 64 << 20, count <= size / 46 else {
            throw Self.damaged("its central directory is damaged (\(count) entries in \(size) bytes)")
        }
        directoryOffset = offset
        let directory = try Self.read(fd, name, at: offset, count: size)
        var position = 0
        for _ in 0..<count {
            let entry = try Self.entry(in: directory, at: &position)
            byName[entry.name.lowercased()] = entries.count
            entries.append(entry)
        }
    }

    /// The entry named `name` (part names are case-insensitive in Office packages).
    func entry(_ name: String) -> Entry? {
        byName[name.lowercased()].map { entries[$0] }
    }

    /// A reader of the entry's bytes, inflated and checked as they are read. `limit` bounds the inflated size.
    func open(_ entry: Entry, limit: Int) throws(InputError) -> ZipEntryReader {
        let part = entry.name
        guard entry.flags & 1 == 0 else { throw Self.damaged("\(part) is encrypted, which is not supported") }
        guard entry.method == 0 || entry.method == 8 else {
            throw Self.damaged("\(part) uses compression method \(entry.method); only stored and deflated are read")
        }
        guard entry.size <= limit else {
            throw Self.damaged(
                "\(part) would inflate to \(megabytes(entry.size)), over the \(megabytes(limit)) allowed for it")
        }
        guard entry.size <= 1 << 20 || entry.size / max(entry.compressedSize, 1) < Self.bombRatio else {
            throw Self.damaged(
                "\(part) would inflate from \(megabytes(entry.compressedSize)) to \(megabytes(entry.size)), over "
                    + "\(Self.bombRatio):1: it looks like a zip bomb")
        }
        guard entry.method == 8 || entry.compressedSize == entry.size else {
            throw Self.damaged("\(part) is stored with two different sizes")
        }
        let header = try Self.read(fd, name, at: entry.headerOffset, count: 30)
        let local = LittleEndian(header[...])
        guard local.u32(0) == 0x0403_4B50 else { throw Self.damaged("\(part) has no local header where expected") }
        let dataOffset = entry.headerOffset + 30 + Int(local.u16(26)) + Int(local.u16(28))
        guard dataOffset + entry.compressedSize <= directoryOffset else {
            throw Self.damaged("\(part) runs past the end of the archive's data: the file is truncated")
        }
        return try ZipEntryReader(fd: fd, entry: entry, dataOffset: dataOffset)
    }

    /// The whole entry in memory (small parts: relationships, the workbook).
    func contents(_ entry: Entry, limit: Int) throws(InputError) -> [UInt8] {
        let reader = try open(entry, limit: limit)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: entry.size + 1, alignment: 1)
        defer { buffer.deallocate() }
        var count = 0
        while true {
            let got = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
            if got == 0 { break }
            count += got
        }
        return Array(buffer[..<count])
    }

    /// Reads exactly `count` bytes at `offset` of `fd`.
    private static func read(_ fd: Int32, _ name: String, at offset: Int, count: Int) throws(InputError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress.unsafelyUnwrapped + done, count - done, off_t(offset + done))
            }
            if got < 0 && errno == EINTR { continue }
            if got < 0 { throw .io(IOError("read", path: name, code: errno)) }
            guard got > 0 else { throw damaged("it ends early: the file is truncated") }
            done += got
        }
        return bytes
    }

    /// The ZIP64 end record's entry count, directory size and offset, through the locator at `position`.
    private static func zip64Directory(_ fd: Int32, _ name: String, locatorAt position: Int) throws(InputError)
        -> (Int, Int, Int)
    {
        guard position >= 0 else { throw damaged("its ZIP64 end record is missing") }
        let locator = LittleEndian(try read(fd, name, at: position, count: 20)[...])
        guard locator.u32(0) == 0x0706_4B50 else { throw damaged("its ZIP64 end record is missing") }
        let recordOffset = locator.u64(8)
        guard recordOffset < UInt64(position) else { throw damaged("its ZIP64 end record lies outside the file") }
        let record = LittleEndian(try read(fd, name, at: Int(recordOffset), count: 56)[...])
        guard record.u32(0) == 0x0606_4B50, record.u32(16) == 0, record.u32(20) == 0 else {
            throw damaged("its ZIP64 end record is damaged")
        }
        let limit = UInt64(Int32.max)
        guard record.u64(32) < limit, record.u64(40) < limit, record.u64(48) < limit else {
            throw damaged("its ZIP64 central directory is implausibly large")
        }
        return (Int(record.u64(32)), Int(record.u64(40)), Int(record.u64(48)))
    }

    /// Parses the central directory entry at `position`, moving past it.
    private static func entry(in directory: [UInt8], at position: inout Int) throws(InputError) -> Entry {
        guard position + 46 <= directory.count else { throw damaged("its central directory is cut short") }
        let fields = LittleEndian(directory[position...])
        guard fields.u32(0) == 0x0201_4B50 else { throw damaged("its central directory is damaged") }
        let nameLength = Int(fields.u16(28))
        let extraLength = Int(fields.u16(30))
        let next = position + 46 + nameLength + extraLength + Int(fields.u16(32))
        guard next <= directory.count else { throw damaged("its central directory is cut short") }
        let nameBytes = directory[(position + 46)..<(position + 46 + nameLength)]
        var entry = Entry(
            name: String(decoding: nameBytes, as: UTF8.self), method: fields.u16(10), flags: fields.u16(8),
            crc: fields.u32(16), compressedSize: Int(fields.u32(20)), size: Int(fields.u32(24)),
            headerOffset: Int(fields.u32(42)))
        if entry.size == 0xFFFF_FFFF || entry.compressedSize == 0xFFFF_FFFF || entry.headerOffset == 0xFFFF_FFFF {
            try zip64Sizes(
                &entry, extra: directory[(position + 46 + nameLength)..<(position + 46 + nameLength + extraLength)])
        }
        position = next
        return entry
    }

    /// Replaces the sizes and offset marked 0xFFFFFFFF with the ZIP64 extra field's (in its fixed order).
    private static func zip64Sizes(_ entry: inout Entry, extra: ArraySlice<UInt8>) throws(InputError) {
        var position = extra.startIndex
        while position + 4 <= extra.endIndex {
            let header = LittleEndian(extra[position...])
            let length = Int(header.u16(2))
            guard header.u16(0) == 1 else {
                position += 4 + length
                continue
            }
            var field = LittleEndian(extra[(position + 4)..<min(extra.endIndex, position + 4 + length)])
            func next() throws(InputError) -> Int {
                guard field.bytes.count >= 8, field.u64(0) < UInt64(Int32.max) else {
                    throw damaged("the ZIP64 sizes of \(entry.name) are damaged or implausibly large")
                }
                defer { field = LittleEndian(field.bytes.dropFirst(8)) }
                return Int(field.u64(0))
            }
            if entry.size == 0xFFFF_FFFF { entry.size = try next() }
            if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next() }
            if entry.headerOffset == 0xFFFF_FFFF { entry.headerOffset = try next() }
            return
        }
        throw damaged("\(entry.name) has no ZIP64 sizes")
    }

    private static func lastIndex(of signature: UInt32, in bytes: [UInt8], before end: Int) -> Int? {
        var index = end - 1
        while index >= 0 {
            if bytes[index] == 0x50 && LittleEndian(bytes[index...]).u32(0) == signature { return index }
            index -= 1
        }
        return nil
    }

    static func damaged(_ detail: String) -> InputError {
        .malformed(file: "", detail: "the XLSX (ZIP) container is unusable: \(detail)")
    }
}

/// Little-endian integers at offsets from the start of a byte slice (callers check the length first).
struct LittleEndian {
    let bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    func u16(_ offset: Int) -> UInt16 {
        let at = bytes.startIndex + offset
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    func u32(_ offset: Int) -> UInt32 {
        UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16
    }

    func u64(_ offset: Int) -> UInt64 {
        UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32
    }
}

/// Sizes for messages: "12.3 MB", "800 KB".
func megabytes(_ bytes: Int) -> String {
    if bytes < 1_000_000 { return "\(max(1, (bytes + 999) / 1000)) KB" }
    let tenths = (bytes + 50_000) / 100_000
    return "\(tenths / 10).\(tenths % 10) MB"
}

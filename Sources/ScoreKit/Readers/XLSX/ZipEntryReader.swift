#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One ZIP entry's bytes, inflated as they are read, with the size and CRC-32 checked: output past the declared
/// size stops at once, and a short or damaged entry is an error at its end, not a silently shorter part.
final class ZipEntryReader: XMLSource {
    let part: String
    private let fd: Int32
    private let entry: ZipArchive.Entry
    private let dataOffset: Int
    private let inflater: Inflater?
    private let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    private var inputStart = 0
    private var inputEnd = 0
    /// Compressed bytes read from the file so far, and bytes handed out.
    private var taken = 0
    private var produced = 0
    private var crc = CRC32()
    private var checked = false

    init(fd: Int32, entry: ZipArchive.Entry, dataOffset: Int) throws(InputError) {
        part = entry.name
        self.fd = fd
        self.entry = entry
        self.dataOffset = dataOffset
        if entry.method == 8 {
            do {
                inflater = try Inflater()
            } catch {
                throw .io(IOError("inflate", path: entry.name, code: ENOMEM))
            }
        } else {
            inflater = nil
        }
    }

    deinit { input.deallocate() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard !checked, buffer.count > 0 else { return 0 }
        guard let inflater else { return try readStored(into: buffer) }
        // One byte more than the declared size may come out: that byte proves the entry lies about its size.
        let room = UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(min(buffer.count, entry.size - produced + 1)))
        while true {
            if inputStart == inputEnd && taken < entry.compressedSize { try refill() }
            let step: (consumed: Int, produced: Int)
            do {
                step = try inflater.inflate(
                    UnsafeRawBufferPointer(rebasing: input[inputStart..<inputEnd]), into: room)
            } catch .corrupt(let reason) {
                throw ZipArchive.damaged("\(part) does not inflate (\(reason)): the file is damaged")
            } catch {
                throw .io(IOError("inflate", path: part, code: ENOMEM))
            }
            inputStart += step.consumed
            produced += step.produced
            guard produced <= entry.size else {
                throw ZipArchive.damaged("\(part) inflates past its declared size: the archive is damaged or hostile")
            }
            if step.produced > 0 {
                crc.update(UnsafeRawBufferPointer(rebasing: room[..<step.produced]))
                return step.produced
            }
            if inflater.finished {
                try check()
                return 0
            }
            if step.consumed == 0 && inputStart == inputEnd && taken == entry.compressedSize {
                throw ZipArchive.damaged("\(part) is cut short: the file is truncated or damaged")
            }
        }
    }

    private func readStored(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let want = min(buffer.count, entry.size - produced)
        guard want > 0 else {
            try check()
            return 0
        }
        let got = try pread(into: buffer.baseAddress, count: want, at: dataOffset + produced)
        crc.update(UnsafeRawBufferPointer(rebasing: buffer[..<got]))
        produced += got
        return got
    }

    private func refill() throws(InputError) {
        let want = min(input.count, entry.compressedSize - taken)
        inputEnd = try pread(into: input.baseAddress, count: want, at: dataOffset + taken)
        inputStart = 0
        taken += inputEnd
    }

    private func pread(into base: UnsafeMutableRawPointer?, count: Int, at offset: Int) throws(InputError) -> Int {
        while true {
            #if canImport(Glibc) || canImport(Musl)
                let got = Glibc.pread(fd, base, count, off_t(offset))
            #else
                let got = Darwin.pread(fd, base, count, off_t(offset))
            #endif
            if got < 0 && errno == EINTR { continue }
            if got < 0 { throw .io(IOError("read", path: part, code: errno)) }
            guard got > 0 else { throw ZipArchive.damaged("\(part) is cut short: the file is truncated") }
            return got
        }
    }

    private func check() throws(InputError) {
        checked = true
        guard produced == entry.size else {
            throw ZipArchive.damaged("\(part) inflates to \(produced) bytes, not the \(entry.size) declared")
        }
        guard crc.value == entry.crc else {
            throw ZipArchive.damaged("\(part) fails its CRC-32 check: the file is damaged")
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The encoding of a text file that is not UTF-8 and has no byte order mark: what Excel wrote it in, told by its
/// line ends. Mac Excel's "CSV (Macintosh)" writes Mac Roman with lines ending in CR alone, as classic Mac OS did;
/// Windows Excel writes Windows-1252 with CRLF. So a file whose lines all end in CR is read as Mac Roman, any other
/// as Windows-1252.
///
/// The bytes are not voted on: Windows-1252's curly quotes and dashes (0x91-0x97, which Excel's AutoCorrect puts in
/// names such as O’Brien) are Mac Roman's í ì î ï ñ ó ò, so one apostrophe would swing a count, and the bytes
/// Windows-1252 leaves undefined are letters in DOS code pages too. The note says what was chosen and why, and
/// `--input-encoding` chooses another.
struct LegacyEncoding {
    let encoding: TextEncoding
    /// The line of the first byte that is not UTF-8.
    let line: Int

    /// Chooses for `file`, whose first byte that is not UTF-8 is at `firstInvalid`, from the line ends seen from
    /// there on (``UTF8CheckingSource/lineEndsFromInvalid``): the bytes before it are read again here, for its line.
    init(_ file: InputFile, firstInvalid: Int, lineEndsFromInvalid: LineEnds) throws(InputError) {
        var ends = lineEndsFromInvalid
        var source = try file.source()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        var line = 1
        var seen = 0
        var previous: UInt8 = 0
        while seen < firstInvalid {
            let n: Int
            do {
                n = try source.read(into: chunk)
            } catch {
                throw .io(error)
            }
            if n == 0 { break }
            for byte in chunk[..<min(n, firstInvalid - seen)] {
                if byte == 0x0A {
                    ends.lineFeed = true
                    if previous != 0x0D { line += 1 }
                } else if byte == 0x0D {
                    ends.carriageReturn = true
                    line += 1
                }
                previous = byte
            }
            seen += n
        }
        self.line = line
        encoding = ends.carriageReturnOnly ? .macRoman : .windows1252
    }

    /// The note: the encoding chosen, why, and how to choose another.
    var note: String {
        let why =
            encoding == .macRoman
            ? "since its lines end in CR alone, as Mac Excel writes them"
            : "Windows Excel's encoding, since its lines do not end in CR alone as Mac Excel's do"
        return "not UTF-8 (line \(line) is the first line that is not): read as \(encoding.name), \(why); "
            + "--input-encoding chooses another encoding"
    }
}

/// Which line ends a stretch of bytes holds.
struct LineEnds: Sendable, Hashable {
    var carriageReturn = false
    var lineFeed = false

    /// CR without LF anywhere: the classic Mac OS line end.
    var carriageReturnOnly: Bool { carriageReturn && !lineFeed }

    /// Looks for the kinds not seen yet in `bytes`; once a line feed is seen, the answer is settled.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) {
        guard !lineFeed, let base = bytes.baseAddress else { return }
        lineFeed = memchr(base, 0x0A, bytes.count) != nil
        if !carriageReturn { carriageReturn = memchr(base, 0x0D, bytes.count) != nil }
    }
}

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
        // The bytes before the first invalid one are scanned here; those from its chunk on were scanned as read.
        var before = LineEnds()
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
            let stretch = UnsafeRawBufferPointer(rebasing: chunk[..<min(n, firstInvalid - seen)])
            before.scan(stretch)
            for byte in stretch {
                if byte == 0x0A {
                    if previous != 0x0D { line += 1 }
                } else if byte == 0x0D {
                    line += 1
                }
                previous = byte
            }
            seen += n
        }
        self.line = line
        // A CR that ends the stretch before is followed by a byte the scan from the invalid chunk on has seen with
        // it, unless that chunk starts at the invalid byte: then it decides nothing.
        let crlf = before.crlf || lineEndsFromInvalid.crlf
        let bareCR = before.bareCR || lineEndsFromInvalid.carriageReturnOnly
        encoding = bareCR && !crlf ? .macRoman : .windows1252
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

/// Which line ends a stretch of bytes holds: a CR followed by LF (Windows rows), and a CR followed by anything else
/// (classic Mac OS rows). A line feed alone says nothing: Mac Excel ends the lines inside a cell with one.
struct LineEnds: Sendable, Hashable {
    var crlf = false
    var bareCR = false
    /// The last byte scanned was a CR, so the next stretch's first byte decides which it was.
    var pendingCR = false

    /// Rows that end in CR alone: the classic Mac OS line end (a CR as the very last byte counts).
    var carriageReturnOnly: Bool { (bareCR || pendingCR) && !crlf }

    /// Looks at the CRs of `bytes`, which follow the bytes scanned before; once a CRLF is seen, the answer is
    /// settled.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) {
        guard !crlf, let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let p = base.assumingMemoryBound(to: UInt8.self)
        if pendingCR {
            pendingCR = false
            if p[0] == 0x0A {
                crlf = true
                return
            }
            bareCR = true
        }
        var at = 0
        while at < bytes.count, let found = memchr(p + at, 0x0D, bytes.count - at) {
            let index = UnsafeRawPointer(found) - base
            if index + 1 == bytes.count {
                pendingCR = true
                return
            }
            if p[index + 1] == 0x0A {
                crlf = true
                return
            }
            bareCR = true
            at = index + 1
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The scanner's buffer: refills, searches, and the locations of errors.
extension XMLScanner {
    /// A range of the buffer as typed bytes (contiguous, so appending them is one copy).
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(
            start: (buffer.baseAddress.unsafelyUnwrapped + range.lowerBound).assumingMemoryBound(to: UInt8.self),
            count: range.count)
    }

    /// The first index of `byte` in `from..<to` (to the buffer's end by default).
    func position(of byte: UInt8, from: Int, to: Int? = nil) -> Int? {
        let upper = to ?? end
        guard from < upper else { return nil }
        let base = buffer.baseAddress.unsafelyUnwrapped
        guard let found = memchr(base + from, Int32(byte), upper - from) else { return nil }
        return base.distance(to: found)
    }

    /// The index where `terminator` starts, at or after `from`, with it in the buffer; `unclosed` is the error at
    /// the current token when the document ends first.
    func find(_ terminator: StaticString, from: Int, _ unclosed: String) throws(InputError) -> Int {
        let length = terminator.utf8CodeUnitCount
        var index = from
        while true {
            while let found = position(of: terminator.utf8Start.pointee, from: index), found + length <= end {
                if memcmp(buffer.baseAddress.unsafelyUnwrapped + found, terminator.utf8Start, length) == 0 {
                    return found
                }
                index = found + 1
            }
            if atEnd { throw error(unclosed) }
            // The bytes move by the shift; `start` moves with them, so it is read after the refill.
            let shift = try refill()
            index = max(start, index - shift)
        }
    }

    /// Whether the unread bytes start with `prefix`, reading more as needed.
    func lookingAt(_ prefix: StaticString) throws(InputError) -> Bool {
        let length = prefix.utf8CodeUnitCount
        while end - start < length && !atEnd { try refill() }
        guard end - start >= length else { return false }
        return memcmp(buffer.baseAddress.unsafelyUnwrapped + start, prefix.utf8Start, length) == 0
    }

    /// The byte `offset` past `start`, reading more as needed; nil past the document's end.
    func peek(_ offset: Int) throws(InputError) -> UInt8? {
        while end - start <= offset && !atEnd { try refill() }
        return end - start > offset ? buffer[start + offset] : nil
    }

    /// Skips a UTF-8 byte order mark; refuses UTF-16.
    func begin() throws(InputError) {
        begun = true
        while end < 3 && !atEnd { try refill() }
        if end >= 2 && (buffer[0] == 0xFF && buffer[1] == 0xFE || buffer[0] == 0xFE && buffer[1] == 0xFF) {
            throw error("a UTF-16 document, which is not read here (only UTF-8)")
        }
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            start = 3
            // Columns count from after the mark, as an editor shows them.
            discardedLineStart = 3
            documentStart = 3
        }
    }

    /// Moves unread bytes (from the current token on) to the front and reads more, growing the buffer when a token
    /// fills it. A zero byte always follows `end`, so a scan that stops at no zero stops there. Returns how far the
    /// bytes moved.
    @discardableResult
    func refill() throws(InputError) -> Int {
        guard !atEnd else { return 0 }
        let shift = tokenStart
        if shift > 0 {
            (discardedLines, discardedLineStart, discardedCR) = lines(before: shift)
            discarded += shift
            let base = buffer.baseAddress.unsafelyUnwrapped
            base.copyMemory(from: base + shift, byteCount: end - shift)
            end -= shift
            start -= shift
            tokenStart = 0
        }
        if buffer.count - end < 4097 {
            guard buffer.count < Self.maxToken else { throw error("a tag or text longer than 16 MB") }
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            grown.baseAddress?.copyMemory(from: buffer.baseAddress.unsafelyUnwrapped, byteCount: end)
            buffer.deallocate()
            buffer = grown
        }
        let got = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<(buffer.count - 1)]))
        if got == 0 { atEnd = true }
        end += got
        buffer[end] = 0
        return shift
    }

    // MARK: Locations

    /// Where the byte at buffer index `index` is.
    func location(at index: Int) -> XMLLocation {
        let position = max(0, min(index, end))
        let (lines, lineStart, _) = lines(before: position)
        let byte = discarded + position
        return XMLLocation(part: part, line: lines + 1, column: byte - lineStart + 1, byte: byte)
    }

    /// An error at the current token: "xl/worksheets/sheet1.xml, line 2, column 17 (byte 140): problem".
    func error(_ problem: String) -> InputError {
        error(problem, at: tokenStart)
    }

    /// An error at the byte at buffer index `index`.
    func error(_ problem: String, at index: Int) -> InputError {
        .malformed(file: file, detail: "\(location(at: index)): \(problem)")
    }

    /// The lines ended before buffer index `limit`, where the last of them starts (an offset in the document), and
    /// whether the byte before `limit` is a CR. A line ends at LF, CR LF or CR.
    private func lines(before limit: Int) -> (Int, Int, Bool) {
        var lines = discardedLines
        var lineStart = discardedLineStart
        var afterCR = discardedCR
        guard limit > 0 else { return (lines, lineStart, afterCR) }
        if position(of: 0x0D, from: 0, to: limit) == nil {
            // No CR (the usual case): count LFs a search at a time.
            var index = 0
            while let lf = position(of: 0x0A, from: index, to: limit) {
                if !(lf == 0 && afterCR) { lines += 1 }
                lineStart = discarded + lf + 1
                index = lf + 1
            }
            return (lines, lineStart, false)
        }
        for index in 0..<limit {
            let byte = buffer[index]
            if byte == 0x0A || byte == 0x0D {
                if !(byte == 0x0A && afterCR) { lines += 1 }
                lineStart = discarded + index + 1
            }
            afterCR = byte == 0x0D
        }
        return (lines, lineStart, afterCR)
    }
}

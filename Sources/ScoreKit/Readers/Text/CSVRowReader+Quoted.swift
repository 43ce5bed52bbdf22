extension CSVRowReader {
    /// Parses a field that starts with a quote, or with spaces or `=` (which may come before a quote); returns
    /// where it ends (at its delimiter or line end), or nil when more input is needed.
    func specialField(at start: Int) throws(InputError) -> Int? {
        let b = buffer
        var p = start
        var flags = Self.work
        // Spaces before a quoted field, and Excel's ="...".
        var s = p
        while s < end && isSpace(b[s]) { s += 1 }
        if s + 1 >= end && !atEOF { return nil }
        if s < end && b[s] == UInt8(ascii: "=") && s + 1 < end && b[s + 1] == UInt8(ascii: "\"") {
            flags |= Self.excel
            p = s + 1
        } else if s < end && b[s] == UInt8(ascii: "\"") {
            p = s
        }
        guard p < end && b[p] == UInt8(ascii: "\"") else {
            // An unquoted field after all (leading spaces, or = without a quote).
            let delimiters = UInt64(delimiter) &* 0x0101_0101_0101_0101
            let stop = unquotedEnd(p, delimiters)
            if stop >= end && !atEOF { return nil }
            spans[fieldCount] = Span(start: p, end: stop, flags: Self.work)
            fieldCount += 1
            return stop
        }
        flags |= Self.quoted
        let contentStart = p + 1
        var q = contentStart
        var lineBreaks = 0
        while true {
            q = quotedStop(q)
            if q + 1 >= end && !atEOF { return nil }
            if q >= end {
                throw .malformed(
                    file: name, detail: "line \(nextLine): a quoted field is not closed before the end of the file")
            }
            if b[q] == UInt8(ascii: "\"") {
                if b[q + 1] == UInt8(ascii: "\"") && q + 1 < end {
                    flags |= Self.escaped
                    q += 2
                    continue
                }
                break
            }
            // A line break inside the quotes: CRLF counts once.
            if b[q] == 0x0A || b[q + 1] != 0x0A || q + 1 == end { lineBreaks += 1 }
            q += 1
        }
        let stop = q
        p = q + 1
        while p < end && isSpace(b[p]) { p += 1 }
        if p == end && !atEOF { return nil }
        if p < end && b[p] != delimiter && b[p] != 0x0A && b[p] != 0x0D {
            // A quoted file read with the wrong --delimiter stops here, at another delimiter: say so.
            let other = b[p]
            let hint =
                delimiterGiven && (CSVDialect.candidates + [UInt8(ascii: "|")]).contains(other)
                ? ": a \(CSVDialect.optionName(other)) follows it, and --delimiter \(CSVDialect.optionName(delimiter)) "
                    + "was given: drop --delimiter or pass --delimiter \(CSVDialect.optionName(other))" : ""
            throw .malformed(
                file: name,
                detail: "line \(nextLine + breaks + lineBreaks), field \(fieldCount + 1): text after the closing quote "
                    + "of a field\(hint)")
        }
        breaks += lineBreaks
        if flags & Self.escaped != 0 { escapedRow = true }
        spans[fieldCount] = Span(start: contentStart, end: stop, flags: flags)
        fieldCount += 1
        return p
    }

    /// The first quote, CR or LF at or after `from`.
    @inline(__always)
    func quotedStop(_ from: Int) -> Int {
        var i = from
        while true {
            let word = UnsafeRawPointer(buffer + i).loadUnaligned(as: UInt64.self)
            let found = Self.has(word ^ Self.quotes) | Self.has(word ^ Self.lineFeeds) | Self.has(word ^ Self.returns)
            if found != 0 { return i + found.trailingZeroBitCount >> 3 }
            i += 8
        }
    }

    /// Turns each doubled quote of the current row's quoted fields into one, in place.
    func unescape() {
        for index in 0..<fieldCount where spans[index].flags & Self.escaped != 0 {
            var read = spans[index].start
            var write = read
            let stop = spans[index].end
            while read < stop {
                let byte = buffer[read]
                buffer[write] = byte
                write += 1
                read += byte == UInt8(ascii: "\"") ? 2 : 1
            }
            spans[index].end = write
            spans[index].flags &= ~Self.escaped
        }
    }
}

extension CSVRowReader {
    /// Reads the next row for the first pass, which wants a few columns' values and whether the row holds anything:
    /// fields of the columns in `wanted` (bit i for column i, below 64) get spans, the others are only counted. A row
    /// with a field that starts with a quote, a space, `=`, `'` or a control character is parsed in full instead
    /// (``nextRow()``), so ``cell(_:)`` reads the same values either way.
    ///
    /// Returns nil at the end of the input, else whether the row holds a value (false for a blank line or a row of
    /// delimiters).
    func skimRow(_ wanted: UInt64) throws(InputError) -> Bool? {
        if !started {
            // The first read (of a reader that starts mid-file): the full path fills the buffer.
            guard try nextRow() else { return nil }
            for index in 0..<fieldCount where !cell(index).isEmpty { return true }
            return false
        }
        while true {
            switch skim(wanted) {
            case .row(let next, let filled):
                rowStart = next
                return filled
            case .needMore:
                try fill()
            case .end:
                return nil
            case .full:
                guard try nextRow() else { return nil }
                for index in 0..<fieldCount where !cell(index).isEmpty { return true }
                return false
            }
        }
    }

    private enum Skim {
        case row(next: Int, filled: Bool)
        case needMore
        case end
        case full
    }

    /// The row at `rowStart`, eight bytes at a time: per word, exact masks of the delimiters, the bytes below 0x0E
    /// (line ends), the quotes and (until one is found) the bytes with content; the fields are counted bit by bit,
    /// and only the wanted ones are kept.
    private func skim(_ wanted: UInt64) -> Skim {
        let b = buffer
        let end = self.end
        let atEOF = self.atEOF
        var word = rowStart
        if word == end { return atEOF ? .end : .needMore }
        let delimiters = UInt64(delimiter) &* 0x0101_0101_0101_0101
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let high: UInt64 = 0x8080_8080_8080_8080
        /// The high bit of each byte of `x` that is zero.
        @inline(__always) func zeros(_ x: UInt64) -> UInt64 { ~(((x & low) &+ low) | x) & high }
        var count = 0
        var fieldStart = word
        var filled = false
        var remaining = wanted
        /// Keeps the span of field `count` (ending at `stop`) if it is wanted; false if it needs the full parse.
        @inline(__always) func keep(_ stop: Int) -> Bool {
            guard count < 64, remaining & (1 &<< UInt64(count)) != 0 else { return true }
            remaining &= ~(1 &<< UInt64(count))
            spans[count] = Span(start: fieldStart, end: stop, flags: 0)
            // Excel's ="..." and the formula guard's ' are unwrapped by the full parse.
            return stop == fieldStart || (b[fieldStart] != UInt8(ascii: "=") && b[fieldStart] != UInt8(ascii: "'"))
        }
        while true {
            let x = UnsafeRawPointer(b + word).loadUnaligned(as: UInt64.self)
            let isDelimiter = zeros(x ^ delimiters)
            // Bytes below 0x0E: line ends (and controls, which need the full parse), the delimiter aside (a tab).
            let isLow = ~(((x & low) &+ 0x7272_7272_7272_7272) | x) & high & ~isDelimiter
            let below = isLow == 0 ? ~0 : (isLow & (0 &- isLow)) &- 1
            if zeros(x ^ 0x2222_2222_2222_2222) & below != 0 { return .full }
            // Any byte before the line end but a space, the delimiter or a line end is content, as the full parse
            // keeps it: a control character from 0x0E up (a row of one such byte is a row, not a blank one) too.
            if !filled && ~(isDelimiter | isLow | zeros(x ^ 0x2020_2020_2020_2020)) & high & below != 0 {
                filled = true
            }
            var delimiterBits = isDelimiter & below
            while delimiterBits != 0 {
                let stop = word + delimiterBits.trailingZeroBitCount >> 3
                delimiterBits &= delimiterBits &- 1
                if remaining != 0 { guard keep(stop) else { return .full } }
                count += 1
                fieldStart = stop + 1
            }
            if isLow != 0 {
                let lineEnd = word + isLow.trailingZeroBitCount >> 3
                if lineEnd == end && !atEOF { return .needMore }
                if lineEnd < end && b[lineEnd] != 0x0A && b[lineEnd] != 0x0D { return .full }
                guard keep(lineEnd) else { return .full }
                count += 1
                guard let p = Self.pastLineEnd(b, lineEnd, end, atEOF: atEOF) else { return .needMore }
                fieldCount = count
                setLine()
                return .row(next: p, filled: filled)
            }
            word += 8
        }
    }
}

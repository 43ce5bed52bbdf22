extension CSVRowReader {
    /// Reads the next row for the first pass, which wants a few columns' values and whether the row holds anything:
    /// fields of the columns in `wanted` (bit i for column i, below 64) get spans, the others are only counted. A row
    /// with a field that starts with a quote, a space, `=`, `'` or a control character is parsed in full instead
    /// (``nextRow()``), so ``cell(_:)`` reads the same values either way.
    ///
    /// Returns nil at the end of the input, else whether the row holds a value (false for a blank line or a row of
    /// delimiters).
    func skimRow(_ wanted: UInt64) throws(InputError) -> Bool? {
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

    private func skim(_ wanted: UInt64) -> Skim {
        let b = buffer
        let end = self.end
        let atEOF = self.atEOF
        var p = rowStart
        if p == end { return atEOF ? .end : .needMore }
        let delimiter = self.delimiter
        let delimiters = UInt64(delimiter) &* 0x0101_0101_0101_0101
        var count = 0
        var filled = false
        var word = p
        var mask = stops(word, delimiters)
        while true {
            let first = b[p]
            // Quotes, spaces, controls, ' and = need the full parse; empty fields and line ends do not.
            if (first < 0x28 || first == UInt8(ascii: "=")) && first != delimiter && first != 0x0A && first != 0x0D {
                return .full
            }
            var stop: Int
            while true {
                while mask == 0 {
                    word += 8
                    mask = stops(word, delimiters)
                }
                stop = word + mask.trailingZeroBitCount >> 3
                mask &= mask &- 1
                let byte = b[stop]
                if byte == delimiter || byte == 0x0A || byte == 0x0D { break }
            }
            if stop == end && !atEOF { return .needMore }
            if stop > p { filled = true }
            if count < 64 && wanted >> UInt64(count) & 1 != 0 { spans[count] = Span(start: p, end: stop, flags: 0) }
            count += 1
            p = stop
            if b[p] == delimiter {
                p += 1
                continue
            }
            break
        }
        if p < end {
            if b[p] == 0x0D {
                if p + 1 == end && !atEOF { return .needMore }
                p += p + 1 < end && b[p + 1] == 0x0A ? 2 : 1
            } else {
                p += 1
            }
        }
        fieldCount = count
        setLine()
        return .row(next: p, filled: filled)
    }
}

/// Which cells a spreadsheet could run as a formula (OWASP "CSV injection"), so that the CSV writer puts a `'`
/// before them and the CSV reader takes exactly that `'` away again.
///
/// A cell is guarded when, after any leading spaces, no-break spaces and `'`, it starts with `=`, `+`, `-`, `@`, a
/// control character (NUL, TAB, CR, LF, ...) or a full-width `＝ ＋ － ＠`: spreadsheets skip the spaces, and some
/// fold the full-width forms to ASCII. Counting the `'` makes the guard reversible: `'=x` is written `''=x`, so a
/// reader that drops one `'` before a guarded rest gets back exactly what was written.
enum FormulaGuard {
    /// Whether `bytes` (UTF-8) need the guard.
    @inline(__always)
    static func needsGuard(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        // Most cells start with a letter or digit: a bit test or two comparisons decide.
        if first < 0x40 {
            if (Self.asciiStarts >> UInt64(first)) & 1 == 0 { return false }
        } else if first != 0x40 && first != 0x7F && first != 0xC2 && first != 0xEF {
            return false
        }
        return startsFormula(bytes)
    }

    /// Bytes below 0x40 that may begin a guarded cell: controls, space, `'`, `+`, `-`, `=`.
    private static let asciiStarts: UInt64 = 0x1_FFFF_FFFF | 1 << 0x27 | 1 << 0x2B | 1 << 0x2D | 1 << 0x3D

    private static func startsFormula(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case 0x20, UInt8(ascii: "'"):
                i += 1
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0xA0:
                i += 2
            case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0..<0x20, 0x7F:
                return true
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBC:
                // U+FF1D ＝, U+FF0B ＋, U+FF0D －, U+FF20 ＠.
                let third = bytes[i + 2]
                return third == 0x9D || third == 0x8B || third == 0x8D || third == 0xA0
            default:
                return false
            }
        }
        return false
    }

    /// The cell without the writer's guard: one leading `'` goes when the rest needs the guard.
    @inline(__always)
    static func unguarded(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard bytes.count > 1, bytes[0] == UInt8(ascii: "'") else { return bytes }
        let rest = UnsafeBufferPointer(rebasing: bytes[1...])
        return startsFormula(rest) ? rest : bytes
    }
}

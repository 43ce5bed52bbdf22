/// A non-negative decimal held exactly in hundredths: scores never pass through `Double`.
public struct ExactDecimal: Sendable, Hashable, Comparable {
    /// The value times 100.
    public var hundredths: Int64

    public init(hundredths: Int64) {
        self.hundredths = hundredths
    }

    /// Parses "6", "6.5", "6.50", "095" or " 7.0 ". More than two decimals are allowed only as trailing zeros.
    public init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ Self.parse($0) }) else { return nil }
        hundredths = value
    }

    /// Parses UTF-8 text as ``init(_:)`` does.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        guard let value = Self.parse(bytes) else { return nil }
        hundredths = value
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var digits = 0
        var seenPoint = false
        for byte in bytes[start..<end] {
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                let digit = Int64(byte - UInt8(ascii: "0"))
                if seenPoint {
                    if fractionDigits < 2 {
                        fraction = fraction * 10 + digit
                    } else if digit != 0 {
                        return nil
                    }
                    fractionDigits += 1
                } else {
                    guard whole < 1_000_000_000 else { return nil }
                    whole = whole * 10 + digit
                    digits += 1
                }
            } else {
                return nil
            }
        }
        guard digits > 0, !seenPoint || fractionDigits > 0 else { return nil }
        if fractionDigits == 1 { fraction *= 10 }
        return whole * 100 + fraction
    }

    /// The value with exactly `decimals` places, unless more are needed to be exact ("6.25" stays "6.25").
    public func formatted(decimals: Int) -> String {
        var storage: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &storage) { raw in
            let start = digits(decimals: decimals, into: raw)
            return String(decoding: raw[start...], as: UTF8.self)
        }
    }

    /// Appends the same text as `formatted(decimals:)` without making a String (writers call this per score).
    public func write(decimals: Int, to out: inout OutputBuffer) {
        // Most scores have whole tenths and at most three whole digits ("7.0", "6.5", "98"): written in place, as
        // `digits` would write them.
        if hundredths >= 0 && hundredths < 100_000 && hundredths % 10 == 0 && decimals <= 1 {
            let tenths = Int(hundredths / 10)
            let whole = tenths / 10
            let tenth = tenths - whole * 10
            let p = out.tail(reserving: 8)
            var n: Int
            if whole >= 100 {
                p[0] = UInt8(truncatingIfNeeded: 48 + whole / 100)
                p[1] = UInt8(truncatingIfNeeded: 48 + whole / 10 % 10)
                p[2] = UInt8(truncatingIfNeeded: 48 + whole % 10)
                n = 3
            } else if whole >= 10 {
                p[0] = UInt8(truncatingIfNeeded: 48 + whole / 10)
                p[1] = UInt8(truncatingIfNeeded: 48 + whole % 10)
                n = 2
            } else {
                p[0] = UInt8(truncatingIfNeeded: 48 + whole)
                n = 1
            }
            if decimals == 1 || tenth != 0 {
                p[n] = UInt8(ascii: ".")
                p[n + 1] = UInt8(truncatingIfNeeded: 48 + tenth)
                n += 2
            }
            out.commit(n)
            return
        }
        var storage: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &storage) { raw in
            let start = digits(decimals: decimals, into: raw)
            let base = raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
            out.append(UnsafeBufferPointer(start: base + start, count: raw.count - start))
        }
    }

    /// Writes the text right-aligned into `raw`; returns where it starts.
    private func digits(decimals: Int, into raw: UnsafeMutableRawBufferPointer) -> Int {
        let fraction = Int(hundredths % 100)
        let places = fraction == 0 ? decimals : (fraction % 10 == 0 ? max(decimals, 1) : 2)
        var index = raw.count
        var whole = hundredths / 100
        var tail = places == 2 ? fraction : fraction / 10
        for _ in 0..<places {
            index -= 1
            raw[index] = UInt8(48 + tail % 10)
            tail /= 10
        }
        if places > 0 {
            index -= 1
            raw[index] = UInt8(ascii: ".")
        }
        repeat {
            index -= 1
            raw[index] = UInt8(48 + whole % 10)
            whole /= 10
        } while whole > 0
        return index
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool { lhs.hundredths < rhs.hundredths }
}

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
        // Scores as feeds send them ("5.5", "25", "060", "7.0"): up to four digits and at most two places, read
        // without trimming; anything else takes the general path below.
        let count = bytes.count
        if count > 0 && count <= 7 {
            var whole: Int64 = 0
            var i = 0
            while i < count && i < 4, case let digit = bytes[i] &- 0x30, digit < 10 {
                whole = whole &* 10 &+ Int64(digit)
                i &+= 1
            }
            if i == count { return whole &* 100 }
            if i > 0 && bytes[i] == UInt8(ascii: ".") && count - i - 1 <= 2 && count - i - 1 >= 1 {
                let first = bytes[i &+ 1] &- 0x30
                let second = count - i - 1 == 2 ? bytes[i &+ 2] &- 0x30 : 0
                if first < 10 && second < 10 { return whole &* 100 &+ Int64(first) &* 10 &+ Int64(second) }
            }
        }
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
        withText(decimals: decimals) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the text of `formatted(decimals:)` as UTF-8 bytes, valid only inside it.
    func withText<Result>(decimals: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maximumLength(decimals: decimals)) { buffer in
            let base = buffer.baseAddress.unsafelyUnwrapped
            return body(UnsafeBufferPointer(start: base, count: text(decimals: decimals, into: base)))
        }
    }

    /// Appends the same text as `formatted(decimals:)` without making a String (writers call this per score).
    public func write(decimals: Int, to out: inout OutputBuffer) {
        out.append(upTo: Self.maximumLength(decimals: decimals)) { text(decimals: decimals, into: $0) }
    }

    /// The longest text with `decimals` places: 20 digits, a point and at least two places.
    private static func maximumLength(decimals: Int) -> Int { 23 + max(decimals, 0) }

    /// Writes the text at `out`; returns its length.
    @inline(__always)
    private func text(decimals: Int, into out: UnsafeMutablePointer<UInt8>) -> Int {
        // Non-negative (see the type), so unsigned: a division by a constant is a multiply and a shift.
        let value = UInt64(bitPattern: hundredths)
        let fraction = Int(value % 100)
        let places = fraction == 0 ? decimals : (fraction % 10 == 0 ? max(decimals, 1) : 2)
        var whole = value / 100
        var length = 1
        var power: UInt64 = 10
        while length < 20 && whole >= power {
            length &+= 1
            power &*= 10
        }
        var index = length
        while index >= 2 {
            index &-= 2
            DigitPairs.write(Int(whole % 100), to: out + index)
            whole /= 100
        }
        if index == 1 { out[0] = UInt8(truncatingIfNeeded: 48 &+ whole) }
        guard places > 0 else { return length }
        out[length] = UInt8(ascii: ".")
        switch places {
        case 1: out[length &+ 1] = UInt8(truncatingIfNeeded: 48 &+ fraction / 10)
        case 2: DigitPairs.write(fraction, to: out + (length &+ 1))
        default:
            // More places than there are: the two digits, then zeros.
            DigitPairs.write(fraction, to: out + (length &+ 1))
            (out + (length &+ 3)).update(repeating: UInt8(ascii: "0"), count: places &- 2)
        }
        return length &+ 1 &+ places
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool { lhs.hundredths < rhs.hundredths }
}

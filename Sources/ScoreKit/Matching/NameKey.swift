/// A name reduced to what matching compares: its tokens, normalized, and their concatenation.
///
/// Tokens are the parts of the name as written, cut at anything that is not a letter, a digit, a combining mark or
/// an apostrophe (spaces, hyphens, dots, commas ...): "Anna-Lena" has the tokens "anna" and "lena", "O'Brien" the
/// one token "obrien", "J.-P." the tokens "j" and "p". A token written as a single letter ("J", "J.", "Þ") is an
/// initial. The joined form is the tokens with nothing between them, so "Anna-Lena", "Anna Lena" and "Annalena"
/// share it.
public struct NameKey: Sendable, Hashable {
    /// The tokens separated by one space, each initial followed by "." (normalized tokens hold only letters and
    /// digits, so neither character is ambiguous): "j. robert".
    public let tokens: String
    /// The tokens with nothing between them: "jrobert". Empty for an empty name.
    public let joined: String

    init(tokens: String, joined: String) {
        self.tokens = tokens
        self.joined = joined
    }

    /// Whether two first names can be the same person's: equal (joined), or one the initials or a whole-token
    /// prefix of the other ("J" and "John", "J R" and "John Robert", "Maria" and "Maria José", "John R" and "John
    /// Robert"). "Maria Luisa" and "Maria José" are not: twins can have those names. Two empty names are
    /// compatible; an empty and a non-empty one are not.
    public func isCompatible(with other: NameKey) -> Bool {
        Self.compatible(tokens: tokens, joined: joined, other.tokens, other.joined)
    }

    static func compatible(tokens a: String, joined aJoined: String, _ b: String, _ bJoined: String) -> Bool {
        if aJoined == bJoined { return true }
        return compatible(encoded: a, b)
    }

    /// ``isCompatible(with:)`` on two encoded token strings, without making any: it runs for every applicant a
    /// hash look-up finds.
    static func compatible(encoded a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { left in b.withUTF8 { right in compatible(left, right) } }
    }

    /// Whether two encoded token strings have the same joined form.
    static func sameJoined(encoded a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { left in b.withUTF8 { right in sameJoined(left, right) } }
    }

    private static func compatible(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if sameJoined(a, b) { return true }
        if a.isEmpty || b.isEmpty { return false }
        return isPrefix(a, of: b) || isPrefix(b, of: a)
    }

    private static func sameJoined(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var j = 0
        while true {
            while i < a.count && (a[i] == 0x20 || a[i] == 0x2E) { i += 1 }
            while j < b.count && (b[j] == 0x20 || b[j] == 0x2E) { j += 1 }
            if i == a.count || j == b.count { return i == a.count && j == b.count }
            if a[i] != b[j] { return false }
            i += 1
            j += 1
        }
    }

    /// Each token of `short` equals the token of `long` at its place, or is an initial that starts it.
    private static func isPrefix(_ short: UnsafeBufferPointer<UInt8>, of long: UnsafeBufferPointer<UInt8>) -> Bool {
        var shortTokens = TokenCursor(bytes: short)
        var longTokens = TokenCursor(bytes: long)
        while let token = shortTokens.next() {
            guard let other = longTokens.next() else { return false }
            let fits =
                token.initial
                ? other.text.starts(with: token.text) : token.text.elementsEqual(other.text)
            if !fits { return false }
        }
        return true
    }

    /// The tokens of an encoded token string, in order.
    struct TokenCursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        mutating func next() -> (text: Slice<UnsafeBufferPointer<UInt8>>, initial: Bool)? {
            guard at < bytes.count else { return nil }
            var end = at
            while end < bytes.count && bytes[end] != 0x20 { end += 1 }
            let initial = end > at && bytes[end - 1] == 0x2E
            let text = bytes[at..<(initial ? end - 1 : end)]
            at = end + 1
            return (text, initial)
        }
    }

    /// The joined form of an encoded token string.
    static func joined(_ tokens: String) -> String {
        String(String.UnicodeScalarView(tokens.unicodeScalars.filter { $0 != " " && $0 != "." }))
    }
}

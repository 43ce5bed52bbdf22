import Foundation

/// Normalizes names for matching: Unicode compatibility decomposition (NFKD), diacritics removed, lower case,
/// the letters that do not decompose spelt out (ß ss, ø o, æ ae, œ oe, ł l, đ d, ð d, þ th, ı i), and everything
/// that is not a letter or a digit removed (spaces, hyphens, apostrophes including U+2019, dots, commas ...).
///
/// Diacritics are the combining marks that accent Latin, Greek and Cyrillic letters (and the optional vowel points
/// of Arabic and Hebrew): `García` is `Garcia`. The marks other scripts write their vowels with are letters of the
/// name and stay: Devanagari कमल (Kamal) is not कोमल (Komal), Thai สมศักดิ์ is not สมศกด.
///
/// ASCII is folded by table; every other scalar is decomposed once and remembered, since decomposing whole strings
/// through Foundation costs microseconds a name. Dropping the diacritics keeps per-scalar decomposition exact for
/// accented letters (NFKD reorders only combining marks). One normalizer serves one thread.
public final class NameNormalizer {
    /// What a scalar becomes: text to append to the current token, nothing, or the end of a token.
    enum Fold: Equatable {
        case text([UInt8])
        case drop
        case separator
    }

    private var folds: [UInt32: Fold] = [:]
    private var encoded: [UInt8] = []

    public init() {}

    /// The key of a name as written.
    public func key(_ name: String) -> NameKey {
        encode(name)
        let tokens = String(decoding: encoded, as: UTF8.self)
        return NameKey(tokens: tokens, joined: joined(ofEncoded: tokens))
    }

    /// The joined form alone (see ``NameKey/joined``): one String made, not two.
    public func joined(_ name: String) -> String {
        encode(name)
        encoded.removeAll { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ".") }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// The tokens alone (see ``NameKey/tokens``).
    public func tokens(_ name: String) -> String {
        encode(name)
        return String(decoding: encoded, as: UTF8.self)
    }

    private func joined(ofEncoded tokens: String) -> String {
        guard encoded.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ".") }) else { return tokens }
        encoded.removeAll { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ".") }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// A 32-bit hash of the joined form of the name in `bytes` (UTF-8), never 0; 0 for a name whose joined form is
    /// empty. No String is made: the duplicate index hashes two names of every record with it.
    func joinedHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        // The joined form is every folded letter and digit in order: the spaces and dots that `encode` puts between
        // tokens are what joining removes, and a fold holds letters and digits only. So the hash is taken as the
        // scalars are folded, with nothing appended anywhere.
        var hasher = FNV1a()
        var any = false
        var at = 0
        while at < bytes.count {
            let byte = bytes[at]
            if byte < 0x80 {
                at += 1
                let lower = byte | 0x20
                if lower &- UInt8(ascii: "a") < 26 {
                    hasher.combine(lower)
                    any = true
                } else if byte &- UInt8(ascii: "0") < 10 {
                    hasher.combine(byte)
                    any = true
                }
                continue
            }
            let (value, length) = Self.scalar(bytes, at)
            at += length
            if case .text(let folded) = fold(value) {
                hasher.combine(folded)
                any = true
            }
        }
        guard any else { return 0 }
        let folded = UInt32(truncatingIfNeeded: hasher.value ^ (hasher.value >> 32))
        return folded == 0 ? 1 : folded
    }

    /// The scalar of 2 to 4 bytes at `at` (the bytes are valid UTF-8) and its length.
    @inline(__always)
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> (UInt32, Int) {
        let byte = bytes[at]
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<min(length, bytes.count - at) {
            value = value << 6 | UInt32(bytes[at + offset] & 0x3F)
        }
        return (value, length)
    }

    /// Leaves the name's tokens, encoded as ``NameKey/tokens`` is, in `encoded`.
    private func encode(_ name: String) {
        var name = name
        name.withUTF8 { encode(bytes: $0) }
    }

    /// The same from UTF-8 bytes.
    private func encode(bytes: UnsafeBufferPointer<UInt8>) {
        // The scratch buffers are moved out for the call, so appending to them is appending to locals.
        var encoded: [UInt8] = []
        swap(&encoded, &self.encoded)
        defer { swap(&encoded, &self.encoded) }
        encoded.removeAll(keepingCapacity: true)
        var tokenStart = 0
        var letters = 0
        func endToken() {
            guard encoded.count > tokenStart else { return }
            if letters == 1 { encoded.append(UInt8(ascii: ".")) }
            encoded.append(UInt8(ascii: " "))
            tokenStart = encoded.count
            letters = 0
        }
        var at = 0
        while at < bytes.count {
            let byte = bytes[at]
            if byte < 0x80 {
                at += 1
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    encoded.append(byte)
                    letters += 1
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    encoded.append(byte | 0x20)
                    letters += 1
                case UInt8(ascii: "'"), UInt8(ascii: "`"):
                    break
                default:
                    endToken()
                }
                continue
            }
            // A scalar of 2 to 4 bytes (the String's UTF-8 is valid).
            let (value, length) = Self.scalar(bytes, at)
            at += length
            switch fold(value) {
            case .text(let folded):
                encoded += folded
                letters += 1
            case .drop:
                break
            case .separator:
                endToken()
            }
        }
        endToken()
        if !encoded.isEmpty { encoded.removeLast() }
    }

    /// What a scalar beyond ASCII becomes, decomposed once and remembered.
    func fold(_ value: UInt32) -> Fold {
        if let known = folds[value] { return known }
        let result = Unicode.Scalar(value).map(Self.compute) ?? .separator
        folds[value] = result
        return result
    }

    /// Apostrophes are removed without cutting the token: O’Brien is one name.
    static let apostrophes: Set<UInt32> = [0x27, 0x60, 0xB4, 0x2BB, 0x2BC, 0x2018, 0x2019, 0x201B, 0xFF07]

    /// Letters NFKD leaves whole, spelt as their base letters (lower case; capitals are lowered first).
    static let spelled: [UInt32: String] = [
        0xDF: "ss", 0xF8: "o", 0xE6: "ae", 0x153: "oe", 0x142: "l", 0x111: "d", 0xF0: "d", 0xFE: "th", 0x131: "i",
    ]

    static func compute(_ scalar: Unicode.Scalar) -> Fold {
        if apostrophes.contains(scalar.value) { return .drop }
        if isDiacritic(scalar) { return .drop }
        var bytes: [UInt8] = []
        for part in String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars where !isDiacritic(part) {
            // Lowering can bring marks back (İ lowers to i and a combining dot): decompose and drop them again.
            let lowered = part.properties.lowercaseMapping.decomposedStringWithCompatibilityMapping
            for letter in lowered.unicodeScalars where !isDiacritic(letter) {
                if let spelt = spelled[letter.value] {
                    bytes += Array(spelt.utf8)
                } else if isLetterOrDigit(letter) || isMark(letter) {
                    bytes += Array(String(letter).utf8)
                }
            }
        }
        return bytes.isEmpty ? .separator : .text(bytes)
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// Whether `scalar` is a diacritic: a combining mark of the blocks that accent Latin, Greek and Cyrillic
    /// letters, or an Arabic or Hebrew vowel point.
    static func isDiacritic(_ scalar: Unicode.Scalar) -> Bool {
        guard isMark(scalar) else { return false }
        return diacriticRanges.contains { $0.contains(scalar.value) }
    }

    private static let diacriticRanges: [ClosedRange<UInt32>] = [
        0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05C7, 0x0610...0x061A, 0x064B...0x065F, 0x0670...0x0670,
        0x06D6...0x06ED, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F,
    ]

    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
            .letterNumber, .otherNumber:
            true
        default: false
        }
    }
}

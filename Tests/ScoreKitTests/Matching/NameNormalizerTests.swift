import Testing

@testable import ScoreKit

/// Name normalization, tokens and first-name compatibility, each as a table.
@Suite struct NameNormalizerTests {
    @Test(arguments: [
        ("María", "maria"), ("GARCÍA", "garcia"), ("Nguyễn", "nguyen"), ("Trần Thị", "tranthi"),
        ("Mari\u{301}a", "maria"),  // decomposed input: the combining acute is dropped
        ("O'Brien", "obrien"), ("O\u{2019}Brien", "obrien"), ("O\u{2BC}Brien", "obrien"), ("D`Angelo", "dangelo"),
        ("Anna-Lena", "annalena"), ("Anna Lena", "annalena"), ("Anna\u{2010}Lena", "annalena"),
        ("St. John", "stjohn"), ("Smith, Jr.", "smithjr"), ("  Kim  ", "kim"), ("Jean\u{A0}Paul", "jeanpaul"),
        ("Groß", "gross"), ("GROẞ", "gross"), ("Østergaard", "ostergaard"), ("søren", "soren"), ("Æsa", "aesa"),
        ("Cæsar", "caesar"), ("Œuvray", "oeuvray"), ("cœur", "coeur"), ("Łukasz", "lukasz"), ("Wałęsa", "walesa"),
        ("Đorđević", "dordevic"), ("Þór", "thor"), ("þóra", "thora"), ("Guðrún", "gudrun"), ("Işık", "isik"),
        ("İlknur", "ilknur"), ("ﬁona", "fiona"), ("Ｊｏｈｎ", "john"), ("Zoë", "zoe"), ("Müller", "muller"),
        ("=HYPERLINK(\"x\")", "hyperlinkx"), ("李", "李"), ("", ""), (" - . ", ""),
    ])
    func joinedForm(name: String, expected: String) {
        #expect(NameNormalizer().key(name).joined == expected)
    }

    /// Only diacritics go: the marks Devanagari and Thai write vowels with are letters of the name, so कमल (Kamal)
    /// and कोमल (Komal), สมศักดิ์ and สมศกด stay apart; Arabic and Hebrew vowel points are optional and go.
    @Test(arguments: [
        ("कमल", "कोमल", false), ("สมศักดิ์", "สมศกด", false), ("कोमल", "कोमल", true),
        ("مُحَمَّد", "محمد", true), ("שָׁלוֹם", "שלום", true), ("Ме́дведев", "Медведев", true),
    ])
    func marksOfOtherScripts(left: String, right: String, same: Bool) {
        let normalizer = NameNormalizer()
        #expect((normalizer.key(left).joined == normalizer.key(right).joined) == same)
        #expect(!normalizer.key(left).joined.isEmpty)
    }

    /// Tokens are the un-joined parts: cut at spaces, hyphens, dots and other punctuation but not at apostrophes;
    /// a part written as one letter is an initial (shown with a trailing ".").
    @Test(arguments: [
        ("Anna-Lena", "anna lena"), ("Anna  Lena", "anna lena"), ("J.-P.", "j. p."), ("J R", "j. r."),
        ("J. Robert", "j. robert"), ("O'Brien", "obrien"), ("O\u{2019}Brien", "obrien"), ("Þ.", "th."),
        ("Ø", "o."), ("Smith, Jr.", "smith jr"), ("María José", "maria jose"), ("Min-jun", "min jun"),
        ("Jr", "jr"), ("", ""), ("  ", ""),
    ])
    func tokens(name: String, expected: String) {
        let normalizer = NameNormalizer()
        let key = normalizer.key(name)
        #expect(key.tokens == expected)
        #expect(key.joined == NameKey.joined(key.tokens))
        #expect(normalizer.tokens(name) == key.tokens)
        #expect(normalizer.joined(name) == key.joined)
    }

    @Test(arguments: [
        // equal, once joined
        ("Anna-Lena", "Annalena", true), ("María", "MARIA", true), ("", "", true),
        // one the initial(s) of the other
        ("J", "John", true), ("J.", "John Robert", true), ("J. R.", "John Robert", true), ("J R", "John Peter", false),
        ("Þ.", "Þóra", true), ("K", "John", false),
        // a whole-token prefix
        ("Maria", "Maria José", true), ("John R", "John Robert", true), ("Mar", "Maria", false),
        ("Anna", "Annalena", false), ("J. Robert", "John Robert", true),
        // first tokens equal
        ("Maria Luisa", "Maria José", false), ("Anna-Lena", "Anna-Maria", false),
        // neither
        ("J. Robert", "John Peter", false), ("Robert", "John Robert", false), ("John", "", false),
        ("Seán", "Sean", true), ("Chidi", "Chioma", false),
    ])
    func firstNamesCompatible(left: String, right: String, expected: Bool) {
        let normalizer = NameNormalizer()
        let a = normalizer.key(left)
        let b = normalizer.key(right)
        #expect(a.isCompatible(with: b) == expected)
        #expect(b.isCompatible(with: a) == expected, "compatibility is symmetric")
    }

    /// The duplicate index hashes names straight from bytes, ASCII names without the general path: the hash is
    /// the joined form's, whichever path a name takes.
    @Test(arguments: [
        "O'Brien", "Anna-Lena", "St. John", "  Kim  ", "Smith, Jr.", "=HYPERLINK(\"x\")", "@[`{", "a\u{1}b",
        "Müller", "María José", "Ｊｏｈｎ", "李", "", " - . ", "MCDONALD-O'NEILL 3rd",
    ])
    func joinedHashIsTheHashOfTheJoinedForm(name: String) {
        let normalizer = NameNormalizer()
        let joined = normalizer.joined(name)
        var hasher = FNV1a()
        hasher.combine(joined.utf8)
        let folded = UInt32(truncatingIfNeeded: hasher.value ^ (hasher.value >> 32))
        var name = name
        let hash = name.withUTF8 { normalizer.joinedHash($0) }
        #expect(hash == (joined.isEmpty ? 0 : max(folded, 1)))
    }

    @Test func aRememberedFoldGivesTheSameKey() {
        let normalizer = NameNormalizer()
        let first = normalizer.key("Nguyễn Thị Łan")
        #expect(normalizer.key("Nguyễn Thị Łan") == first)
        #expect(first.tokens == "nguyen thi lan")
    }
}

import Testing

@testable import ScoreKit

@Suite struct FormulaGuardTests {
    static func guards(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { FormulaGuard.needsGuard($0) }
    }

    static func unguarded(_ text: String) -> String {
        var text = text
        return text.withUTF8 { String(decoding: FormulaGuard.unguarded($0), as: UTF8.self) }
    }

    @Test(arguments: [
        "=1+1", "+44 20", "-12", "@SUM(A1)", "\t1", "\r1", "\n1", "\u{0}=1", "\u{1}x", "\u{7F}", " =1", "   +1",
        "\u{A0}=1", " \u{A0} @x", "＝1+1", "＋1", "－1", "＠x", "'=1", "''+1", " '-1",
    ])
    func guarded(text: String) {
        #expect(Self.guards(text))
    }

    @Test(arguments: ["García", "7.0", "02079", "a=1", "'abc", "' x", "  x", "\u{A0}x", "ＡＢ", "", "'", "中文"])
    func notGuarded(text: String) {
        #expect(!Self.guards(text))
    }

    /// The reader takes away exactly the `'` the writer adds, so every value reads back as it was.
    @Test(arguments: [
        "=1+1", "'=1+1", "''=1", "'abc", "abc", "' =1", "\u{0}x", "＝1", "'", "''", "+44 20 7946 0958",
    ])
    func readsBackWhatWasWritten(value: String) {
        let written = Self.guards(value) ? "'" + value : value
        #expect(Self.unguarded(written) == value)
    }
}

import Testing

@testable import ScoreKit

/// The levels derived where the feed sent none, kept apart from the feed's own, and release 0.1.0's view of them.
@Suite struct LevelDerivationTests {
    static let context = RenderContext(dateFormat: .isoDate, downloadDate: ValidatorTests.today)

    static func texts(_ score: TestScore, _ fields: [Field]) -> [String] {
        fields.map { $0.text(of: score, context) }
    }

    static let levelFields: [Field] = [.cefrLevel, .listeningCefr, .readingCefr, .writingCefr, .speakingCefr]

    /// IELTS: the total from 4.0 up (no official table maps lower bands), never a section.
    @Test(arguments: [("4.0", "B1"), ("3.5", ""), ("3.0", ""), ("9.0", "C2")])
    func ielts(overall: String, level: String) throws {
        let score = try Feed.one(ielts: Feed.ielts(overall, overall, overall, overall, overall: overall))
        #expect(Self.texts(score, Self.levelFields) == [level, "", "", "", ""])
        #expect(score.cefrDerived == !level.isEmpty && score.sectionCEFR.derived.isEmpty)
    }

    /// TOEFL 1-6 sections use the total's table; 0-120 sections ETS's cut scores; off-scale scores get none.
    @Test(arguments: [
        ("K", "ibt26", ["6.0", "4.5", "2.5", "1.0"], "3.5", ["B1", "C2", "B2", "A2", "A1"]),
        ("I", "ibt", ["22", "24", "17", "25"], "88", ["B2", "C1", "C1", "B2", "C1"]),
        ("I", "ibt", ["21", "23", "16", "24"], "84", ["B2", "B2", "B2", "B1", "B2"]),
        ("I", "ibt", ["8", "3", "6", "9"], "26", ["", "", "", "", ""]),
        ("K", "ibt26", ["6.5", "4.25", "4.0", "4.0"], "4.0", ["B2", "", "", "B2", "B2"]),
    ])
    func toeflSections(testType: String, object: String, sections: [String], total: String, levels: [String]) throws {
        let score = try Feed.one(
            toefl: Feed.toefl(
                testType: testType, object: object,
                scores: Feed.scores(sections[0], sections[1], sections[2], sections[3], total: total)))
        #expect(Self.texts(score, Self.levelFields) == levels)
        // Derived, not sent: the feed's view of every section is empty.
        #expect(Section.allCases.allSatisfy { score.sectionCEFR.fromFeed($0).isEmpty })
    }

    @Test func theFeedsLevelsAreKeptAndNotMarkedDerived() throws {
        let score = try Feed.one(
            toefl: Feed.toefl(
                testType: "E", object: "essentials",
                scores: Feed.scores(
                    "12", "10", "9", "8", total: "10", ["listeningCEFR": "C2", "totalCEFR": "C1"])))
        #expect(Self.texts(score, Self.levelFields) == ["C1", "C2", "", "", ""])
        #expect(!score.cefrDerived && score.sectionCEFR.derived.isEmpty)
        #expect(score.sectionCEFR.fromFeed(.listening) == "C2")
    }

    /// Scheme 1 of the fingerprint sees the levels as release 0.1.0 did: the total as 0.1.0 derived it (A2 for
    /// IELTS 3.0-3.5), the sections as the feed sent them.
    @Test(arguments: [("3.5", "A2"), ("3.0", "A2"), ("2.5", ""), ("4.0", "B1")])
    func releaseViewOfIELTS(overall: String, level: String) throws {
        let score = try Feed.one(ielts: Feed.ielts(overall, overall, overall, overall, overall: overall))
        #expect(LevelDerivation.release010Text(of: .cefrLevel, in: score, Self.context) == level)
    }

    @Test func releaseViewOfTOEFLSectionsIsTheFeeds() throws {
        let derived = try Feed.one(
            toefl: Feed.toefl(
                testType: "I", object: "ibt", scores: Feed.scores("22", "24", "17", "25", total: "88")))
        let view = Self.levelFields.map { LevelDerivation.release010Text(of: $0, in: derived, Self.context) }
        #expect(view == ["B2", "", "", "", ""])
        let sent = try Feed.one(
            toefl: Feed.toefl(
                testType: "E", object: "essentials",
                scores: Feed.scores("12", "10", "9", "8", total: "10", ["readingCEFR": "C1"])))
        #expect(LevelDerivation.release010Text(of: .readingCefr, in: sent, Self.context) == "C1")
        #expect(LevelDerivation.release010Text(of: .familyName, in: sent, Self.context) == "Case")
    }

    /// ETS's concordance in the ieltsEquivalent field: 0-120 totals, 1-6 through the comparable score.
    @Test(arguments: [
        ("I", "ibt", Feed.scores("25", "26", "25", "24", total: "100"), "7.0"),
        ("I", "ibt", Feed.scores("8", "8", "8", "7", total: "31"), "4.0 or below"),
        (
            "K", "ibt26", Feed.scores("5.0", "5.0", "5.0", "5.0", total: "5.0", ["totalScoreIbtEquivalent": "118"]),
            "9.0"
        ),
        ("K", "ibt26", Feed.scores("5.0", "5.0", "5.0", "5.0", total: "5.0"), ""),
        ("E", "essentials", Feed.scores("9", "9", "9", "9", total: "9"), ""),
    ])
    func ieltsEquivalent(testType: String, object: String, scores: [String: String], band: String) throws {
        let score = try Feed.one(toefl: Feed.toefl(testType: testType, object: object, scores: scores))
        #expect(Field.ieltsEquivalent.text(of: score, Self.context) == band)
    }

    @Test func noIeltsEquivalentForIELTS() throws {
        let score = try Feed.one(ielts: Feed.ielts("6", "6", "6", "6", overall: "6"))
        #expect(Field.ieltsEquivalent.text(of: score, Self.context) == "")
    }
}

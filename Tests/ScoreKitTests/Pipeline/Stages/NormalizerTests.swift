import Testing

@testable import ScoreKit

/// The normalizer fills in the CEFR level only where the feed sent none, and never changes what the feed sent.
@Suite struct NormalizerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var test: TestKind
        var overall: String?
        var sent: Checked<CEFRLevel>?
        var expected: Checked<CEFRLevel>?
        var derived: Bool

        var testDescription: String { "\(test) overall \(overall ?? "none") sent \(String(describing: sent))" }
    }

    @Test(arguments: [
        // No level sent: derived from the official tables.
        Case(test: .ieltsAcademic, overall: "6.5", sent: nil, expected: .valid(.b2), derived: true),
        Case(test: .ieltsGeneralTraining, overall: "8.5", sent: nil, expected: .valid(.c2), derived: true),
        Case(test: .toeflIBT26, overall: "4.5", sent: nil, expected: .valid(.b2), derived: true),
        Case(test: .toeflIBT, overall: "95", sent: nil, expected: .valid(.c1), derived: true),
        // Below every level, no overall, an unreadable overall, or a scale without a table: nothing derived.
        Case(test: .ieltsAcademic, overall: "2.5", sent: nil, expected: nil, derived: false),
        Case(test: .ieltsAcademic, overall: nil, sent: nil, expected: nil, derived: false),
        Case(test: .ieltsAcademic, overall: "six", sent: nil, expected: nil, derived: false),
        Case(test: .toeflEssentials, overall: "10", sent: nil, expected: nil, derived: false),
        // A level sent by the feed stays as sent, even when the score disagrees or the text is no level.
        Case(test: .ieltsAcademic, overall: "6.5", sent: .valid(.c1), expected: .valid(.c1), derived: false),
        Case(test: .ieltsAcademic, overall: "6.5", sent: .invalid("Z9"), expected: .invalid("Z9"), derived: false),
    ])
    func derivesCEFROnlyWhenTheFeedSentNone(_ c: Case) {
        var record = PipelineRecord()
        record.score = TestScore(test: c.test)
        record.score.scores.overall = c.overall.map { ExactDecimal($0).map(Checked.valid) ?? .invalid($0) }
        record.score.cefr = c.sent
        let before = record.score
        var normalizer = Normalizer()
        #expect(normalizer.process(&record) == .pass)
        #expect(record.score.cefr == c.expected)
        #expect(record.score.cefrDerived == c.derived)
        // Nothing else changes.
        var rest = record.score
        rest.cefr = before.cefr
        rest.cefrDerived = before.cefrDerived
        #expect(rest == before)
    }
}

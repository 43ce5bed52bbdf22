import Testing

@testable import ScoreKit

/// The IELTS Results Service's `module`, as every other input reads a Module: the two spellings the service sends,
/// the shorter ones spreadsheets use, and a value that names none (or none at all) as a guess that is said and kept.
@Suite struct IELTSModuleTests {
    @Test(arguments: [
        ("Academic", TestKind.ieltsAcademic, [SourceProblem](), false, ""),
        ("General Training", .ieltsGeneralTraining, [], false, ""), ("GT", .ieltsGeneralTraining, [], false, ""),
        (
            "General Trainig", .ieltsAcademic,
            [.unknownTest(field: "Module", value: "General Trainig", readAs: .ieltsAcademic)], true, "General Trainig"
        ),
        ("", .ieltsAcademic, [.missingModule], true, ""), (" ", .ieltsAcademic, [.missingModule], true, ""),
    ])
    func module(sent: String, test: TestKind, problems: [SourceProblem], guessed: Bool, kept: String) throws {
        let score = try Feed.one(ielts: Feed.ielts("6", "6", "6", "6", overall: "6", extra: ["module": sent]))
        #expect(score.test == test)
        #expect(score.sourceProblems == problems)
        #expect(score.moduleIsGuessed == guessed)
        #expect(score.text[.sourceModule] == kept)
    }
}

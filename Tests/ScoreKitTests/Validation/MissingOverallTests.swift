import Foundation
import Testing

@testable import ScoreKit

/// A reported result with section scores but no overall, or with no test date, is a warning on every scale: the
/// policy sends such a record to review, so `check` must not call it clean. A cancellation is not checked.
@Suite struct MissingOverallTests {
    static let validator = Validator(today: CalendarDate(year: 2026, month: 11, day: 22).unsafelyUnwrapped)

    static func kinds(_ score: TestScore) -> [String] { validator.problems(in: score).map(\.kind) }

    /// A TOEFL record of `object` whose total is `total` ("" leaves it blank, nil leaves it out).
    static func toefl(_ testType: String, _ object: String, section: String, total: String?, status: String = "R")
        throws -> TestScore
    {
        var scores = Feed.scores(section, section, section, section, total: total ?? "")
        if total == nil { scores["totalScore"] = nil }
        return try Feed.one(toefl: Feed.toefl(testType: testType, object: object, scores: scores, status: status))
    }

    @Test(arguments: [("K", "ibt26", "4.0", "4.0"), ("I", "ibt", "25", "100"), ("E", "essentials", "8", "8")])
    func aTOEFLTotalMissingBesideTheSectionsIsAWarning(
        testType: String, object: String, section: String, full: String
    ) throws {
        for total in ["", nil] as [String?] {
            let score = try Self.toefl(testType, object, section: section, total: total)
            #expect(Self.kinds(score) == ["missing-overall"])
            let problem = try #require(Self.validator.problems(in: score).first)
            #expect(problem.severity == .warning && problem.field == "overallBandScore" && problem.value.isEmpty)
            let cancelled = try Self.toefl(testType, object, section: section, total: total, status: "C")
            #expect(Self.kinds(cancelled).isEmpty)
        }
        #expect(Self.kinds(try Self.toefl(testType, object, section: section, total: full)).isEmpty)
    }

    @Test func anIELTSOverallMissingBesideTheSectionsIsAWarning() throws {
        let score = try Feed.one(ielts: Feed.ielts("7", "7", "7", "7", overall: ""))
        #expect(
            Self.validator.problems(in: score).map(\.description) == [
                "overall score is missing beside the section scores (a spreadsheet formula saved without its value "
                    + "reads as empty): the result has no overall to check or to judge"
            ])
        // One section is enough: the missing ones are warned about on their own.
        let one = try Feed.one(ielts: Feed.ielts("7", "", "", "", overall: ""))
        #expect(Self.kinds(one) == ["missing-section", "missing-section", "missing-section", "missing-overall"])
        let withdrawn = try Feed.one(ielts: Feed.ielts("7", "7", "7", "7", overall: "", extra: ["status": "WITHDRAWN"]))
        #expect(withdrawn.status == .cancelled && Self.kinds(withdrawn).isEmpty)
    }

    @Test func aResultWithNoScoreAtAllHasNoOverallToMiss() throws {
        let score = try Feed.one(toefl: Feed.toefl(scores: [:]))
        #expect(Self.kinds(score).isEmpty)
    }

    @Test func aMyBestTotalMissingBesideTheMyBestSectionsIsANote() throws {
        let best = ["listeningScore": "5.0", "readingScore": "5.0", "writingScore": "5.0", "speakingScore": "5.0"]
        let score = try Feed.one(
            toefl: Feed.toefl(scores: Feed.scores("4.0", "4.0", "4.0", "4.0", total: "4.0"), myBest: best))
        let problems = Self.validator.problems(in: score)
        #expect(problems.map(\.kind) == ["mybest-missing-overall"])
        #expect(problems.allSatisfy { $0.severity == .note })
    }

    @Test func aReportedResultWithoutATestDateIsAWarning() throws {
        let toefl = try Feed.one(
            toefl: Feed.toefl(scores: Feed.scores("4.0", "4.0", "4.0", "4.0", total: "4.0"), testDate: ""))
        #expect(
            Self.validator.problems(in: toefl).map(\.description) == [
                "testDate is missing: the result's 2-year validity cannot be checked"
            ])
        #expect(Self.validator.problems(in: toefl).first?.field == "testDate")
        let cancelled = try Feed.one(toefl: Feed.toefl(object: nil, status: "C", testDate: ""))
        #expect(Self.kinds(cancelled).isEmpty)
        var ielts = Feed.ielts("7", "7", "7", "7", overall: "7")
        ielts["testDate"] = nil
        #expect(Self.kinds(try Feed.one(ielts: ielts)) == ["missing-test-date"])
    }
}

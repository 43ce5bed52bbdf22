import Foundation
import Testing

/// What a new user found attaching scores to the wrong person with exit 0, through the built binary: a reported id
/// whose applicant was born on another day, a shared or placeholder email, twins' first names, and marks that are
/// letters in other scripts.
@Suite struct MatchIdentityTests {
    static let heading = [
        "TRF Number", "Module", "Family Name", "First Name", "Date of Birth", "Test Date", "Listening", "Reading",
        "Writing", "Speaking", "Overall", "Email",
    ]

    static func scoreRow(_ trf: String, _ family: String, _ first: String, _ birth: String, email: String = "")
        -> [String]
    {
        [trf, "Academic", family, first, birth, "2026-03-01", "7.0", "7.0", "7.0", "7.0", "7.0", email]
    }

    /// Runs `convert` with an applicants file and a review file; returns each score id's applicantId,
    /// matchStatus and matchedBy, and the review file's candidates by score id.
    static func match(scores: [[String]], applicants: [[String]]) throws -> (
        [String: [String]], [String: String]
    ) {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scoresPath = directory.appendingPathComponent("scores.csv").path
        let applicantsPath = directory.appendingPathComponent("applicants.csv").path
        try MatchingEndToEndTests.writeCSV([heading] + scores, to: scoresPath)
        try MatchingEndToEndTests.writeCSV(applicants, to: applicantsPath)
        let output = directory.appendingPathComponent("out.csv").path
        let review = directory.appendingPathComponent("review.csv").path
        let result = try BinaryRunner.run([
            "convert", "-t", "compact", "-o", output, "--applicants", applicantsPath, "--review", review, scoresPath,
        ])
        #expect(result.status == 0, "\(result.stderrText)")
        var got: [String: [String]] = [:]
        for row in try MatchingEndToEndTests.read(output) {
            got[row["scoreId"] ?? ""] = ["applicantId", "matchStatus", "matchedBy"].map { row[$0] ?? "?" }
        }
        var candidates: [String: String] = [:]
        for row in try MatchingEndToEndTests.read(review) {
            candidates[row["scoreId"] ?? ""] = row["candidateApplicants"] ?? "?"
        }
        return (got, candidates)
    }

    @Test func aReportedIdWithAnotherDateOfBirthIsAConflict() throws {
        let (got, review) = try Self.match(
            scores: [Self.scoreRow("26GB000111AAAA001A", "Tanaka", "Yuki", "2001-03-15")],
            applicants: [
                ["applicantId", "familyName", "firstName", "dateOfBirth", "email", "trfNumber"],
                ["A1", "Sato", "Hiro", "1999-01-01", "hiro@example.org", "26GB000111AAAA001A"],
                ["A2", "Tanaka", "Yuki", "2001-03-15", "yuki@example.org", ""],
            ])
        #expect(got["26GB000111AAAA001A"] == ["", "conflict", "id"])
        #expect(review["26GB000111AAAA001A"] == "A1; A2")
    }

    @Test func sharedAndPlaceholderEmailsJoinNoOne() throws {
        let (got, _) = try Self.match(
            scores: [
                Self.scoreRow("26GB000004DDDD004A", "Chen", "Li", "2000-03-03", email: "agent@agency.example"),
                Self.scoreRow("26GB000005EEEE005A", "Chen", "Li", "2000-02-02", email: "N/A"),
                Self.scoreRow("26GB000006EEEE006A", "Kim", "Min", "2003-01-01", email: "kim.family@example.org"),
                Self.scoreRow("26GB000007EEEE007A", "Okafor", "Chidi", "2002-08-17", email: "CHIDI@example.org"),
            ],
            applicants: [
                ["applicantId", "familyName", "firstName", "dateOfBirth", "email"],
                ["E4", "Chen", "Wei", "1995-07-07", "agent@agency.example"],
                ["E3", "Wong", "Mei", "2000-02-02", "n/a"],
                ["K2", "Kim", "Soo", "2005-05-05", "kim.family@example.org"],
                ["O1", "Okafor", "", "", "chidi@example.org"],
            ])
        #expect(got["26GB000004DDDD004A"] == ["", "unmatched", ""])
        #expect(got["26GB000005EEEE005A"] == ["", "unmatched", ""])
        #expect(got["26GB000006EEEE006A"] == ["", "unmatched", ""])
        // An address with nothing against it still matches.
        #expect(got["26GB000007EEEE007A"] == ["O1", "matched", "email-name"])
    }

    @Test func twinsAndOtherScriptsAreNotOnePerson() throws {
        let (got, _) = try Self.match(
            scores: [
                Self.scoreRow("26GB000444DDDD004A", "Silva", "Maria Luisa", "2000-09-09"),
                Self.scoreRow("26GB000445DDDD004A", "शर्मा", "कमल", "2000-01-01"),
            ],
            applicants: [
                ["applicantId", "familyName", "firstName", "dateOfBirth"],
                ["D1", "Silva", "Maria José", "2000-09-09"],
                ["K1", "शर्मा", "कोमल", "2000-01-01"],
            ])
        #expect(got["26GB000444DDDD004A"] == ["", "unmatched", ""])
        #expect(got["26GB000445DDDD004A"] == ["", "unmatched", ""])
    }

    /// An id a spreadsheet put in scientific notation names no one, on either side.
    @Test func aDamagedIdMatchesNoOne() throws {
        let (got, _) = try Self.match(
            scores: [Self.scoreRow("2.02601E+15", "Lee", "Ana", "2000-02-29")],
            applicants: [
                ["applicantId", "familyName", "firstName", "dateOfBirth", "trfNumber"],
                ["P1", "Park", "Min", "2001-05-05", "2.02601E+15"],
            ])
        #expect(got["2.02601E+15"] == ["", "unmatched", ""])
    }
}

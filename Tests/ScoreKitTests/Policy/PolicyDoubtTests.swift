import Foundation
import Testing

/// Evidence that cannot be right is never `meets`, through the built binary (what a new user found): a date of
/// birth after today, a MyBest score whose test date is in the future or before the birth, a result past its
/// validity when the policy sets no maximum age.
@Suite struct PolicyDoubtTests {
    static let environment = ["SCOREIMPORT_TODAY": "2026-11-24"]

    /// Runs `convert -t compact --policy` over `input` (its file name `name`); returns the rows' scoreId,
    /// policyResult and policyReasons, and the stderr text.
    static func decide(_ input: String, name: String, policy: String) throws -> ([[String]], String) {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(input.utf8).write(to: directory.appendingPathComponent(name))
        try Data(policy.utf8).write(to: directory.appendingPathComponent("policy.json"))
        let result = try BinaryRunner.run(
            ["convert", "-t", "compact", "--policy", "policy.json", name], in: directory, environment: environment)
        #expect(result.status == 0, "\(result.stderrText)")
        let rows = try RealTools.pythonCSVRows(try Self.save(result.stdout, in: directory))
        return (
            rows.map { [$0["scoreId"] ?? "", $0["policyResult"] ?? "", $0["policyReasons"] ?? ""] }, result.stderrText
        )
    }

    static func save(_ data: Data, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("out.csv").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// IELTS Academic rows (id, first name, date of birth, test date; 7.0 in every score) judged by an overall 6.5,
    /// writing 6.0 rule without maxAgeDays.
    static func ielts(_ rows: [(String, String, String, String)]) throws -> ([[String]], String) {
        let head =
            "TRF Number,Module,Family Name,First Name,Date of Birth,Test Date,Listening,Reading,Writing,"
            + "Speaking,Overall\n"
        let lines = rows.map { "\($0.0),Academic,Smith,\($0.1),\($0.2),\($0.3),7.0,7.0,7.0,7.0,7.0\n" }
        return try decide(
            head + lines.joined(), name: "s.csv",
            policy: #"{"rules":{"IELTS Academic":{"overall":"6.5","writing":"6.0"}}}"#)
    }

    @Test func aBirthAfterTodayIsReviewed() throws {
        let (rows, stderr) = try Self.ielts([
            ("26GB000302AAAA001A", "John", "2027-01-01", "2026-03-01"),
            ("26GB000303AAAA001A", "John", "2026-05-01", "2026-03-01"),
        ])
        #expect(rows.map { $0[1] } == ["review", "review"])
        #expect(!stderr.contains("2027-01-01") && !stderr.contains("2026-05-01"))
    }

    static func toefl(writingDate: String) -> String {
        """
        {"data":[{"appointmentNo":"2026000000000401","reportDate":"20260310",
         "candidateInfo":{"lastName":"Lee","firstName":"Ana","dob":"20000229","gender":"2"},
         "testInfo":{"testDate":"20260301","testType":"I","listeningAccommodationInd":"","speakingAccommodationInd":""},
         "scoreStatus":"R",
         "ibt":{"listeningScore":"23","readingScore":"23","writingScore":"18","speakingScore":"22","totalScore":"86",
          "mbs":{"listeningScore":"23","listeningTestDate":"20260301","readingScore":"23","readingTestDate":"20260301",
                 "writingScore":"21","writingTestDate":"\(writingDate)","speakingScore":"22",
                 "speakingTestDate":"20260301","totalScore":"89","asOfDate":"20260305"}}}]}
        """
    }

    @Test(arguments: [
        ("20280101", "after today (2026-11-24)"), ("20260304", ""), ("20260310", "after the MyBest as-of date"),
        ("19990101", "before the date of birth"),
    ])
    func aMyBestDateThatCannotBeRightIsNoEvidence(date: String, reason: String) throws {
        let policy =
            #"{"maxAgeDays":730,"acceptMyBest":true,"rules":{"TOEFL iBT 0-120":{"overall":"80","writing":"20"}}}"#
        let (rows, stderr) = try Self.decide(Self.toefl(writingDate: date), name: "t.json", policy: policy)
        if reason.isEmpty {
            #expect(rows.map { $0[1] } == ["meets"])
            return
        }
        #expect(rows.map { $0[1] } == ["review"])
        #expect(rows.first?[2].contains("MyBest writing 21 not used") == true)
        #expect(stderr.contains("myBestWritingDate"))
        #expect(stderr.contains(reason))
        #expect(!stderr.contains("2000-02-29"))
    }

    @Test func pastItsValidityWithoutMaxAgeDaysIsReviewed() throws {
        let (rows, _) = try Self.ielts([
            ("26GB000301AAAA001A", "John", "2000-01-01", "2023-01-01"),
            ("26GB000304AAAA001A", "Jane", "2000-01-01", "2025-06-01"),
        ])
        #expect(rows.map { $0[1] } == ["review", "meets"])
        #expect(rows.first?[2].contains("past its 2-year validity") == true)
    }
}

import Foundation
import Testing

/// `--applicants` and `--review` through the built binary: convert to CSV and XLSX, check, and the nightly
/// `fetch ielts --state` against the sandbox. Outputs are read back with Python's csv module and openpyxl.
@Suite(.serialized) struct MatchingEndToEndTests {
    static let ielts = Paths.fixtures.appendingPathComponent("sandbox/ielts-results.json").path
    static let toefl = Paths.fixtures.appendingPathComponent("sandbox/toefl-scores.json").path

    /// The office's export for the sandbox's candidates: dd/mm/yyyy dates, headings by synonym.
    static let applicants: [[String]] = [
        ["Reference", "Surname", "Given Name", "DOB", "Email Address", "TRF Number", "TOEFL Appointment Number"],
        ["A1", "Garcia", "Maria", "10/01/1995", "", "", ""],
        ["A2", "Thi", "Nguyen", "11/02/1996", "", "", ""],
        ["A3", "O\u{2019}Brien", "S.", "12/03/1997", "", "", ""],
        ["A4", "Smithson", "Robert", "13/04/1998", "", "26SB000004SAND004A", ""],
        ["A6", "Muller", "Jurgen", "15/06/2000", "", "", ""],
        ["A7", "Müller", "J.", "15/06/2000", "", "", ""],
        ["A8", "Kim", "Minjun", "16/07/2001", "", "", ""],
        ["A9", "Okafor", "Chidi", "18/08/2002", "", "", ""],
        ["A10", "Ivanova", "Olga", "", "CANDIDATE9@example.org", "", ""],
        ["A11", "Nguyen", "Thi", "03/02/2001", "", "", ""],
        ["A12", "Smith", "Rob", "", "", "", "2026000000000003"],
        ["A13", "Different", "Name", "03/02/2001", "toefl4@example.org", "", ""],
    ]

    /// What every record of the two sandbox files should get: applicantId, matchStatus, matchedBy.
    static let expected: [String: [String]] = [
        "26SB000001SAND001A": ["A1", "matched", "name-dob"],
        "26SB000002SAND002A": ["A2", "matched", "swapped-name-dob"],
        "26SB000003SAND003A": ["A3", "matched", "name-dob"],
        "26SB000004SAND004A": ["A4", "matched", "id"],
        "26SB000005SAND005A": ["", "unmatched", ""],
        "26SB000006SAND006A": ["", "ambiguous", "name-dob"],
        "26SB000007SAND007A": ["A8", "matched", "name-dob"],
        "26SB000008SAND008A": ["", "unmatched", ""],
        "26SB000009SAND009A": ["A10", "matched", "email-name"],
        "2026000000000001": ["A11", "matched", "name-dob"],
        "2026000000000002": ["", "unmatched", ""],
        // A12 reported the appointment number, but neither name agrees and there is no date of birth to confirm.
        "2026000000000003": ["", "conflict", "id"],
        // The same email and date of birth, another family name and first name: an agent's address, not a match.
        "2026000000000004": ["", "unmatched", ""],
        "2026000000000005": ["", "unmatched", ""],
        "2026000000000006": ["", "unmatched", ""],
    ]

    /// The review file's candidateApplicants for each of its records.
    static let review: [String: String] = [
        "26SB000005SAND005A": "",
        "26SB000006SAND006A": "A6; A7",
        "26SB000008SAND008A": "A9",
        "2026000000000002": "A3; A11; A13",
        "2026000000000003": "A12",
        "2026000000000004": "A13; A11",
        "2026000000000005": "A6; A7; A11; A13",
        "2026000000000006": "A8; A11; A13",
    ]

    /// Names and dates of birth that must never reach stderr, as the files spell them and as they normalize.
    static let personal = [
        "García", "Garcia", "garcia", "María", "Maria", "Nguyễn", "Nguyen", "O'Brien", "Brien", "Seán", "Smith",
        "Müller", "Muller", "Jürgen", "Jurgen", "Min-jun", "Minjun", "Okafor", "Chidi", "Ivanova", "Olga",
        "Different", "SUM(A1)", "1995-01-10", "10/01/1995", "19950110", "2002-08-17", "18/08/2002", "20020817",
        "20010203", "03/02/2001", "2001-02-03", "15/06/2000", "2000-06-15",
    ]

    static func expectNothingPersonal(_ stderr: String) {
        for text in personal { #expect(!stderr.contains(text), "stderr shows \(text)") }
    }

    static func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    static func writeCSV(_ rows: [[String]], to path: String) throws {
        try RealTools.pythonCSV(rows, to: path)
    }

    /// Rows of a CSV or XLSX file as dictionaries by heading, read by Python's csv module or openpyxl.
    static func read(_ path: String) throws -> [[String: String]] {
        let script = """
            import csv, json, sys
            path = sys.argv[1]
            if path.endswith('.xlsx'):
                import openpyxl
                rows = [['' if c is None else str(c) for c in r] for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]
            else:
                rows = list(csv.reader(open(path, newline='', encoding='utf-8')))
            print(json.dumps({'head': rows[0], 'rows': [dict(zip(rows[0], r)) for r in rows[1:]]}))
            """
        let text = try Tool.run("python3", ["-c", script, path])
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return object?["rows"] as? [[String: String]] ?? []
    }

    static func headings(_ path: String) throws -> [String] {
        let script = """
            import csv, sys
            path = sys.argv[1]
            if path.endswith('.xlsx'):
                import openpyxl
                print('\\n'.join(c.value for c in next(openpyxl.load_workbook(path).active.iter_rows(max_row=1))))
            else:
                print('\\n'.join(next(csv.reader(open(path, newline='', encoding='utf-8')))))
            """
        return try Tool.run("python3", ["-c", script, path]).split(separator: "\n").map(String.init)
    }

    /// The review file takes the format its name says, whatever the output's (read back by csv or openpyxl).
    @Test(arguments: [("csv", "csv"), ("xlsx", "xlsx"), ("csv", "xlsx"), ("xlsx", "csv")])
    func convertFillsTheFieldsAndReviewsExactlyTheRest(format: String, reviewFormat: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let applicants = directory.appendingPathComponent("applicants.csv").path
        try Self.writeCSV(Self.applicants, to: applicants)
        let output = directory.appendingPathComponent("scores.\(format)").path
        let review = directory.appendingPathComponent("review.\(reviewFormat)").path
        // The IELTS file twice: every IELTS record is a duplicate, and the review keeps one of each.
        let result = try BinaryRunner.run(
            [
                "convert", "-t", "compact", "--format", format, "--strict", "-o", output, "--applicants", applicants,
                "--review", review, Self.ielts, Self.toefl, Self.ielts,
            ])
        #expect(result.status == 0, "--strict is not affected by match results: \(result.stderrText)")
        #expect(
            result.stderrText.contains(
                "matched 7 (id 1, name-dob 4, swapped-name-dob 1, email-dob 0, email-name 1), ambiguous 1, "
                    + "conflict 1, unmatched 6"))
        #expect(try Self.mode(output) == 0o600)
        #expect(try Self.mode(review) == 0o600)
        Self.expectNothingPersonal(result.stderrText)

        let compact = [
            "testType", "scoreId", "status", "familyName", "firstName", "dateOfBirth", "testDate", "listeningScore",
            "readingScore", "writingScore", "speakingScore", "overallBandScore", "cefrLevel", "comparableIbtScore",
            "ieltsEquivalent",
        ]
        #expect(try Self.headings(output) == compact + ["applicantId", "matchStatus", "matchedBy"])
        #expect(
            try Self.headings(review) == compact + ["applicantId", "matchStatus", "matchedBy", "candidateApplicants"])
        let rows = try Self.read(output)
        #expect(rows.count == 15)
        var got: [String: [String]] = [:]
        for row in rows {
            got[row["scoreId"] ?? "", default: []] = [row["applicantId"], row["matchStatus"], row["matchedBy"]].map {
                $0 ?? "?"
            }
        }
        #expect(got == Self.expected)
        let reviewed = try Self.read(review)
        #expect(reviewed.map { $0["scoreId"] ?? "" }.sorted() == Self.review.keys.sorted())
        for row in reviewed {
            let id = row["scoreId"] ?? ""
            #expect(row["candidateApplicants"] == Self.review[id], "\(id)")
            #expect([row["applicantId"], row["matchStatus"], row["matchedBy"]].map { $0 ?? "?" } == Self.expected[id])
        }
    }

    @Test func checkCountsMatchesAndWritesOnlyTheReview() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let applicants = directory.appendingPathComponent("applicants.csv").path
        try Self.writeCSV(Self.applicants, to: applicants)
        let review = directory.appendingPathComponent("review.csv").path
        let result = try BinaryRunner.run(
            ["check", "--applicants", applicants, "--review", review, Self.ielts, Self.toefl])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("ambiguous 1, conflict 1, unmatched 6"))
        #expect(try Self.read(review).count == 8)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == [
                "applicants.csv", "review.csv",
            ])
    }

    @Test func aTemplateMayPlaceTheMatchFieldsItself() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let applicants = directory.appendingPathComponent("applicants.csv").path
        try Self.writeCSV(Self.applicants, to: applicants)
        let template = directory.appendingPathComponent("crm.json")
        try Data(#"{"name": "crm", "fields": ["applicantId", "scoreId", "Family Name", "matchStatus"]}"#.utf8)
            .write(to: template)
        let output = directory.appendingPathComponent("out.csv").path
        let review = directory.appendingPathComponent("review.csv").path
        let result = try BinaryRunner.run(
            ["convert", "-t", template.path, "-o", output, "--applicants", applicants, "--review", review, Self.toefl])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try Self.headings(output) == ["applicantId", "scoreId", "familyName", "matchStatus", "matchedBy"])
        #expect(
            try Self.headings(review) == [
                "applicantId", "scoreId", "familyName", "matchStatus", "matchedBy", "candidateApplicants",
            ])
        #expect(try Self.read(output).first?["applicantId"] == "A11")
    }

    @Test func applicantFileWarningsNameRowsAndNeverFailStrict() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let applicants = directory.appendingPathComponent("applicants.csv").path
        try Self.writeCSV(
            Self.applicants + [
                ["", "Okafor", "Chidi", "17/08/2002", "", "", ""], ["A1", "García", "María", "", "", "", ""],
            ],
            to: applicants)
        let result = try BinaryRunner.run(
            [
                "convert", "--strict", "-o", directory.appendingPathComponent("out.csv").path, "--applicants",
                applicants,
                Self.ielts,
            ])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.contains("warning: \(applicants): row 14 has no applicant id: left out"))
        #expect(
            result.stderrText.contains(
                "warning: \(applicants): row 15 has an applicant id of an earlier row: matched as that applicant"))
        #expect(result.stderrText.contains("warnings 0"))
        Self.expectNothingPersonal(result.stderrText)
    }

    @Test func aBadApplicantFileStopsTheRunWritingNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let applicants = directory.appendingPathComponent("applicants.csv").path
        let output = directory.appendingPathComponent("out.csv").path
        let review = directory.appendingPathComponent("review.csv").path
        let arguments = ["convert", "-o", output, "--applicants", applicants, "--review", review, Self.ielts]

        try Self.writeCSV([["Student", "Surname", "DOB"], ["S-77", "Okafor", "17/08/2002"]], to: applicants)
        let noId = try BinaryRunner.run(arguments)
        #expect(noId.status == 64)
        #expect(noId.stderrText.contains("its headings are \"Student\", \"Surname\", \"DOB\""))
        #expect(!noId.stderrText.contains("S-77"))
        Self.expectNothingPersonal(noId.stderrText)

        try Self.writeCSV([["ID", "Surname", "DOB"], ["A1", "Okafor", "01/02/2002"]], to: applicants)
        let ambiguous = try BinaryRunner.run(arguments)
        #expect(ambiguous.status == 65)
        #expect(ambiguous.stderrText.contains("--applicant-date-format"))
        Self.expectNothingPersonal(ambiguous.stderrText)
        let given = try BinaryRunner.run(arguments + ["--applicant-date-format", "mm/dd/yyyy"])
        #expect(given.status == 0, "\(given.stderrText)")

        // An XLSX workbook (a ZIP archive) is refused with advice until the sheet reader is merged.
        let zip = try Tool.run(
            "python3",
            [
                "-c", "import zipfile, sys; zipfile.ZipFile(sys.argv[1], 'w').writestr('xl/workbook.xml', '<x/>')",
                applicants,
            ])
        #expect(zip.isEmpty)
        let workbook = try BinaryRunner.run(arguments)
        #expect(workbook.status == 65)
        #expect(workbook.stderrText.contains("save it as CSV"))

        try FileManager.default.removeItem(atPath: applicants)
        try? FileManager.default.removeItem(atPath: output)
        try? FileManager.default.removeItem(atPath: review)
        let missing = try BinaryRunner.run(arguments)
        #expect(missing.status == 66)
        let usage = try BinaryRunner.run(["convert", "--review", review, Self.ielts])
        #expect(usage.status == 64)
        #expect(usage.stderrText.contains("--review needs --applicants FILE"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func theNightlyFetchMatchesWhatItDeliversAndReviewsOnlyThat() throws {
        let night = try CronRunTests.Night()
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.ielts))
        night.results =
            (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["results"] as? [[String: Any]] ?? []
        let applicants = night.output("applicants.csv")
        try Self.writeCSV(Self.applicants, to: applicants)
        var sandbox = try night.sandbox()
        let first = try night.run(
            sandbox, now: "2026-11-22T02:00:00Z", output: night.output("1.csv"),
            extra: ["--applicants", applicants, "--review", night.output("1-review.csv")])
        #expect(first.status == 0, "\(first.stderrText)")
        Self.expectNothingPersonal(first.stderrText)
        #expect(first.stderrText.contains("records new 8, changed 0, cancelled 1"))
        #expect(first.stderrText.contains("ambiguous 1, unmatched 2"))
        let delivered = try Self.read(night.output("1.csv"))
        #expect(delivered.count == 9)
        for row in delivered {
            let id = row["scoreId"] ?? ""
            #expect([row["applicantId"], row["matchStatus"], row["matchedBy"]].map { $0 ?? "?" } == Self.expected[id])
        }
        #expect(
            try Self.headings(night.output("1.csv")).suffix(4) == [
                "applicantId", "matchStatus", "matchedBy", "deliveryType",
            ])
        let reviewed = try Self.read(night.output("1-review.csv"))
        #expect(
            reviewed.map { $0["scoreId"] ?? "" }.sorted() == [
                "26SB000005SAND005A", "26SB000006SAND006A", "26SB000008SAND008A",
            ])
        for path in [night.output("1.csv"), night.output("1-review.csv"), night.state] {
            #expect(try Self.mode(path) == 0o600)
        }
        _ = sandbox.stop()

        // Night 2: one unmatched score is corrected; only it is delivered, so only it is reviewed.
        night.results[4]["overallBandScore"] = "8.50"
        night.results[4]["lastModifiedDate"] = "2026-11-22T10:00:00"
        sandbox = try night.sandbox()
        let second = try night.run(
            sandbox, now: "2026-11-23T02:00:00Z", output: night.output("2.csv"),
            extra: ["--applicants", applicants, "--review", night.output("2-review.csv")])
        #expect(second.status == 0, "\(second.stderrText)")
        #expect(second.stderrText.contains("records new 0, changed 1"))
        #expect(try Self.read(night.output("2-review.csv")).map { $0["scoreId"] ?? "" } == ["26SB000005SAND005A"])
        Self.expectNothingPersonal(second.stderrText)

        // A dry run writes no review.
        let dry = try night.run(
            sandbox, now: "2026-11-23T03:00:00Z", output: night.output("3.csv"),
            extra: ["--dry-run", "--applicants", applicants, "--review", night.output("3-review.csv")])
        #expect(dry.status == 0, "\(dry.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: night.output("3-review.csv")))
        _ = sandbox.stop()
    }
}

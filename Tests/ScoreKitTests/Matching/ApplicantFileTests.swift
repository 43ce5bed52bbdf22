import Foundation
import Testing

@testable import ScoreKit

/// Loading applicant files written by Python's csv module, through the file reader the run uses.
@Suite struct ApplicantFileTests {
    /// Writes `rows` with Python's csv writer and loads them.
    static func load(
        _ rows: [[String]], idColumn: String? = nil, dateFormat: DateFormat? = nil, today: CalendarDate? = nil
    ) throws -> (ApplicantDirectory, ApplicantDirectory.LoadReport) {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("applicants.csv").path
        try RealTools.pythonCSV(rows, to: path)
        let file = try InputFile.open(path)
        var cells = try ApplicantFile.rows(of: file)
        return try ApplicantDirectory.load(
            &cells, name: "applicants.csv", idColumn: idColumn, dateFormat: dateFormat, today: today,
            normalizer: NameNormalizer())
    }

    /// `--applicant-date-format` decides for dates of birth that fit more than one format, never for dates that
    /// settle one (a note says so).
    @Test func theDateFormatOptionDecidesOnlyAmbiguousDates() throws {
        let day = { (text: String) in DateFormat.isoDate.parse(text).map { Int32($0.daysSinceEpoch) } }
        let (ambiguous, quiet) = try Self.load([["ID", "DOB"], ["A1", "01/02/2000"]], dateFormat: .dayMonthYear)
        #expect(ambiguous.births == [day("2000-02-01")])
        #expect(!quiet.notes.contains { $0.contains("dates read as") })
        let (settled, report) = try Self.load(
            [["ID", "DOB"], ["A1", "01/02/2000"], ["A2", "12/31/1999"]], dateFormat: .dayMonthYear)
        #expect(settled.births == [day("2000-01-02"), day("1999-12-31")])
        #expect(
            report.notes.last
                == "applicants.csv: dates read as mm/dd/yyyy, the only format every one of them fits: "
                + "--applicant-date-format dd/mm/yyyy is for files whose dates fit more than one format")
        #expect(report.warnings.isEmpty)
    }

    /// Two-digit years of birth are put in the century that places the birth on or before the run's today.
    @Test func twoDigitYearsOfBirthAreInThePast() throws {
        let today = try #require(CalendarDate(year: 2026, month: 11, day: 22))
        let (directory, _) = try Self.load(
            [["ID", "DOB"], ["A1", "12/31/40"], ["A2", "3/14/10"], ["A3", "11/23/26"]], today: today)
        let days = ["1940-12-31", "2010-03-14", "1926-11-23"].compactMap {
            DateFormat.isoDate.parse($0).map { Int32($0.daysSinceEpoch) }
        }
        #expect(directory.births == days)
    }

    static func loadError(_ rows: [[String]], idColumn: String? = nil) -> MatchingError? {
        do {
            _ = try load(rows, idColumn: idColumn)
            return nil
        } catch let error as MatchingError {
            return error
        } catch {
            return nil
        }
    }

    @Test(arguments: [
        ["applicantId", "familyName", "firstName", "dateOfBirth", "email"],
        ["Applicant ID", "Family Name", "First Name", "Date of Birth", "Email"],
        ["ID", "Last Name", "Given Name", "DOB", "Email Address"],
        ["reference", "SURNAME", "given name", "BirthDate", "E-mail"],
        [" Applicant_ID ", "last_name", "First-Name", "date of birth", "EMAIL ADDRESS"],
    ])
    func headingSynonyms(header: [String]) throws {
        let (directory, report) = try Self.load([header, ["A1", "García", "María", "1995-01-10", "M@Example.org"]])
        #expect(directory.ids == ["A1"])
        #expect(directory.families == ["garcia"])
        #expect(directory.firsts == ["maria"])
        #expect(directory.births == [Int32(try #require(CalendarDate(year: 1995, month: 1, day: 10)).daysSinceEpoch)])
        #expect(directory.emails == ["m@example.org"])
        #expect(report.warnings.isEmpty)
        #expect(report.notes.count == 1)
    }

    @Test func theIdColumnIsTheFirstOfTheListOrTheOneNamed() throws {
        let rows = [["Reference", "ID", "Student Number", "applicantId", "Surname"], ["R1", "I1", "S1", "P1", "Kim"]]
        #expect(try Self.load(rows).0.ids == ["P1"])
        #expect(try Self.load(rows, idColumn: "student number").0.ids == ["S1"])
        #expect(try Self.load(Array(rows.map { Array($0.prefix(2)) })).0.ids == ["I1"])
    }

    @Test func aMissingIdColumnNamesTheHeadingsAndNoRowContent() throws {
        let rows = [["Name", "Surname", "DOB"], ["Student 7", "Okafor", "2002-08-17"]]
        let error = try #require(Self.loadError(rows))
        #expect(error.exitCode == .usage)
        #expect(
            error.description
                == "applicants.csv: no applicant id column: head it \"applicantId\", \"Applicant ID\", \"ID\", "
                + "\"Reference\" or name it with --applicant-id-column NAME; its headings are \"Name\", \"Surname\", "
                + "\"DOB\"")
        let named = try #require(Self.loadError(rows, idColumn: "Student Number"))
        #expect(named.description.hasPrefix("applicants.csv: no column \"Student Number\" (--applicant-id-column)"))
        // No header row: the first row is data, and is not shown.
        let headless = try #require(Self.loadError([["S1", "Okafor", "Chidi", "2002-08-17"]]))
        #expect(headless.exitCode == .usage)
        for content in ["S1", "Okafor", "Chidi", "2002"] { #expect(!headless.description.contains(content)) }
        #expect(headless.description.contains("the file needs a header row"))
    }

    @Test(arguments: DateFormat.allCases)
    func datesOfBirthInEveryInputFormat(format: DateFormat) throws {
        let dates = [(1995, 1, 25), (2001, 12, 3), (1988, 7, 14)].compactMap {
            CalendarDate(year: $0, month: $1, day: $2)
        }
        var rows = [["ID", "DOB"]]
        for (index, date) in dates.enumerated() { rows.append(["A\(index)", format.format(date)]) }
        let (directory, report) = try Self.load(rows)
        #expect(directory.births == dates.map { Int32($0.daysSinceEpoch) })
        #expect(report.notes[0].contains("(\(format.rawValue))"))
    }

    @Test func ambiguousDatesStopTheRunUnlessAFormatIsGiven() throws {
        let rows = [["ID", "DOB"], ["A1", "01/02/1990"], ["A2", "03/04/1991"]]
        let error = try #require(Self.loadError(rows))
        #expect(error.exitCode == .dataError)
        #expect(
            error.description
                == "applicants.csv: ambiguous dates of birth: every one reads as dd/mm/yyyy or mm/dd/yyyy; pass "
                + "--applicant-date-format dd/mm/yyyy (or another of them)")
        let (directory, _) = try Self.load(rows, dateFormat: .dayMonthYear)
        #expect(directory.births[0] == Int32(try #require(CalendarDate(year: 1990, month: 2, day: 1)).daysSinceEpoch))
    }

    @Test func oneApplicantInOneRowIsSingular() throws {
        let (_, report) = try Self.load([["ID", "Surname", "First Name", "DOB"], ["A1", "Ode", "Ada", "1995-01-10"]])
        #expect(report.notes[0].hasPrefix("applicants.csv: 1 applicant in 1 row; columns id \"ID\""))
    }

    @Test func emptyIdsRepeatedIdsAndUnreadableDatesAreWarningsNamingRowsOnly() throws {
        let (directory, report) = try Self.load([
            ["ID", "Surname", "First Name", "DOB"],
            ["A1", "García", "María", "1995-01-10"],
            ["", "Okafor", "Chidi", "2002-08-17"],
            ["A1", "Garcia Lopez", "Maria", "1995-01-10"],
            ["A2", "Kim", "Min-jun", "31-31-2001"],
            ["A3", "Lee", "Min", ""],
        ])
        #expect(directory.ids == ["A1", "A1", "A2", "A3"])
        #expect(directory.owners == [0, 0, 2, 3])
        #expect(directory.births[2] == ApplicantDirectory.noBirth)
        #expect(
            report.warnings == [
                "applicants.csv: row 3 has no applicant id: left out",
                "applicants.csv: row 4 has an applicant id of an earlier row: matched as that applicant",
                "applicants.csv: row 5 has a date of birth that is not yyyy-mm-dd: matched only by reported id or "
                    + "by email and family name",
            ])
        #expect(report.notes[0].hasPrefix("applicants.csv: 3 applicants in 4 rows; columns id \"ID\""))
        for text in report.notes + report.warnings {
            for personal in ["García", "Garcia", "Okafor", "Kim", "1995", "2002", "31-31"] {
                #expect(!text.contains(personal))
            }
        }
    }

    @Test func manyBadRowsAreListedFiveAndCounted() throws {
        var rows = [["ID", "Surname"]]
        for _ in 0..<8 { rows.append(["", "Kim"]) }
        let (_, report) = try Self.load(rows)
        #expect(report.warnings == ["applicants.csv: rows 2, 3, 4, 5, 6 and 3 more have no applicant id: left out"])
        #expect(
            report.notes.last
                == "applicants.csv: no first name, date of birth, email column: the rules that need it cannot match")
    }

    @Test func anEmptyOrMissingFileIsAnInputError() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("empty.csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        var cells = try ApplicantFile.rows(of: try InputFile.open(path))
        #expect(throws: MatchingError.self) {
            try ApplicantDirectory.load(&cells, name: "empty.csv", normalizer: NameNormalizer())
        }
        #expect(throws: InputError.self) { try InputFile.open(directory.appendingPathComponent("none.csv").path) }
    }
}

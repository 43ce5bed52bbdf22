import Testing

@testable import ScoreKit

/// Rows held in memory: the applicant file's reader protocol over an array, for rule tables.
struct ArrayRows: CellRows {
    var rows: [[String]]

    mutating func nextRow() throws(InputError) -> [String]? {
        rows.isEmpty ? nil : rows.removeFirst()
    }
}

/// The matching rules as a table: one applicant file, one score per case.
@Suite struct MatcherTests {
    static let applicants: [[String]] = [
        ["applicantId", "familyName", "firstName", "dateOfBirth", "email", "trfNumber", "appointmentNumber"],
        ["A01", "García", "María", "1995-01-10", "maria@example.org", "", ""],
        ["A02", "Nguyen", "Thi", "1996-02-11", "", "", ""],
        ["A03", "O'Brien", "Seán", "1997-03-12", "", "", ""],
        ["A04", "Smith-Jones", "Anna-Lena", "1990-05-05", "", "", ""],
        ["A05", "Wang", "J.", "1992-02-02", "", "", ""],
        ["A06", "Lee", "Min", "2000-01-01", "", "", ""],
        ["A07", "Lee", "Min", "2000-01-01", "", "", ""],
        ["A08", "Okafor", "Chidi", "2002-08-17", "chidi@example.org", "", ""],
        ["A09", "Ivanova", "Olga", "", "olga@example.org", "", ""],
        ["A10", "Petrov", "Ivan", "1985-03-03", "ivan@example.org", "", ""],
        ["A11", "Kowalski", "Jan", "1991-07-07", "", "26AB000001XYZA001A", ""],
        ["A12", "Brown", "Tom", "1993-09-09", "", "", "2025071621000001; 2025071621000009"],
        ["A13", "Groß", "Jürgen", "1980-01-01", "", "", ""],
        ["A14", "Østergaard", "Søren", "1981-02-02", "", "", ""],
        ["A15", "Cæsar", "Œdipe", "1982-03-03", "", "", ""],
        ["A16", "Wałęsa", "Łukasz", "1983-04-04", "", "", ""],
        ["A17", "Đorđević", "Đorđe", "1984-05-05", "", "", ""],
        ["A18", "Þórsdóttir", "Þóra", "1986-06-06", "", "", ""],
        ["A19", "Twin", "Same", "1999-09-09", "", "26AB000002XYZA002A", ""],
        ["A20", "Other", "Twin", "1998-08-08", "", "26AB000002XYZA002A", ""],
        ["A01", "Garcia Lopez", "Maria", "1995-01-10", "maria.gl@example.org", "", ""],
        ["A21", "Kim", "Min-jun", "2001-07-16", "", "", ""],
    ]

    static func matcher() throws -> Matcher {
        var rows = ArrayRows(rows: applicants)
        let normalizer = NameNormalizer()
        let (directory, _) = try ApplicantDirectory.load(&rows, name: "applicants.csv", normalizer: normalizer)
        return Matcher(directory: directory, normalizer: normalizer)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var family: String
        var first: String
        var dob: String
        var email = ""
        var id = ""
        var toefl = false
        var status: MatchStatus
        var rule: MatchRule?
        var applicant = ""
        var candidates: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "exact", family: "García", first: "María", dob: "1995-01-10", status: .matched, rule: .nameDob,
            applicant: "A01"),
        Case(
            name: "accents stripped", family: "GARCIA", first: "MARIA", dob: "1995-01-10", status: .matched,
            rule: .nameDob, applicant: "A01"),
        Case(
            name: "swapped names, accents", family: "Thị", first: "Nguyễn", dob: "1996-02-11", status: .matched,
            rule: .swappedNameDob, applicant: "A02"),
        Case(
            name: "apostrophe U+2019", family: "O\u{2019}Brien", first: "Sean", dob: "1997-03-12",
            status: .matched, rule: .nameDob, applicant: "A03"),
        Case(
            name: "apostrophe dropped", family: "OBRIEN", first: "S", dob: "1997-03-12", status: .matched,
            rule: .nameDob, applicant: "A03"),
        Case(
            name: "hyphens as spaces", family: "Smith Jones", first: "Anna Lena", dob: "1990-05-05",
            status: .matched, rule: .nameDob, applicant: "A04"),
        Case(
            name: "hyphens joined", family: "SmithJones", first: "Annalena", dob: "1990-05-05", status: .matched,
            rule: .nameDob, applicant: "A04"),
        Case(
            name: "first token", family: "Smith-Jones", first: "Anna", dob: "1990-05-05", status: .matched,
            rule: .nameDob, applicant: "A04"),
        Case(
            name: "applicant gave an initial", family: "Wang", first: "Jun", dob: "1992-02-02", status: .matched,
            rule: .nameDob, applicant: "A05"),
        Case(
            name: "another initial", family: "Wang", first: "Li", dob: "1992-02-02", status: .unmatched,
            rule: nil, candidates: ["A05"]),
        Case(
            name: "namesakes, same birth date", family: "Lee", first: "Min", dob: "2000-01-01",
            status: .ambiguous, rule: .nameDob, candidates: ["A06", "A07"]),
        Case(
            name: "wrong date of birth", family: "Okafor", first: "Chidi", dob: "2002-08-18", status: .unmatched,
            rule: nil, candidates: ["A08"]),
        Case(
            // A family's shared address: another date of birth is another person (a sibling), or a typo a person
            // decides.
            name: "wrong date of birth, the email does not save it", family: "Okafor", first: "Chidi",
            dob: "2002-08-18", email: "Chidi@Example.org", status: .unmatched, rule: nil, candidates: ["A08"]),
        Case(
            name: "email only, with family name", family: "IVANOVA", first: "Olga", dob: "1990-01-01",
            email: " OLGA@example.org ", status: .matched, rule: .emailName, applicant: "A09"),
        Case(
            name: "email and date of birth, another family name (married)", family: "Sokolova", first: "Ivan",
            dob: "1985-03-03", email: "ivan@example.org", status: .matched, rule: .emailDob, applicant: "A10"),
        Case(
            // An agent's address: the same email and date of birth, but neither name agrees.
            name: "email and date of birth, other names", family: "Petrova", first: "Vanya", dob: "1985-03-03",
            email: "ivan@example.org", status: .unmatched, rule: nil, candidates: ["A10"]),
        Case(
            name: "email alone", family: "Petrova", first: "Vanya", dob: "1985-03-04", email: "ivan@example.org",
            status: .unmatched, rule: nil, candidates: ["A10"]),
        Case(
            // A11 reported the TRF, but was born on another day: a conflict, with A01 (name and date of birth) beside.
            name: "a reported TRF with another date of birth", family: "García", first: "María", dob: "1995-01-10",
            id: "26AB000001XYZA001A", status: .conflict, rule: .id, candidates: ["A11", "A01"]),
        Case(
            name: "a reported TRF with the same date of birth beats names", family: "Kowalska", first: "Janina",
            dob: "1991-07-07", id: "26AB000001XYZA001A", status: .matched, rule: .id, applicant: "A11"),
        Case(
            name: "reported appointment, second of two", family: "Brown", first: "T.", dob: "", id: "2025071621000009",
            toefl: true, status: .matched, rule: .id, applicant: "A12"),
        Case(
            name: "a TRF is not an appointment number", family: "X", first: "Y", dob: "",
            id: "2025071621000001", status: .unmatched, rule: nil),
        Case(
            name: "two applicants reported the TRF", family: "Twin", first: "Same", dob: "1999-09-09",
            id: "26AB000002XYZA002A", status: .ambiguous, rule: .id, candidates: ["A19", "A20"]),
        Case(
            name: "ß", family: "Gross", first: "Jurgen", dob: "1980-01-01", status: .matched, rule: .nameDob,
            applicant: "A13"),
        Case(
            name: "ø", family: "OSTERGAARD", first: "Soren", dob: "1981-02-02", status: .matched, rule: .nameDob,
            applicant: "A14"),
        Case(
            name: "æ œ", family: "Caesar", first: "Oedipe", dob: "1982-03-03", status: .matched, rule: .nameDob,
            applicant: "A15"),
        Case(
            name: "ł", family: "Walesa", first: "Lukasz", dob: "1983-04-04", status: .matched, rule: .nameDob,
            applicant: "A16"),
        Case(
            name: "đ", family: "Dordevic", first: "Dorde", dob: "1984-05-05", status: .matched, rule: .nameDob,
            applicant: "A17"),
        Case(
            name: "þ", family: "Thorsdottir", first: "Thora", dob: "1986-06-06", status: .matched,
            rule: .nameDob, applicant: "A18"),
        Case(
            name: "one applicant on two rows", family: "Garcia Lopez", first: "Maria", dob: "1995-01-10",
            email: "maria@example.org", status: .matched, rule: .nameDob, applicant: "A01"),
        Case(
            name: "same date of birth only", family: "Nobody", first: "Else", dob: "2000-01-01",
            status: .unmatched, rule: nil, candidates: ["A06", "A07"]),
        Case(
            name: "nothing in common", family: "Nobody", first: "Else", dob: "1970-01-01", status: .unmatched,
            rule: nil),
        Case(
            name: "hyphenated first name, swapped", family: "Min-jun", first: "Kim", dob: "2001-07-16",
            status: .matched, rule: .swappedNameDob, applicant: "A21"),
    ]

    @Test(arguments: cases)
    func rule(_ example: Case) throws {
        var score = TestScore(test: example.toefl ? .toeflIBT : .ieltsAcademic)
        score.id = example.id
        score.candidate.familyName = example.family
        score.candidate.firstName = example.first
        score.candidate.email = example.email
        score.candidate.dateOfBirth = DateFormat.isoDate.parse(example.dob).map { .valid($0) }
        let result = try Self.matcher().match(score)
        #expect(result.status == example.status)
        #expect(result.rule == example.rule)
        #expect(result.applicantId == example.applicant)
        #expect(result.candidates == example.candidates)
    }

    @Test func candidatesComeInTheirDocumentedOrder() throws {
        // Same date of birth and family (tier 2) before the same family with a compatible first name (tier 3)
        // before the same date of birth alone (tier 4) before the same family alone (tier 5).
        var rows = ArrayRows(rows: [
            ["ID", "Surname", "First Name", "DOB", "Email"],
            ["F5", "Lopez", "Zed", "1960-01-01", ""],
            ["F4", "Unrelated", "Person", "1970-05-05", ""],
            ["F3", "Lopez", "Ana Maria", "1971-01-01", ""],
            ["F2", "Lopez", "Xavier", "1970-05-05", ""],
            ["F1", "Someone", "Else", "1999-01-01", "ana@example.org"],
            ["F6", "Lopez", "Yolanda", "1960-01-02", ""],
        ])
        let normalizer = NameNormalizer()
        let (directory, _) = try ApplicantDirectory.load(&rows, name: "a.csv", normalizer: normalizer)
        var score = TestScore(test: .ieltsAcademic)
        score.candidate.familyName = "López"
        score.candidate.firstName = "Ana"
        score.candidate.email = "ana@example.org"
        score.candidate.dateOfBirth = .valid(try #require(CalendarDate(year: 1970, month: 5, day: 5)))
        let result = Matcher(directory: directory, normalizer: normalizer).match(score)
        #expect(result.status == .unmatched)
        #expect(result.candidates == ["F1", "F2", "F3", "F4", "F5"])
    }
}

import Testing

@testable import ScoreKit

@Suite struct RowMapperTests {
    /// The records of a CSV text, as the second pass maps them.
    static func records(_ csv: String, dateFormat: DateFormat = .compact) throws -> [TestScore] {
        let reader = CSVRowReader(source: MemorySource(csv, chunkSize: 7), name: "t.csv")
        let header = try CSVHeader(reader: reader, name: "t.csv")
        let rows = CSVRows(reader: reader, name: "t.csv", header: header, dateFormat: dateFormat)
        var records: [TestScore] = []
        var score = TestScore(test: .ieltsAcademic)
        while try rows.next(into: &score) { records.append(score) }
        return records
    }

    static func one(_ csv: String) throws -> TestScore {
        let all = try records(csv)
        try #require(all.count == 1)
        return all[0]
    }

    @Test(arguments: [
        ("Academic", TestKind.ieltsAcademic), ("AC", .ieltsAcademic), ("a", .ieltsAcademic),
        (" academic ", .ieltsAcademic),
        ("General Training", .ieltsGeneralTraining), ("GT", .ieltsGeneralTraining), ("g", .ieltsGeneralTraining),
        ("General", .ieltsGeneralTraining), ("IELTS General Training", .ieltsGeneralTraining),
    ])
    func moduleSpellings(value: String, kind: TestKind) throws {
        let score = try Self.one("trfNumber,Module\n26GB000001GARM001A,\(value)\n")
        #expect(score.test == kind)
        #expect(score.sourceProblems.isEmpty)
    }

    /// An unknown module is never silently a default: a warning says how the record was read (never the value: in
    /// a row whose fields slipped it may be a name), and the value is kept to be written back.
    @Test func unknownModuleIsWarnedAboutAndKept() throws {
        let score = try Self.one("trfNumber,Module\n26GB000001GARM001A,Foo\n")
        #expect(score.sourceProblems == [.unknownTest(field: "Module", value: "Foo", readAs: .ieltsAcademic)])
        let message = "\(RecordProblem.source(score.sourceProblems[0]))"
        #expect(message.contains("Module is not a test or module scoreimport knows: read as IELTS Academic"))
        #expect(!message.contains("Foo"))
        #expect(score.text[.sourceModule] == "Foo")
        #expect(score.moduleIsGuessed)
        // The project's own file names the test in testType as well: read as that, the Module value kept.
        let own = try Self.one("trfNumber,testType,Module\n26GB000001GARM001A,IELTS General Training,Foo\n")
        #expect(own.test == .ieltsGeneralTraining)
        #expect(own.sourceProblems == [.unknownTest(field: "Module", value: "Foo", readAs: .ieltsGeneralTraining)])
        // The module is testType's, not a guess: a --module filter applies to it. The value is still kept.
        #expect(!own.moduleIsGuessed)
        #expect(own.text[.sourceModule] == "Foo")
    }

    /// An IELTS row with an empty Module, in a file with the column, is Academic by a guess that is said; a TOEFL
    /// row leaves it empty as it should, and a file without the column says so once in a note instead.
    @Test func anEmptyModuleOnAnIELTSRowIsAGuessThatIsSaid() throws {
        let records = try Self.records(
            "trfNumber,appointmentNumber,Module\n26GB000001GARM001A,,\n,2026010112345678,\n26GB000002GARM001A,,GT\n")
        #expect(records.map(\.test) == [.ieltsAcademic, .toeflIBT26, .ieltsGeneralTraining])
        #expect(records.map(\.sourceProblems) == [[.missingModule], [], []])
        #expect(records.map(\.moduleIsGuessed) == [true, false, false])
        #expect(try Self.one("trfNumber\n26GB000001GARM001A\n").sourceProblems.isEmpty)
        // testType "IELTS" names the family only (as written for a guess): the module is still a guess, said once.
        let family = try Self.one("trfNumber,testType,Module\n26GB000001GARM001A,IELTS,\n")
        #expect(family.test == .ieltsAcademic)
        #expect(family.sourceProblems == [.missingModule])
        #expect(family.moduleIsGuessed)
        let named = try Self.one("trfNumber,testType,Module\n26GB000001GARM001A,ielts,GT\n")
        #expect(named.test == .ieltsGeneralTraining)
        #expect(named.sourceProblems.isEmpty && !named.moduleIsGuessed)
    }

    /// testType naming one module and Module the other is a conflict: read as Module says (it has the last word),
    /// and said, never silently.
    @Test func testTypeAndModuleThatDisagreeAreWarnedAbout() throws {
        let score = try Self.one("trfNumber,testType,Module\n26GB000001GARM001A,IELTS Academic,General Training\n")
        #expect(score.test == .ieltsGeneralTraining)
        #expect(score.sourceProblems == [.moduleConflict(testType: .ieltsAcademic, module: .ieltsGeneralTraining)])
        #expect(score.sourceProblems[0].kind == "module-conflict")
        #expect(
            "\(score.sourceProblems[0])"
                == "testType says IELTS Academic but Module says General Training: read as IELTS General Training")
        #expect(!score.moduleIsGuessed)
        let agreeing = try Self.one("trfNumber,testType,Module\n26GB000001GARM001A,IELTS General Training,GT\n")
        #expect(agreeing.sourceProblems.isEmpty)
    }

    @Test(arguments: [
        ("M", Gender.male), ("f", .female), ("U", .unspecified), ("Male", .male), ("FEMALE", .female),
    ])
    func genderSpellings(value: String, gender: Gender) throws {
        let score = try Self.one("trfNumber,gender\n26GB000001GARM001A,\(value)\n")
        #expect(score.candidate.gender == gender)
        #expect(score.sourceProblems.isEmpty)
    }

    /// Scores with a decimal comma, as a German or French spreadsheet saves them, read as the point they stand for;
    /// anything else with a comma stays what it was: not a score.
    @Test(arguments: [
        ("8,0", "8.0"), ("6,5", "6.5"), (" 7,5 ", "7.5"), ("25", "25.0"), ("6,5,5", nil), ("6.5,0", nil),
        ("1,000", nil), ("6,", nil),
    ])
    func decimalCommaScores(text: String, expected: String?) throws {
        let score = try Self.one("trfNumber;listeningScore\n26GB000001GARM001A;\(text)\n")
        #expect(score.scores.listening?.value?.formatted(decimals: 1) == expected)
        if expected == nil { #expect(score.scores.listening == .invalid(text)) }
    }

    @Test func unknownGenderKeepsTheValue() throws {
        let score = try Self.one("trfNumber,gender\n26GB000001GARM001A,X\n")
        #expect(score.candidate.gender == .unspecified)
        #expect(score.candidate.genderCode == "X")
        #expect(score.sourceProblems == [.unknownGender(value: "X")])
        // The problems file keeps the value; stderr does not show it (it may be a word of a slipped row).
        #expect(RecordProblem.source(score.sourceProblems[0]).value == "X")
        // One problem, one warning: the validator does not say it again about the kept genderCode.
        let problems = Validator(today: CalendarDate(year: 2026, month: 11, day: 20).unsafelyUnwrapped)
            .problems(in: score)
        #expect(problems.filter { ["gender", "genderCode"].contains($0.field) }.map(\.kind) == ["unknown-gender"])
    }

    /// Without a Module or testType value, the id's shape and the scores tell the test.
    @Test(arguments: [
        ("appointmentNumber,overallBandScore\n2026011000000001,5.5\n", TestKind.toeflIBT26),
        ("scoreId,overallBandScore\n2026011000000001,98\n", .toeflIBT),
        ("scoreId,overallBandScore\n26GB000001GARM001A,6.5\n", .ieltsAcademic),
        ("familyName,overallBandScore,listeningScore\nLee,98,25\n", .toeflIBT),
        ("familyName,overallBandScore,listeningScore\nLee,9,10\n", .toeflEssentials),
        ("familyName,overallBandScore\nLee,6.5\n", .ieltsAcademic),
        ("familyName,scoreScale,overallBandScore\nLee,1-6,4.5\n", .toeflIBT26),
        // A guide-example file: TOEFL rows leave Module and trfNumber empty.
        ("familyName,Module,trfNumber,overallBandScore\nLee,,,4.5\n", .toeflIBT26),
        ("familyName,Module,trfNumber,overallBandScore\nLee,,,98\n", .toeflIBT),
        ("familyName,Module,trfNumber,overallBandScore\nLee,Academic,26GB000001GARM001A,6.5\n", .ieltsAcademic),
        ("testType,Module,overallBandScore\nTOEFL iBT 0-120,,98\n", .toeflIBT),
    ])
    func testFromIdAndScale(csv: String, kind: TestKind) throws {
        let score = try Self.one(csv)
        #expect(score.test == kind)
    }

    /// A TOEFL scale told by scores alone is a guess when another scale reads them too: said, never silent (a 6
    /// is C2 on 1-6 and a low result on Essentials). A scoreScale or testType value, or a score only one scale
    /// reaches, settles it.
    @Test(arguments: [
        (
            "appointmentNumber,overallBandScore\n2026011000000001,6\n",
            [SourceProblem.scaleGuessed(readAs: .toeflIBT26, other: .toeflEssentials)]
        ),
        (
            "appointmentNumber,overallBandScore\n2026011000000001,10\n",
            [.scaleGuessed(readAs: .toeflEssentials, other: .toeflIBT)]
        ),
        ("appointmentNumber,overallBandScore\n2026011000000001,98\n", []),
        ("appointmentNumber,scoreScale,overallBandScore\n2026011000000001,1-6,6\n", []),
        ("appointmentNumber,testType,overallBandScore\n2026011000000001,TOEFL Essentials,6\n", []),
        ("appointmentNumber,overallBandScore\n2026011000000001,\n", []),
    ])
    func aScaleToldByScoresAloneIsSaidWhenAnotherReadsThem(csv: String, problems: [SourceProblem]) throws {
        let score = try Self.one(csv)
        #expect(score.sourceProblems == problems)
        if let problem = problems.first {
            #expect(problem.kind == "scale-guessed")
            #expect("\(problem)".hasSuffix("reads them too (add a testType column)"))
        }
    }

    /// What spreadsheets do to ids: kept as they came, and warned about.
    @Test(arguments: [
        ("appointmentNumber,Module\n2.02601E+15,\n", SourceProblem.scientificNotation(field: "appointmentNumber")),
        (
            "appointmentNumber\n202601100000001\n",
            .lostLeadingZeros(field: "appointmentNumber", digits: 15, expected: 16)
        ),
        (
            "trfNumber,candidateNumber\n26GB000001GARM001A,20279\n",
            .lostLeadingZeros(field: "candidateNumber", digits: 5, expected: 6)
        ),
        ("trfNumber,candidateNumber\n26GB000001GARM001A,2.0279E+4\n", .scientificNotation(field: "candidateNumber")),
        ("trfNumber,postcode\n26GB000001GARM001A,5.01E+2\n", .scientificNotation(field: "postcode")),
    ])
    func spreadsheetNumbers(csv: String, problem: SourceProblem) throws {
        let score = try Self.one(csv)
        #expect(score.sourceProblems == [problem])
        #expect(!"\(problem)".contains("E+"), "the value is not shown")
    }

    @Test func idsThatSpreadsheetsLeftAloneAreNotWarnedAbout() throws {
        let score = try Self.one("trfNumber,candidateNumber,postcode\n26GB000001GARM001A,020279,00501\n")
        #expect(score.sourceProblems.isEmpty)
        #expect(score.session.candidateNumber == "020279")
        #expect(score.candidate.postcode == "00501")
    }

    /// Blank lines and Excel's `,,,,` rows are not records; short rows are padded and warned about; extra empty
    /// fields are accepted; values are trimmed.
    @Test func rowShapes() throws {
        let csv = "trfNumber,familyName,firstName,town\r\n\r\nA1, García ,Zoë,Oslo,,\r\n,,,\r\nA2,Lee\r\n ,\t, ,\r\n"
        let all = try Self.records(csv)
        #expect(all.map(\.id) == ["A1", "A2"])
        #expect(all[0].candidate.familyName == "García")
        #expect(all[0].sourceProblems.isEmpty)
        #expect(all[1].sourceProblems == [.shortRow(line: 5, fields: 2, expected: 4)])
        #expect(!"\(all[1].sourceProblems[0])".contains("Lee"))
    }

    @Test func extraValuesAreAnError() {
        #expect {
            _ = try Self.records("trfNumber,familyName\nA1,Lee,,oops\n")
        } throws: { error in
            "\(error)" == "t.csv: malformed document: line 2: a value in field 4, past the header's 2 columns"
        }
    }

    @Test func duplicatedHeadingNamesBothColumns() {
        #expect {
            _ = try Self.records("familyName,trfNumber,Family Name\nLee,A1,Li\n")
        } throws: { error in
            "\(error)".contains("columns 1 (\"familyName\") and 3 (\"Family Name\") are both the field familyName")
        }
    }

    /// A file without a header row: the message says so without quoting the line (a name and a birth date).
    @Test func missingHeaderRowQuotesNothing() {
        #expect {
            _ = try Self.records("García,María,14/04/2003,F\n")
        } throws: { error in
            let text = "\(error)"
            return text.contains("4 fields separated by commas") && !text.contains("García") && !text.contains("2003")
        }
    }

    @Test func formulaGuardIsRemovedAndExcelTextUnwrapped() throws {
        let score = try Self.one("trfNumber,familyName,Telephone,postcode\nA1,'=cmd,'+44 20,=\"00501\"\n")
        #expect(score.candidate.familyName == "=cmd")
        #expect(score.candidate.telephone == "+44 20")
        #expect(score.candidate.postcode == "00501")
    }
}

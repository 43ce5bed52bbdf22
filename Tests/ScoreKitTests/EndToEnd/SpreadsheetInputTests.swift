import Foundation
import Testing

/// CSV files as Python's csv module and LibreOffice write them (other encodings, delimiters, line ends, what
/// spreadsheets do to values), read by the built binary.
@Suite struct SpreadsheetInputTests {
    static let header = [
        "centreNumber", "candidateNumber", "testDate", "Module", "familyName", "firstName", "dateOfBirth", "gender",
        "listeningScore", "readingScore", "writingScore", "speakingScore", "overallBandScore", "trfNumber",
        "Telephone", "addressLine1", "postcode",
    ]
    static let rows: [[String]] = [
        header,
        [
            "SIT02", "020279", "20260105", "Academic", "García", "María", "20030414", "F", "7.0", "6.5", "6.0",
            "7.0", "6.5", "26GB000001GARM001A", "0044123456", "10 Rue de l'Église", "00501",
        ],
        [
            "GBS03", "000595", "20260220", "General Training", "Smith, Jr.", "Zoë", "19820502", "M", "8.5", "8.0",
            "7.5", "7.5", "8.0", "26GB000595ZOLJS03G", "+44 20 7946", "Flat \"B\", 2nd floor", "SW1A 1AA",
        ],
        [
            "IN01", "123456", "20260309", "GT", "Müller", "Søren", "19991231", "Male", "5.5", "6.0", "5.0", "6.0",
            "5.5", "26IN123456ABCD001A", "-12345", "@home", "01234",
        ],
    ]
    /// Names and dates of birth that must never reach stderr.
    static let personal = ["García", "María", "Smith", "Zoë", "Müller", "Søren", "Église", "20030414", "19991231"]

    static func convert(_ arguments: [String]) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["convert"] + arguments)
    }

    static func expectNoPersonalData(_ stderr: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for word in personal {
            #expect(!stderr.contains(word), "stderr quotes \(word): \(stderr)", sourceLocation: sourceLocation)
        }
    }

    /// The reference: UTF-8, commas, CRLF.
    static func reference(in directory: URL) throws -> BinaryRunner.Result {
        let path = directory.appendingPathComponent("reference.csv").path
        try RealTools.pythonCSV(rows, to: path, encoding: "utf-8", delimiter: ",", terminator: "\r\n")
        let result = try convert([path])
        #expect(result.status == 0, "\(result.stderrText)")
        return result
    }

    @Test(arguments: [
        ("utf-8-sig", ";", "\r\n", ""), ("cp1252", ",", "\r\n", "read as Windows-1252"),
        ("cp1252", ";", "\n", "read as Windows-1252"), ("utf-16", "\t", "\r\n", ""),
        ("utf-16-be-bom", ",", "\r\n", ""), ("utf-8", ",", "\r", ""), ("utf-8", "\t", "\n", ""),
        ("mac_roman", ",", "\r", "read as Mac Roman, since its lines end in CR alone, as Mac Excel writes them"),
        ("mac_roman", ";", "\r", "read as Mac Roman"), ("cp1252", ",", "\n", "read as Windows-1252, Windows Excel's"),
    ])
    func encodingsDelimitersAndLineEnds(encoding: String, delimiter: String, terminator: String, note: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let expected = try Self.reference(in: directory)
        let path = directory.appendingPathComponent("input.csv").path
        try RealTools.pythonCSV(Self.rows, to: path, encoding: encoding, delimiter: delimiter, terminator: terminator)
        let result = try Self.convert([path])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == expected.stdoutText)
        #expect(!result.stdoutText.contains("\u{FFFD}"))
        if note.isEmpty {
            #expect(
                result.stderrText == expected.stderrText.replacingOccurrences(of: "reference.csv", with: "input.csv"))
        } else {
            #expect(result.stderrText.contains("input.csv: not UTF-8 (line 2 is the first line that is not): \(note)"))
        }
        Self.expectNoPersonalData(result.stderrText)
    }

    @Test func inputEncodingAndDelimiterOptions() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let expected = try Self.reference(in: directory)
        let path = directory.appendingPathComponent("input.csv").path
        try RealTools.pythonCSV(Self.rows, to: path, encoding: "cp1252", delimiter: ";", terminator: "\r\n")
        let forced = try Self.convert(["--input-encoding", "windows-1252", "--delimiter", "semicolon", path])
        #expect(forced.status == 0)
        #expect(forced.stdoutText == expected.stdoutText)
        #expect(!forced.stderrText.contains("Windows-1252"), "no note when the encoding was given")
        let refused = try Self.convert(["--input-encoding", "utf-8", path])
        #expect(refused.status == 65)
        #expect(refused.stderrText.contains("input.csv: malformed document: line 2 is not valid UTF-8"))
        Self.expectNoPersonalData(refused.stderrText)
        let wrongDelimiter = try Self.convert(["--delimiter", "tab", path])
        #expect(wrongDelimiter.status == 65)
        #expect(wrongDelimiter.stderrText.contains("holds no E-Delivery column headings"))
        for bad in [["--input-encoding", "ebcdic"], ["--delimiter", "::"]] {
            #expect(try Self.convert(bad + [path]).status == 64)
        }
    }

    /// Mac Excel's "CSV (Macintosh)" is Mac Roman with CR line ends, read as such unasked (above). Mac Roman with
    /// other line ends is read as Windows-1252, as a note says, until `--input-encoding mac-roman` says otherwise.
    @Test func macRomanWithOtherLineEndsTakesTheOption() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let expected = try Self.reference(in: directory)
        let path = directory.appendingPathComponent("input.csv").path
        try RealTools.pythonCSV(Self.rows, to: path, encoding: "mac_roman", delimiter: ",", terminator: "\r\n")
        let guessed = try Self.convert(["-t", "compact", path])
        #expect(guessed.status == 0)
        #expect(guessed.stdoutText.contains(",Garc\u{2019}a,Mar\u{2019}a,"), "Windows-1252 reads í (0x92) as ’")
        #expect(
            guessed.stderrText.contains(
                "read as Windows-1252, Windows Excel's encoding, since its lines do not "
                    + "end in CR alone as Mac Excel's do; --input-encoding chooses another encoding"))
        for name in ["mac-roman", "macintosh", "mac_roman"] {
            let forced = try Self.convert(["--input-encoding", name, path])
            #expect(forced.status == 0, "\(forced.stderrText)")
            #expect(forced.stdoutText == expected.stdoutText)
            #expect(!forced.stderrText.contains("not UTF-8"), "no note when the encoding was given")
        }
    }

    /// LibreOffice Calc saving as "Text CSV" with semicolons in UTF-16, and with tabs in UTF-8.
    @Test(
        .enabled(if: RealTools.available("soffice"), "LibreOffice (soffice) is not installed"),
        arguments: ["59,34,65535", "9,34,76"])
    func libreOfficeExports(options: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let expected = try Self.reference(in: directory)
        let source = directory.appendingPathComponent("reference.csv").path
        let asText = try RealTools.libreOffice(source, options: options, asText: true, into: directory)
        let result = try Self.convert([asText])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == expected.stdoutText)
    }

    /// Calc, left to guess, turns candidate numbers and postcodes into numbers and shows 7.0 as 7: the scores are
    /// still read exactly, and the lost zeros are warned about without showing a value.
    @Test(.enabled(if: RealTools.available("soffice"), "LibreOffice (soffice) is not installed"))
    func libreOfficeGuessingTypes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("reference.csv").path
        try RealTools.pythonCSV(Self.rows, to: source, encoding: "utf-8", delimiter: ",", terminator: "\r\n")
        let guessed = try RealTools.libreOffice(source, options: "44,34,76", asText: false, into: directory)
        #expect(try String(contentsOfFile: guessed, encoding: .utf8).contains(",20279,"))
        let result = try Self.convert(["-t", "compact", guessed])
        #expect(result.status == 0)
        #expect(
            result.stdoutText.contains("26GB000001GARM001A,REPORTED,García,María,2003-04-14,2026-01-05,7.0,6.5,6.0,7.0")
        )
        #expect(
            result.stderrText.contains(
                "record 1 (id 26GB000001GARM001A): candidateNumber has 5 digits where 6 are expected: a spreadsheet"))
        Self.expectNoPersonalData(result.stderrText)
    }

    /// What Excel leaves in a CSV: protected text, blank lines, rows of commas, short rows, long ids in
    /// scientific notation.
    @Test func excelArtefacts() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("excel.csv")
        let text =
            "trfNumber,appointmentNumber,familyName,candidateNumber,postcode,Module,overallBandScore,,,\r\n"
            + "26GB000001GARM001A,,García,=\"020279\",\"=\"\"00501\"\"\",Academic,6.5,,,\r\n"
            + "\r\n,,,,,,,,,\r\n"
            + ",2.02601E+15,Lee,,,,98,,,\r\n"
            + "26GB000002GARM001A,,Zoë,000596\r\n"
            + ",,,,,,,,,\r\n"
        try Data(text.utf8).write(to: path)
        let result = try Self.convert(["-t", "compact", path.path])
        #expect(result.status == 0)
        let lines = result.stdoutText.split(separator: "\r\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("IELTS Academic,26GB000001GARM001A,REPORTED,García"))
        #expect(lines[2].hasPrefix("TOEFL iBT 0-120,2.02601E+15,REPORTED,Lee"))
        let stderr = result.stderrText
        #expect(stderr.contains("excel.csv: skipped 3 blank or empty rows (the first on line 3)"))
        #expect(stderr.contains("record 2 (id 2.02601E+15): appointmentNumber is in scientific notation"))
        #expect(stderr.contains("record 3 (id 26GB000002GARM001A): line 6 has 4 of the header's 7 fields"))
        Self.expectNoPersonalData(stderr)
        let records = try Self.convert(["-t", "compact", "-f", "json", path.path])
        #expect(records.stdoutText.contains("\"scoreId\": \"26GB000001GARM001A\""))
        let full = try Self.convert([path.path])
        #expect(full.stdoutText.contains(",020279,"))
        #expect(full.stdoutText.contains(",00501,"))
        #expect(try Self.convert(["--strict", path.path]).status == 1)
    }

    /// ISO test dates beside dd/mm dates of birth: ISO is read whatever the format, so the one dd/mm date with a
    /// day above 12 settles the file (it was a tie, exit 65, asking for an option that changed nothing).
    @Test func isoDatesSettleNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mixed.csv").path
        try RealTools.pythonCSV(
            [
                ["trfNumber", "Module", "familyName", "dateOfBirth", "testDate"],
                ["26GB000111AAAA001A", "Academic", "Tanaka", "20/08/1999", "2026-03-01"],
                ["26GB000112AAAA001A", "Academic", "Sato", "03/04/2001", "2026-03-02"],
            ], to: path, encoding: "utf-8", delimiter: ",", terminator: "\r\n")
        let result = try Self.convert(["-t", "compact", path])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains(",1999-08-20,2026-03-01,"))
        #expect(result.stdoutText.contains(",2001-04-03,2026-03-02,"))
    }

    /// Unpadded and dotted dates; the ambiguity rule; the message names a place, not a date.
    @Test func spreadsheetDates() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("dates.csv").path
        let base = ["trfNumber", "familyName", "dateOfBirth", "testDate"]
        try RealTools.pythonCSV(
            [base, ["A1", "García", "3/4/2003", "1/5/2026"], ["A2", "Lee", "12/1/1999", "2/3/2026"]], to: path,
            encoding: "utf-8", delimiter: ",", terminator: "\r\n")
        let ambiguous = try Self.convert(["-t", "compact", path])
        #expect(ambiguous.status == 65)
        #expect(ambiguous.stderrText.contains("every date (the first at dateOfBirth on line 2) reads as dd/mm/yyyy or"))
        Self.expectNoPersonalData(ambiguous.stderrText)
        #expect(!ambiguous.stderrText.contains("3/4/2003"))
        let american = try Self.convert(["-t", "compact", "--input-date-format", "mm/dd/yyyy", path])
        #expect(american.stdoutText.contains(",García,,2003-03-04,2026-01-05,"))
        try RealTools.pythonCSV(
            [base, ["A1", "García", "3/14/2003", "1/5/2026"]], to: path, encoding: "utf-8", delimiter: ",",
            terminator: "\r\n")
        #expect(try Self.convert(["-t", "compact", path]).stdoutText.contains(",2003-03-14,2026-01-05,"))
        try RealTools.pythonCSV(
            [base, ["A1", "García", "04.03.2003", "1.5.2026"]], to: path, encoding: "utf-8", delimiter: ";",
            terminator: "\r\n")
        #expect(try Self.convert(["-t", "compact", path]).stdoutText.contains(",2003-03-04,2026-05-01,"))
        try RealTools.pythonCSV(
            [base, ["A1", "García", "2003-03-04", "nonsense"]], to: path, encoding: "utf-8", delimiter: ",",
            terminator: "\r\n")
        let warned = try Self.convert(["-t", "compact", path])
        #expect(warned.stderrText.contains("testDate is not a date in any format read (yyyymmdd, dd/mm/yyyy or"))
        #expect(!warned.stderrText.contains("nonsense"))
    }

    /// A file without its header row: the error quotes nothing of the line (a name and a birth date).
    @Test func missingHeaderRow() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("noheader.csv").path
        for (encoding, delimiter) in [("utf-8", ","), ("utf-16", "\t"), ("cp1252", ";")] {
            try RealTools.pythonCSV(
                Array(Self.rows.dropFirst()), to: path, encoding: encoding, delimiter: delimiter, terminator: "\r\n")
            let result = try Self.convert([path])
            #expect(result.status == 65)
            #expect(result.stderrText.contains("the first line (17 fields separated by"))
            #expect(result.stderrText.contains("is the header row missing?"))
            Self.expectNoPersonalData(result.stderrText)
        }
    }

    /// Malformed XML is exit 65 with a location, never a crash.
    @Test func malformedXMLExits65() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.xml")
        try Data(Array("<scores><score><famil".utf8) + [0xFF, 0xFE] + Array("yName>x</score></scores>".utf8))
            .write(to: path)
        for command in ["convert", "check"] {
            let result = try BinaryRunner.run([command, path.path])
            #expect(result.status == 65)
            #expect(
                result.stderrText.contains(
                    "bad.xml: malformed document: line 1, column 22 (byte 21): bytes that are not UTF-8 in a name"))
        }
    }

    /// Legacy E-Delivery XML, with ModuleType G, in the encoding its declaration names (written by Python).
    @Test(arguments: [("ISO-8859-1", "latin-1"), ("macintosh", "mac_roman")])
    func legacyEDeliveryXML(declared: String, codec: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("legacy.xml")
        let text = """
            <?xml version="1.0" encoding="\(declared)"?>
            <Results><Result><CentreNumber>SIT02</CentreNumber><TestDate>2026-01-05</TestDate>
            <ModuleType>G</ModuleType><FamilyName>Garc\u{ED}a</FamilyName><OverallBandScore>6.5</OverallBandScore>
            <TRFNumber>26GB000001GARM001A</TRFNumber></Result></Results>
            """
        let script = "import sys; open(sys.argv[1], 'w', encoding=sys.argv[2]).write(sys.stdin.read())"
        _ = try Tool.run("python3", ["-c", script, path.path, codec], stdin: Data(text.utf8))
        let result = try Self.convert(["-t", "compact", path.path])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("IELTS General Training,26GB000001GARM001A,REPORTED,García,,,2026-01-05"))
    }

    /// Random quoted fields, doubled quotes and line breaks of every kind inside them, written by Python's csv
    /// module into a file several times the reader's buffer and in three encodings: every value reads back as
    /// written.
    @Test(arguments: ["utf-8", "utf-16", "cp1252"])
    func largeRandomFilesReadBackExactly(encoding: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("random.csv").path
        let expected = directory.appendingPathComponent("expected.json").path
        let script = """
            import csv, json, random, sys
            csv_path, json_path, encoding = sys.argv[1:4]
            r = random.Random(7)
            pieces = ['García', 'Zoë', 'a,b', 'say "hi"', 'two\\r\\nlines', 'cr\\ronly', 'lf\\nonly', ';', '\\t', 'x', '']
            def value():
                text = ''.join(r.choice(pieces) for _ in range(r.randint(0, 4))).strip(' \\t')
                return text if text[:1] not in ('=', '+', '-', '@', "'", '\\t', '\\r', '\\n') else 'v' + text
            head = ['trfNumber', 'familyName', 'firstName', 'addressLine1', 'town']
            rows = [[f'T{i:06d}'] + [value() for _ in head[1:]] for i in range(20000)]
            with open(csv_path, 'w', encoding=encoding, newline='') as f:
                # CRLF: the writer then quotes every value holding a CR or an LF (with LF alone it would leave a
                # bare CR unquoted, which readers that know CR line ends, this one included, take for a line end).
                csv.writer(f, lineterminator='\\r\\n').writerows([head] + rows)
            json.dump([dict(zip(head, row)) for row in rows], open(json_path, 'w'))
            """
        _ = try Tool.run("python3", ["-c", script, csv, expected, encoding])
        let template = directory.appendingPathComponent("t.json")
        try Data(
            #"{"name": "t", "format": "json", "fields": ["trfNumber", "familyName", "firstName", "addressLine1", "town"]}"#
                .utf8
        ).write(to: template)
        let result = try Self.convert(["-t", template.path, csv])
        #expect(result.status == 0, "\(result.stderrText.prefix(500))")
        let read = try JSONSerialization.jsonObject(with: result.stdout) as? [[String: String]]
        let written =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: expected)))
            as? [[String: String]]
        #expect(read?.count == 20000)
        #expect(read == written)
    }
}

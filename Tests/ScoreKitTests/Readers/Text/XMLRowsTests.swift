import Testing

@testable import ScoreKit

@Suite struct XMLRowsTests {
    static func rows(_ bytes: [UInt8], chunk: Int) throws -> [[String]] {
        let reader = XMLRows(source: MemorySource(bytes, chunkSize: chunk), name: "t.xml")
        var rows: [[String]] = []
        while let row = try reader.nextFields() { rows.append(row.map { "\($0.0.heading)=\($0.1)" }) }
        return rows
    }

    static func rows(_ text: String, chunk: Int = 3) throws -> [[String]] { try rows(Array(text.utf8), chunk: chunk) }

    @Test(arguments: [1, 2, 5, 4096])
    func ownOutput(chunk: Int) throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- written by scoreimport -->
            <scores>
              <score>
                <familyName>O&apos;Brien &amp; &lt;Sons&gt;</familyName>
                <firstName/>
                <addressLine1>12 Rue de l’Église&#13;
            Bâtiment C</addressLine1>
                <Telephone><![CDATA[+44 <20>]]></Telephone>
                <notAField>x</notAField>
              </score>
              <score a="1" b='2'><trfNumber>26GB000001GARM001A</trfNumber></score>
            </scores>
            """
        #expect(
            try Self.rows(text, chunk: chunk) == [
                [
                    "familyName=O'Brien & <Sons>", "firstName=", "addressLine1=12 Rue de l’Église\r\nBâtiment C",
                    "Telephone=+44 <20>",
                ],
                ["trfNumber=26GB000001GARM001A"],
            ])
    }

    /// The legacy E-Delivery XML: its own element names, and fields nested in groups.
    @Test func legacyEDelivery() throws {
        let text = """
            <Results><Result><CentreNumber>SIT02</CentreNumber><CandidateNumber>020279</CandidateNumber>
            <TestDate>2026-01-05</TestDate><ModuleType>G</ModuleType><FamilyName>García</FamilyName>
            <Scores><ListeningScore>7.0</ListeningScore><OverallBandScore>6.5</OverallBandScore></Scores>
            <TRFNumber>26GB000001GARM001A</TRFNumber></Result></Results>
            """
        let rows = try Self.rows(text)
        #expect(
            rows == [
                [
                    "centreNumber=SIT02", "candidateNumber=020279", "testDate=2026-01-05", "Module=G",
                    "familyName=García", "listeningScore=7.0", "overallBandScore=6.5", "trfNumber=26GB000001GARM001A",
                ]
            ])
    }

    /// What the rows add to the scanner's checks (Tests/ScoreKitTests/XML has every scanner error): only white
    /// space between records, and errors naming the file.
    static let malformedCases: [([UInt8], String)] = [
        (
            Array("<scores><score><famil".utf8) + [0xFF, 0xFE] + Array("yName>x</score></scores>".utf8),
            "line 1, column 22 (byte 21): bytes that are not UTF-8 in a name"
        ),
        (Array("<scores>\n x<score/></scores>".utf8), "line 2, column 2 (byte 10): text outside the records"),
        (Array("<scores><![CDATA[x]]><score/></scores>".utf8), "line 1, column 18 (byte 17): text outside the records"),
        (
            Array("<scores><score>".utf8),
            "line 1, column 16 (byte 15): the document ends inside <score>: it is truncated"
        ),
    ]

    /// Malformed documents are errors with a line, column and byte, never a crash (Foundation's parser stopped the
    /// process on invalid UTF-8 in an element name).
    @Test(arguments: malformedCases)
    func malformed(bytes: [UInt8], message: String) {
        for chunk in [1, 4096] {
            #expect {
                _ = try Self.rows(bytes, chunk: chunk)
            } throws: { error in
                guard case .malformed(let file, let detail) = error as? InputError else { return false }
                return file == "t.xml" && detail.contains(message)
            }
        }
    }
}

import Foundation
import Testing

@testable import ScoreKit

/// The first stage: each input's kind detected from its content, records numbered within their input, notes about
/// the file, and the page size handed back to a service that pages.
@Suite struct RecordSourceTests {
    static let allKinds: [InputKind] = [.toefl, .ielts, .csv, .json, .jsonLines, .xml]

    /// Small documents of every kind, with how many records each holds.
    static let documents: [(InputKind, String, Int)] = [
        (.csv, "trfNumber,familyName,Module\r\n26SB1,Ames,Academic\r\n26SB2,Bell,General Training\r\n", 2),
        (.json, #"[{"trfNumber": "26SB1", "familyName": "Ames"}]"#, 1),
        (.jsonLines, "{\"trfNumber\": \"26SB1\"}\n{\"trfNumber\": \"26SB2\"}\n{\"trfNumber\": \"26SB3\"}\n", 3),
        (.xml, "<scores><score><trfNumber>26SB1</trfNumber><familyName>Ames</familyName></score></scores>", 1),
    ]

    static func fixture(_ kind: InputKind) -> (String, Int)? {
        switch kind {
        case .ielts: (Paths.fixtures.appendingPathComponent("sandbox/ielts-results.json").path, 10)
        case .toefl: (Paths.fixtures.appendingPathComponent("sandbox/toefl-scores.json").path, 6)
        default: nil
        }
    }

    /// Writes the document of `kind` (or finds its fixture); returns its path and record count.
    static func input(_ kind: InputKind, in directory: URL) throws -> (String, Int) {
        if let fixture = fixture(kind) { return fixture }
        guard let (_, text, count) = documents.first(where: { $0.0 == kind }) else {
            throw Tool.Failed(description: "no document of kind \(kind)")
        }
        let url = directory.appendingPathComponent("input-\(count)")
        try Data(text.utf8).write(to: url)
        return (url.path, count)
    }

    @Test(arguments: allKinds)
    func detectsTheKindAndRefusesKindsTheRunDoesNotRead(kind: InputKind) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (path, count) = try Self.input(kind, in: directory)
        #expect(try Records.read([path], accepting: [kind]).count == count)
        let others = Set(Self.allKinds).subtracting([kind])
        let error = try #require(throws: InputError.self) { try Records.read([path], accepting: others) }
        #expect(error.exitCode == .dataError)
        #expect(error.description.hasPrefix("\(path): unrecognized document: expected "))
        #expect(error.description.hasSuffix(", found \(kind.rawValue)"))
    }

    /// `fetch toefl` pointed at an IELTS service (or the reverse) stops with exit 65 naming both kinds.
    @Test func aServiceRunNamesWhatItExpectedAndFound() throws {
        let (path, _) = try #require(Self.fixture(.toefl))
        let error = try #require(throws: InputError.self) { try Records.read([path], accepting: [.ielts]) }
        #expect(
            error.description
                == "\(path): unrecognized document: expected IELTS Results Service JSON, found TOEFL Server-to-Server JSON"
        )
    }

    @Test func numbersRecordsWithinEachInput() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (csv, _) = try Self.input(.csv, in: directory)
        let (lines, _) = try Self.input(.jsonLines, in: directory)
        let records = try Records.read([csv, lines])
        #expect(records.map(\.inputName) == [csv, csv, lines, lines, lines])
        #expect(records.map(\.number) == [1, 2, 1, 2, 3])
        #expect(records.map(\.score.id) == ["26SB1", "26SB2", "26SB1", "26SB2", "26SB3"])
        #expect(
            records.map(\.score.test) == [.ieltsAcademic, .ieltsGeneralTraining]
                + Array(repeating: .ieltsAcademic, count: 3))
        #expect(records[0].location.description == "\(csv): record 1 (id 26SB1)")
    }

    @Test func notesUnknownColumnsAndAMissingModule() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("applicants.csv").path
        try Data("trfNumber,familyName,Favourite Colour\r\n26SB1,Ames,blue\r\n".utf8).write(
            to: URL(fileURLWithPath: path))
        let captured = try CapturedDiagnostics()
        let source = RecordSource(
            FileInputs(paths: [path]), inputDateFormat: nil, diagnostics: captured.diagnostics)
        var record = PipelineRecord()
        #expect(try source.next(into: &record))
        #expect(
            captured.lines == [
                "scoreimport: note: \(path): ignoring column \"Favourite Colour\", which is not a template field "
                    + "(see `scoreimport templates e-delivery`)",
                "scoreimport: note: \(path): no Module or testType column: a record's test is told from its id and scores "
                    + "(an appointment number, an all-digit id or a score above 9 is TOEFL); the others are read as "
                    + "IELTS Academic",
            ])
        #expect(!captured.text.contains("blue"), "no note quotes a value")
        #expect(try !source.next(into: &record))
    }

    /// Issue 10: unknown headings in JSON and XML input get the same note as in CSV. Not done yet on this branch.
    @Test(arguments: [
        #"[{"trfNumber": "26SB1", "Favourite Colour": "blue"}]"#,
        "<scores><score><trfNumber>26SB1</trfNumber><Favourite_Colour>blue</Favourite_Colour></score></scores>",
    ])
    func notesUnknownColumnsInJSONAndXML(document: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("applicants").path
        try Data(document.utf8).write(to: URL(fileURLWithPath: path))
        let captured = try CapturedDiagnostics()
        let source = RecordSource(
            FileInputs(paths: [path]), inputDateFormat: nil, diagnostics: captured.diagnostics)
        var record = PipelineRecord()
        while try source.next(into: &record) {}
        #expect(captured.text.contains("ignoring column \"Favourite"))
        #expect(captured.text.contains("which is not a template field (see `scoreimport templates e-delivery`)"))
    }

    /// A service pages until a page comes back short: it is told how many records the last page held.
    @Test func tellsTheProviderHowManyRecordsTheLastInputHeld() throws {
        final class Pages: InputProvider {
            var paths: [String]
            var told: [Int?] = []
            init(_ paths: [String]) { self.paths = paths }
            func next(previousRecords: Int?) throws -> InputFile? {
                told.append(previousRecords)
                return paths.isEmpty ? nil : try InputFile.open(paths.removeFirst())
            }
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.json")
        try Records.write(ielts: [], to: empty)
        let (csv, _) = try Self.input(.csv, in: directory)
        let (lines, _) = try Self.input(.jsonLines, in: directory)
        let pages = Pages([csv, lines, empty.path])
        let source = RecordSource(pages, inputDateFormat: nil, diagnostics: Diagnostics(fd: -1))
        var record = PipelineRecord()
        var read = 0
        while try source.next(into: &record) { read += 1 }
        #expect(read == 5)
        #expect(pages.told == [nil, 2, 3, 0])
    }
}

import Foundation
import Testing

@testable import ScoreKit

@Suite struct CSVSurveyTests {
    /// Surveys `bytes` in one pass and in two halves; both must agree.
    static func surveys(_ bytes: [UInt8]) throws -> (one: CSVSurvey, two: CSVSurvey) {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("survey.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        func survey(_ parallelSize: Int) throws -> CSVSurvey {
            let file = try InputFile.open(path)
            let checked = UTF8CheckingSource(try file.source())
            return try CSVSurvey.run(
                file, source: checked, checked: checked, delimiter: nil, parallelSize: parallelSize)
        }
        return (try survey(Int.max), try survey(1))
    }

    static func rows(_ count: Int, middle: String = "") -> String {
        var text = "trfNumber,familyName,testDate,dateOfBirth\r\n"
        for index in 0..<count {
            if index == count / 2 { text += middle }
            text +=
                index % 50 == 7
                ? "\r\n,,,\r\n" : "A\(index),Name \(index),0\(index % 9 + 1)/01/2026,01/0\(index % 9 + 1)/1999\r\n"
        }
        return text
    }

    static func expectSame(_ one: CSVSurvey, _ two: CSVSurvey, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(one.skipped == two.skipped, sourceLocation: sourceLocation)
        #expect(one.firstSkipped == two.firstSkipped, sourceLocation: sourceLocation)
        #expect(one.firstInvalidUTF8 == two.firstInvalidUTF8, sourceLocation: sourceLocation)
        #expect(one.detector.outcome == two.detector.outcome, sourceLocation: sourceLocation)
        #expect(one.detector.example?.column == two.detector.example?.column, sourceLocation: sourceLocation)
        #expect(one.detector.example?.line == two.detector.example?.line, sourceLocation: sourceLocation)
    }

    @Test func halvesAgreeWithOnePass() throws {
        let (one, two) = try Self.surveys(Array(Self.rows(2000).utf8))
        Self.expectSame(one, two)
        #expect(one.skipped == 80)
        #expect(one.firstSkipped == 9)
        #expect(one.detector.outcome == .ambiguous([.dayMonthYear, .monthDayYear]))
    }

    /// A quoted field with line feeds across the middle: the guessed split is refused, and the result is the same.
    @Test func aQuotedFieldAcrossTheMiddle() throws {
        let quoted = "Q,\"" + String(repeating: "line\n", count: 4000) + "end\",02/01/2026,13/01/1999\r\n"
        let (one, two) = try Self.surveys(Array(Self.rows(200, middle: quoted).utf8))
        Self.expectSame(one, two)
        #expect(one.detector.outcome == .format(.dayMonthYear))
    }

    /// Text that is not UTF-8 in the second half is found at the same byte.
    @Test func invalidUTF8InTheSecondHalf() throws {
        var bytes = Array(Self.rows(2000).utf8)
        let at = bytes.count * 3 / 4
        bytes[at] = 0xED
        let (one, two) = try Self.surveys(bytes)
        Self.expectSame(one, two)
        #expect(one.firstInvalidUTF8 == at)
    }
}

import Foundation
import Testing

@testable import ScoreKit

/// The applicant file's CSV reader settles the encoding as the score readers do: Mac Excel's "CSV (Macintosh)"
/// (Mac Roman, CR line ends) and Windows Excel's CSV (Windows-1252, CRLF) both read back as written.
@Suite struct CSVCellRowsTests {
    static let rows = [
        ["applicantId", "familyName", "firstName"], ["A1", "García", "Søren"], ["A2", "Müller", "Zoë"],
    ]

    @Test(arguments: [("mac_roman", "\r"), ("cp1252", "\r\n"), ("cp1252", "\n"), ("utf-8", "\r"), ("utf-16", "\r\n")])
    func excelEncodingsReadBack(encoding: String, terminator: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("applicants.csv").path
        try RealTools.pythonCSV(Self.rows, to: path, encoding: encoding, delimiter: ",", terminator: terminator)
        let file = try InputFile.open(path)
        var cells = try ApplicantFile.rows(of: file)
        var read: [[String]] = []
        while let row = try cells.nextRow() { read.append(row) }
        withExtendedLifetime(file) {}
        #expect(read == Self.rows)
    }
}

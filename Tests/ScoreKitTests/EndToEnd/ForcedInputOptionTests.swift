import Foundation
import Testing

/// `--delimiter` and `--input-encoding` that do not fit the file: the error names the option as the likely cause and
/// what to do, quotes nothing of the line, and counts its fields in good English. Files are written by Python's csv.
@Suite struct ForcedInputOptionTests {
    static let rows = SpreadsheetInputTests.rows

    /// Writes `rows` in `encoding` with `delimiter` into a fresh directory; returns the path (the directory is
    /// removed by the caller).
    static func write(
        _ rows: [[String]] = rows, encoding: String = "utf-8", delimiter: String = ",", in directory: URL
    ) throws -> String {
        let path = directory.appendingPathComponent("input.csv").path
        try RealTools.pythonCSV(rows, to: path, encoding: encoding, delimiter: delimiter, terminator: "\r\n")
        return path
    }

    static func expectError(
        _ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try BinaryRunner.run(["convert"] + arguments)
        #expect(result.status == 65, sourceLocation: sourceLocation)
        #expect(
            result.stderrText.contains("input.csv: unrecognized document: \(message)"), "\(result.stderrText)",
            sourceLocation: sourceLocation)
        #expect(!result.stderrText.contains(" 1 fields"), sourceLocation: sourceLocation)
        SpreadsheetInputTests.expectNoPersonalData(result.stderrText, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        (",", "semicolon", "one field, no semicolons, with --delimiter semicolon", "commas", "comma"),
        (",", "tab", "one field, no tabs, with --delimiter tab", "commas", "comma"),
        (";", "comma", "one field, no commas, with --delimiter comma", "semicolons", "semicolon"),
        ("\t", ";", "one field, no semicolons, with --delimiter semicolon", "tabs", "tab"),
        (",", "pipe", "one field, no '|', with --delimiter pipe", "commas", "comma"),
    ])
    func aWrongDelimiterIsNamed(written: String, option: String, shape: String, has: String, name: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.write(delimiter: written, in: directory)
        try Self.expectError(
            ["--delimiter", option, path],
            "the first line (\(shape)) holds no E-Delivery column headings; the line has \(has): drop --delimiter "
                + "or pass --delimiter \(name)\n")
    }

    /// A file that quotes every field (Python's csv.QUOTE_ALL) stops at the first closing quote: the other
    /// delimiter that follows it is named.
    @Test func aWrongDelimiterAfterAQuotedHeading() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("input.csv").path
        let script = """
            import csv, json, sys
            csv.writer(open(sys.argv[1], 'w', newline=''), quoting=csv.QUOTE_ALL).writerows(json.load(sys.stdin))
            """
        _ = try Tool.run("python3", ["-c", script, path], stdin: try JSONSerialization.data(withJSONObject: Self.rows))
        let result = try BinaryRunner.run(["convert", "--delimiter", "semicolon", path])
        #expect(result.status == 65)
        #expect(
            result.stderrText.hasSuffix(
                "input.csv: malformed document: line 1, field 1: text after the closing quote of a field: a comma "
                    + "follows it, and --delimiter semicolon was given: drop --delimiter or pass --delimiter comma\n"),
            "\(result.stderrText)")
        #expect(try BinaryRunner.run(["convert", "--delimiter", "comma", path]).status == 0)
    }

    /// With the right delimiter and no header row, the option may still be the cause, or the header row missing.
    @Test func aGivenDelimiterOnAFileWithoutHeaderRow() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.write(Array(Self.rows.dropFirst()), in: directory)
        try Self.expectError(
            ["--delimiter", "comma", path],
            "the first line (17 fields separated by commas, with --delimiter comma) holds no E-Delivery column "
                + "headings; if commas do not separate its fields, drop --delimiter (the header line then settles "
                + "it); or is the header row missing?\n")
        try Self.expectError(
            [path],
            "the first line (17 fields separated by commas) holds no E-Delivery column headings: is the header "
                + "row missing? It is not JSON or XML either\n")
        let names = try Self.write(Self.rows.dropFirst().map { [$0[4]] }, in: directory)
        try Self.expectError(
            [names],
            "the first line (one field, no commas) holds no E-Delivery column headings: is the header row "
                + "missing?")
    }

    /// A byte order mark that says otherwise than `--input-encoding` stops the run before anything is read as
    /// mojibake (the option would make the mark text, and the first heading unknown).
    @Test(arguments: [
        ("utf-16", "windows-1252", "UTF-16 (little-endian)"), ("utf-16", "utf-8", "UTF-16 (little-endian)"),
        ("utf-16-be-bom", "mac-roman", "UTF-16 (big-endian)"), ("utf-8-sig", "utf-16", "UTF-8"),
        ("utf-8-sig", "windows-1252", "UTF-8"),
    ])
    func aByteOrderMarkAgainstTheOption(encoding: String, option: String, mark: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.write(encoding: encoding, delimiter: "\t", in: directory)
        try Self.expectError(
            ["--input-encoding", option, path],
            "the file starts with a \(mark) byte order mark, but --input-encoding \(option) was given: drop "
                + "--input-encoding (the mark says how to read the file)\n")
        let agreed = try BinaryRunner.run([
            "convert", "--input-encoding", encoding.hasPrefix("utf-8") ? "utf-8" : "utf-16", path,
        ])
        #expect(agreed.status == 0, "\(agreed.stderrText)")
    }

    /// The same for XML input: the project's own XML, saved again as UTF-16 with its mark (Python), is refused under
    /// a contradicting option and read without one.
    @Test func aByteOrderMarkAgainstTheOptionInXML() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = try Self.write(encoding: "utf-8", delimiter: ",", in: directory)
        let xml = directory.appendingPathComponent("own.xml").path
        let written = try BinaryRunner.run(["convert", "-o", xml, csv])
        #expect(written.status == 0, "\(written.stderrText)")
        let utf16 = directory.appendingPathComponent("utf16.xml").path
        _ = try Tool.run(
            "python3",
            [
                "-c",
                "import sys; t = open(sys.argv[1], encoding='utf-8').read(); "
                    + "open(sys.argv[2], 'w', encoding='utf-16').write(t.replace('UTF-8', 'UTF-16'))", xml, utf16,
            ])
        let refused = try BinaryRunner.run(["convert", "--input-encoding", "windows-1252", utf16])
        #expect(refused.status == 65)
        #expect(
            refused.stderrText.contains(
                "utf16.xml: unrecognized document: the file starts with a UTF-16 (little-endian) byte order mark, but "
                    + "--input-encoding windows-1252 was given"), "\(refused.stderrText)")
        let read = try BinaryRunner.run(["convert", utf16])
        #expect(read.status == 0, "\(read.stderrText)")
        #expect(read.stdoutText == (try BinaryRunner.run(["convert", xml])).stdoutText)
    }

    /// UTF-16 forced on a UTF-8 file without a mark: an even number of bytes reads as CJK, and the header message
    /// names the option; an odd one does not decode, and the decoding error names it.
    @Test(arguments: [
        (
            "Garcías",
            "input.csv: unrecognized document: the first line (one field, no commas) holds no E-Delivery "
                + "column headings; it was read as utf-16, as --input-encoding says: if that is not the file's "
                + "encoding, drop --input-encoding (the encoding is then detected); or is the header row missing?\n"
        ),
        (
            "García",
            "input.csv: malformed document: not valid UTF-16 (little-endian), as --input-encoding utf-16 "
                + "says to read it: an odd number of bytes at the end at byte 20; drop --input-encoding unless the "
                + "file is in that encoding\n"
        ),
    ])
    func utf16ForcedOnUTF8(name: String, message: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.write([["familyName"], [name]], in: directory)
        let result = try BinaryRunner.run(["convert", "--input-encoding", "utf-16", path])
        #expect(result.status == 65)
        #expect(result.stderrText.hasSuffix(message), "\(result.stderrText)")
    }
}

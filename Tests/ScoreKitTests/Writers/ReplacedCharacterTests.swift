import Foundation
import Testing

/// XML 1.0 cannot carry most control characters, so the XML and XLSX outputs write U+FFFD for them, where CSV and
/// JSON keep them: never silently. Each field that lost one is a counted warning naming the record and the field,
/// never the value. Run from the built binary, the outputs read back with Python (xml.etree, openpyxl).
@Suite struct ReplacedCharacterTests {
    /// Record 1 is clean; record 2 has a BEL in its family name and a NUL and an ESC in its first name.
    static func scene() throws -> URL {
        let directory = try temporaryDirectory()
        let clean = Feed.ielts("6.0", "6.0", "6.0", "6.0", overall: "6.0")
        let dirty = Feed.ielts(
            "6.0", "6.0", "6.0", "6.0", overall: "6.0",
            extra: ["trfNumber": "26EDGE00000002", "familyName": "Bell\u{7}Case", "firstName": "Nul\u{0}\u{1B}Edge"])
        try JSONSerialization.data(withJSONObject: ["results": [clean, dirty]])
            .write(to: directory.appendingPathComponent("in.json"))
        return directory
    }

    static func warning(_ field: String, _ format: String) -> String {
        "scoreimport: warning: in.json: record 2 (id 26EDGE00000002): \(field) holds control characters XML 1.0 "
            + "cannot carry: the \(format) output has U+FFFD in their place (CSV and JSON keep them)\n"
    }

    /// The family and first name of each row, as Python reads `path` (printed as JSON, non-ASCII escaped).
    static func names(_ path: String, format: String) throws -> [[String]] {
        let script =
            format == "xml"
            ? """
            import json, sys, xml.etree.ElementTree as ET
            rows = ET.parse(sys.argv[1]).getroot()
            print(json.dumps([[r.findtext('familyName'), r.findtext('firstName')] for r in rows]))
            """
            : """
            import json, sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1]).active
            head = [c.value for c in ws[1]]
            f, g = head.index('familyName'), head.index('firstName')
            print(json.dumps([[r[f], r[g]] for r in ws.iter_rows(min_row=2, values_only=True)]))
            """
        let printed = try Tool.run("python3", ["-c", script, path])
        return try JSONSerialization.jsonObject(with: Data(printed.utf8)) as? [[String]] ?? []
    }

    @Test(.enabled(if: RealTools.available("python3")), arguments: ["xml", "xlsx"])
    func eachFieldThatLostACharacterIsAWarning(format: String) throws {
        let directory = try Self.scene()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try BinaryRunner.run(
            ["convert", "-f", format, "--problems", "problems.csv", "-o", "out.\(format)", "in.json"], in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        let upper = format.uppercased()
        #expect(result.stderrText.contains(Self.warning("familyName", upper)), "\(result.stderrText)")
        #expect(result.stderrText.contains(Self.warning("firstName", upper)))
        #expect(!result.stderrText.contains("record 1 "))
        #expect(result.stderrText.contains("warnings 2,"))
        for value in ["Bell", "Nul", "\\u{7}", "\\u{1b}"] { #expect(!result.stderrText.contains(value), "\(value)") }
        let problems = try String(contentsOf: directory.appendingPathComponent("problems.csv"), encoding: .utf8)
        #expect(problems.contains("in.json,2,26EDGE00000002,familyName,,character-replaced,warning,"))
        #expect(!problems.contains("Bell"))
        let names = try Self.names(directory.appendingPathComponent("out.\(format)").path, format: format)
        #expect(names == [["Case", "Edge"], ["Bell\u{FFFD}Case", "Nul\u{FFFD}\u{FFFD}Edge"]])

        let strict = try BinaryRunner.run(
            ["convert", "--strict", "-f", format, "-o", "strict.\(format)", "in.json"], in: directory)
        #expect(strict.status == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("strict.\(format)").path))
    }

    /// CSV, JSON and JSON Lines carry the characters (JSON as escapes): nothing to warn about; nor has check.
    @Test(arguments: [["-f", "csv"], ["-f", "json"], ["-f", "jsonl"], []])
    func formatsThatKeepThemDoNotWarn(format: [String]) throws {
        let directory = try Self.scene()
        defer { try? FileManager.default.removeItem(at: directory) }
        let command = format.isEmpty ? ["check", "in.json"] : ["convert"] + format + ["in.json"]
        let result = try BinaryRunner.run(command, in: directory)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(!result.stderrText.contains("warning:"), "\(result.stderrText)")
        if !format.isEmpty {
            #expect(
                result.stdoutText.contains("Bell\u{7}Case") || result.stdoutText.contains(#"Bell\u0007Case"#),
                "\(result.stdoutText)")
        }
    }
}

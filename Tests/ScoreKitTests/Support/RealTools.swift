import Foundation

/// Real programs the end-to-end tests make their inputs with.
enum RealTools {
    /// Whether a test needing `program` runs: when it is installed, and always under `CI=true`, where a missing
    /// tool must fail the test rather than skip it.
    static func available(_ program: String) -> Bool {
        Tool.exists(program) || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    /// Writes `rows` to `path` with Python's csv module in `encoding` (a Python codec name, or "utf-16-be-bom"
    /// for big-endian UTF-16 after a byte order mark), with `delimiter` and `terminator` (by default as
    /// `csv.writer` writes: UTF-8, commas, CRLF).
    static func pythonCSV(
        _ rows: [[String]], to path: String, encoding: String = "utf-8", delimiter: String = ",",
        terminator: String = "\r\n"
    ) throws {
        let script = """
            import csv, json, sys
            path, encoding, delimiter, terminator = sys.argv[1:5]
            rows = json.loads(sys.stdin.read())
            bom = encoding == 'utf-16-be-bom'
            with open(path, 'w', encoding='utf-16-be' if bom else encoding, newline='') as f:
                if bom:
                    f.write('\\ufeff')
                csv.writer(f, delimiter=delimiter, lineterminator=terminator).writerows(rows)
            """
        let json = try JSONSerialization.data(withJSONObject: rows)
        _ = try Tool.run("python3", ["-c", script, path, encoding, delimiter, terminator], stdin: json)
    }

    /// The rows of a CSV file as Python's csv reads them (`csv.DictReader`), each a dictionary by heading.
    static func pythonCSVRows(_ path: String) throws -> [[String: String]] {
        let reader = "import csv, json, sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline='')))))"
        let printed = try Tool.run("python3", ["-c", reader, path])
        return try JSONSerialization.jsonObject(with: Data(printed.utf8)) as? [[String: String]] ?? []
    }

    /// Converts a CSV file with LibreOffice headless, as a user saving from Calc would: read as UTF-8 with commas
    /// (every column as text when `asText`, else as Calc guesses), written with `options` (the CSV export filter's
    /// "separator,quote,charset" tokens) into `directory`. Returns the path written.
    static func libreOffice(_ path: String, options: String, asText: Bool, into directory: URL) throws -> String {
        let columns = (1...40).map { "\($0)/2" }.joined(separator: "/")
        let profile = directory.appendingPathComponent("profile").path
        let output = directory.appendingPathComponent("lo")
        _ = try Tool.run(
            "soffice",
            [
                "-env:UserInstallation=file://\(profile)", "--headless",
                "--infilter=CSV:44,34,76,1" + (asText ? ",\(columns)" : ""),
                "--convert-to", "csv:Text - txt - csv (StarCalc):\(options)", "--outdir", output.path, path,
            ])
        return output.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent).path
    }
}

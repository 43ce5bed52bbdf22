extension OutputFormat {
    /// Extensions of table formats scoreimport does not write: tab-separated text (`.tsv`, and `.txt` and `.tab`,
    /// Excel's "Text (Tab delimited)"), older or other spreadsheets, newline-delimited JSON under its other name.
    /// Without `--format`, an output file named so is a usage error, not comma CSV under a name that says otherwise.
    static let unwrittenExtensions: Set<String> = [
        "tsv", "tab", "txt", "xls", "xlsm", "xlsb", "ods", "numbers", "ndjson",
    ]

    /// The extension of `fileName` when it names a format scoreimport does not write (any case), else nil.
    static func unwrittenExtension(of fileName: String) -> String? {
        let name = splitPath(fileName).name
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let suffix = String(name[name.index(after: dot)...])
        return unwrittenExtensions.contains(suffix.lowercased()) ? suffix : nil
    }

    /// The extensions that set the format, as messages list them: ".csv, .json, .jsonl, .xml or .xlsx".
    static var extensionList: String {
        let names = allCases.map { ".\($0.rawValue)" }
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }
}

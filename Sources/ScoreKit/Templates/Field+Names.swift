extension Field {
    /// The name of a field closest to `heading`, compared as headings are (see ``init(name:)``), for a "did you
    /// mean" after a heading no field has; nil when none is close. Closer than for options (an edit per four
    /// letters): a file's other columns are real data ("Birthplace" is not a misspelt "Birthdate").
    public static func suggestion(for heading: String) -> String? {
        let folded = fold(heading)
        guard !folded.isEmpty else { return nil }
        let names = allCases.flatMap(\.names)
        let limit = max(1, folded.count / 4)
        guard let best = Suggestion.closest(to: folded, in: names.map(fold), limit: limit) else { return nil }
        return names.first { fold($0) == best }
    }

    /// Whether `name` reads as a field only through a synonym: an everyday word ("Reading", "Overall") that a data
    /// row may hold too ("Reading" is a town and a family name), so it alone does not make a row a header.
    static func isSynonym(_ name: String) -> Bool { synonymFolds.contains(fold(name)) }

    private static let synonymFolds = Set(allCases.flatMap { $0.synonyms.map(fold) })
        .subtracting(allCases.flatMap { ([$0.heading] + $0.guideNames).map(fold) })
}

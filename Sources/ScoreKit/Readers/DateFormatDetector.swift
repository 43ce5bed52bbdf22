/// Settles a file's date format from its values: a format that reads every value wins; a day above 12 separates
/// dd/mm from mm/dd. When more than one still fits, the file is ambiguous.
struct DateFormatDetector {
    private var fits: [DateFormat: Int] = [:]
    private var values = 0
    private(set) var example = ""

    mutating func add(_ text: String) {
        let text = text.trimmingASCIISpaces()
        guard !text.isEmpty else { return }
        values += 1
        for format in DateFormat.allCases where format.parse(text) != nil { fits[format, default: 0] += 1 }
        if example.isEmpty || isAmbiguous(text) { example = example.isEmpty || !isAmbiguous(example) ? text : example }
    }

    private func isAmbiguous(_ text: String) -> Bool {
        DateFormat.allCases.filter { $0.parse(text) != nil }.count > 1
    }

    enum Outcome: Equatable {
        case format(DateFormat)
        case ambiguous([DateFormat])
    }

    /// The format, or the formats that could all be meant.
    var outcome: Outcome {
        guard values > 0 else { return .format(.compact) }
        let complete = DateFormat.allCases.filter { fits[$0] == values }
        if complete.count == 1 { return .format(complete[0]) }
        if complete.count > 1 { return .ambiguous(complete) }
        // No format reads every value: take the one that reads most; the rest are reported per record.
        let best = DateFormat.allCases.max { fits[$0, default: 0] < fits[$1, default: 0] } ?? .compact
        return .format(best)
    }
}

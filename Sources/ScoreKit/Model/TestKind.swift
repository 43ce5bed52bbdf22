/// The test a score comes from; each has one scale.
public enum TestKind: String, Sendable, Hashable, CaseIterable {
    case ieltsAcademic
    case ieltsGeneralTraining
    /// TOEFL iBT on the 0-120 scale (sections 0-30).
    case toeflIBT
    /// TOEFL iBT on the 1-6 scale introduced on 2026-01-21 ("iBT26").
    case toeflIBT26
    case toeflEssentials

    /// The name written in the `testType` column.
    public var displayName: String {
        switch self {
        case .ieltsAcademic: "IELTS Academic"
        case .ieltsGeneralTraining: "IELTS General Training"
        case .toeflIBT: "TOEFL iBT 0-120"
        case .toeflIBT26: "TOEFL iBT 1-6"
        case .toeflEssentials: "TOEFL Essentials"
        }
    }

    /// Parses a display name, a raw value, or a module name ("Academic", "General Training").
    public init?(name: String) {
        let folded = name.trimmingASCIISpaces().lowercased()
        if let kind = TestKind.allCases.first(where: {
            $0.displayName.lowercased() == folded || $0.rawValue.lowercased() == folded
        }) {
            self = kind
        } else if folded == "academic" || folded == "a" {
            self = .ieltsAcademic
        } else if folded == "general training" || folded == "g" || folded == "general" {
            self = .ieltsGeneralTraining
        } else {
            return nil
        }
    }

    public var isIELTS: Bool { self == .ieltsAcademic || self == .ieltsGeneralTraining }

    /// IELTS or TOEFL.
    public var family: TestFamily { isIELTS ? .ielts : .toefl }

    /// The E-Delivery `Module` value: IELTS only.
    public var module: String? {
        switch self {
        case .ieltsAcademic: "Academic"
        case .ieltsGeneralTraining: "General Training"
        default: nil
        }
    }

    public var scale: ScoreScale {
        switch self {
        case .ieltsAcademic, .ieltsGeneralTraining: .ieltsBand
        case .toeflIBT: .toefl120
        case .toeflIBT26: .toefl6
        case .toeflEssentials: .essentials12
        }
    }
}

/// The two tests, which are also the two services `fetch` reads from.
public enum TestFamily: String, Sendable, Hashable, CaseIterable, Comparable {
    case ielts = "IELTS"
    case toefl = "TOEFL"

    /// The name on the command line and in state files: "ielts" or "toefl".
    public var argument: String { rawValue.lowercased() }

    /// Parses "ielts" or "toefl" in any case.
    public init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }

    public static func < (lhs: TestFamily, rhs: TestFamily) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A score scale: the range and step of section and overall scores, and how they print.
public enum ScoreScale: String, Sendable, Hashable, CaseIterable {
    /// IELTS bands 0-9 in steps of 0.5, printed with one decimal.
    case ieltsBand = "0-9"
    /// TOEFL iBT: sections 0-30, total 0-120, integers.
    case toefl120 = "0-120"
    /// TOEFL iBT from 2026: 1-6 in steps of 0.5, printed with one decimal.
    case toefl6 = "1-6"
    /// TOEFL Essentials: sections whole bands 1-12, the overall in half bands.
    case essentials12 = "1-12"

    /// Decimal places in output: one for band scales, none for integer scales.
    public var decimals: Int {
        switch self {
        case .ieltsBand, .toefl6: 1
        case .toefl120, .essentials12: 0
        }
    }

    /// Range and step of a section score, in hundredths.
    public var section: (min: Int64, max: Int64, step: Int64) {
        switch self {
        case .ieltsBand: (0, 900, 50)
        case .toefl120: (0, 3000, 100)
        case .toefl6: (100, 600, 50)
        case .essentials12: (100, 1200, 100)
        }
    }

    /// Range and step of the overall (total) score, in hundredths.
    public var overall: (min: Int64, max: Int64, step: Int64) {
        switch self {
        case .toefl120: (0, 12000, 100)
        // The rounded mean of whole-band sections, reported in half bands (ETS TOEFL Essentials score pages).
        case .essentials12: (100, 1200, 50)
        default: section
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF.
    func trimmingASCIISpaces() -> String {
        var utf8 = Substring(self).utf8
        while let first = utf8.first, first == 0x20 || first == 0x09 || first == 0x0D || first == 0x0A {
            utf8.removeFirst()
        }
        while let last = utf8.last, last == 0x20 || last == 0x09 || last == 0x0D || last == 0x0A {
            utf8.removeLast()
        }
        return String(Substring(utf8))
    }
}

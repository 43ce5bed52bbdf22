/// One of the four sections both tests report, in the order the output lists them.
public enum Section: Int, Sendable, Hashable, CaseIterable {
    case listening, reading, writing, speaking

    /// The lower-case name ("listening"), as policy files and reasons spell it.
    public var name: String {
        switch self {
        case .listening: "listening"
        case .reading: "reading"
        case .writing: "writing"
        case .speaking: "speaking"
        }
    }

    /// The output field of the section's score.
    public var scoreField: Field {
        switch self {
        case .listening: .listeningScore
        case .reading: .readingScore
        case .writing: .writingScore
        case .speaking: .speakingScore
        }
    }

    /// The output field of the section's CEFR level.
    public var cefrField: Field {
        switch self {
        case .listening: .listeningCefr
        case .reading: .readingCefr
        case .writing: .writingCefr
        case .speaking: .speakingCefr
        }
    }

    /// The output field of the section's MyBest score.
    public var myBestField: Field {
        switch self {
        case .listening: .myBestListening
        case .reading: .myBestReading
        case .writing: .myBestWriting
        case .speaking: .myBestSpeaking
        }
    }

    /// The output field of the date of the test the MyBest score comes from.
    public var myBestDateField: Field {
        switch self {
        case .listening: .myBestListeningDate
        case .reading: .myBestReadingDate
        case .writing: .myBestWritingDate
        case .speaking: .myBestSpeakingDate
        }
    }
}

/// A set of sections, one bit each (no allocation: it travels with every record).
public struct SectionSet: OptionSet, Sendable, Hashable {
    /// One bit per section, by ``Section/rawValue``.
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The set of one section.
    public init(_ section: Section) {
        rawValue = 1 << UInt8(section.rawValue)
    }

    /// All four sections.
    public static let all = SectionSet(rawValue: 0b1111)

    /// Whether the set holds `section`.
    public func contains(_ section: Section) -> Bool { contains(SectionSet(section)) }
}

extension SectionScores {
    /// The score of one section.
    public subscript(section: Section) -> Checked<ExactDecimal>? {
        get {
            switch section {
            case .listening: listening
            case .reading: reading
            case .writing: writing
            case .speaking: speaking
            }
        }
        set {
            switch section {
            case .listening: listening = newValue
            case .reading: reading = newValue
            case .writing: writing = newValue
            case .speaking: speaking = newValue
            }
        }
    }
}

extension Section: TextSlot {
    static let slotCount = allCases.count
}

extension SectionCEFR {
    /// The level of one section, as text.
    public subscript(section: Section) -> String {
        get { text[section] }
        set { text[section] = newValue }
    }

    /// The level of one section as the feed sent it: "" where it was derived.
    public func fromFeed(_ section: Section) -> String { derived.contains(section) ? "" : self[section] }
}

extension MyBestScores {
    /// The date of the test one MyBest section score comes from.
    public func date(of section: Section) -> Checked<CalendarDate>? {
        switch section {
        case .listening: listeningDate
        case .reading: readingDate
        case .writing: writingDate
        case .speaking: speakingDate
        }
    }
}

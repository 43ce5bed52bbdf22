/// One English-test result, normalized from either service: the shared model every reader produces and every
/// writer consumes.
public struct TestScore: Sendable, Hashable {
    public var test: TestKind
    public var status: ScoreStatus = .reported
    /// The record's own text fields (see ``ScoreText``), in one buffer: an implementation detail behind the
    /// properties below and ``subscript(stored:)``.
    var text = TextFields<ScoreText>()

    /// Unique across tests together with `test`: the TRF number (IELTS) or the appointment number (TOEFL).
    public var id: String {
        get { text[.id] }
        set { text[.id] = newValue }
    }
    /// The status as the source spelt it ("RELEASED", "R", "C" ...).
    public var sourceStatus: String {
        get { text[.sourceStatus] }
        set { text[.sourceStatus] = newValue }
    }

    public var candidate = Candidate()
    public var session = TestSession()
    public var scores = SectionScores()
    /// The CEFR level of the overall score: from the feed when present, else derived (see ``ScoreRules``).
    public var cefr: Checked<CEFRLevel>?
    /// Where `cefr` came from.
    public var cefrDerived = false
    /// Section CEFR levels: as TOEFL Essentials reports them, or derived (see ``SectionCEFR/derived``).
    public var sectionCEFR = SectionCEFR()
    /// TOEFL Essentials sub-scores.
    public var sentenceStructure: String {
        get { text[.sentenceStructure] }
        set { text[.sentenceStructure] = newValue }
    }
    public var vocabularyKnowledge: String {
        get { text[.vocabularyKnowledge] }
        set { text[.vocabularyKnowledge] = newValue }
    }
    /// The comparable TOEFL 0-120 score carried by 1-6 reports until 2028 (from the feed, never computed).
    public var comparableIBT: Checked<ExactDecimal>?
    /// MyBest scores: best section scores across valid tests of the last two years.
    public var myBest: MyBestScores? {
        get { hasMyBest ? best : nil }
        set {
            best = newValue ?? MyBestScores()
            hasMyBest = newValue != nil
        }
    }
    /// The MyBest scores in place (empty unless `hasMyBest`): writers and checks read one value without copying
    /// them all, which reading through the optional ``myBest`` does.
    var best = MyBestScores()
    var hasMyBest = false
    /// No listening (or speaking) score because of an accommodation: absent, which is not a zero.
    public var listeningAccommodation = false
    public var speakingAccommodation = false
    /// The codes the source sent where the model keeps only their meaning (TOEFL `testType` and accommodation
    /// indicators), so that an unknown code is reported as it came: "" when not sent.
    public var sourceTestType: String {
        get { text[.sourceTestType] }
        set { text[.sourceTestType] = newValue }
    }
    public var listeningAccommodationCode: String {
        get { text[.listeningAccommodationCode] }
        set { text[.listeningAccommodationCode] = newValue }
    }
    public var speakingAccommodationCode: String {
        get { text[.speakingAccommodationCode] }
        set { text[.speakingAccommodationCode] = newValue }
    }
    /// The photo: base64 JPEG data as received, or the file name it was written to.
    public var photo: String {
        get { text[.photo] }
        set { text[.photo] = newValue }
    }

    /// The TOEFL institution and department the score was sent to.
    public var institutionCode: String {
        get { text[.institutionCode] }
        set { text[.institutionCode] = newValue }
    }
    public var departmentCode: String {
        get { text[.departmentCode] }
        set { text[.departmentCode] = newValue }
    }
    public var departmentDescription: String {
        get { text[.departmentDescription] }
        set { text[.departmentDescription] = newValue }
    }

    /// What the reader of a heading-based file found wrong with the row (a short row, a number a spreadsheet
    /// mangled): reported by the validator with the record's other problems.
    public var sourceProblems: [SourceProblem] = []

    /// How a scheduled fetch delivers the record: new, update or cancellation (empty otherwise).
    public var delivery: String {
        get { text[.delivery] }
        set { text[.delivery] = newValue }
    }

    public init(test: TestKind) {
        self.test = test
    }

    /// Makes this a new, empty record of `test`, keeping the text buffers' memory: readers reuse records.
    mutating func reset(test: TestKind) {
        // The buffers step aside while the record is replaced, so they stay uniquely held and are not copied.
        var kept: Buffers = (.init(), .init(), .init(), .init())
        swapBuffers(&kept)
        self = TestScore(test: test)
        swapBuffers(&kept)
        text.removeAll()
        candidate.text.removeAll()
        session.text.removeAll()
        sectionCEFR.text.removeAll()
    }

    private typealias Buffers = (
        TextFields<ScoreText>, TextFields<CandidateText>, TextFields<SessionText>, TextFields<Section>
    )

    private mutating func swapBuffers(_ buffers: inout Buffers) {
        swap(&buffers.0, &text)
        swap(&buffers.1, &candidate.text)
        swap(&buffers.2, &session.text)
        swap(&buffers.3, &sectionCEFR.text)
    }

    /// Whether the IELTS module is a guess: the source's Module value named no module and nothing else did (a
    /// testType that names the module decides), or it was empty on an IELTS row of a file with the column. Set by
    /// the readers; a filter on the module passes such a record rather than drop it unseen.
    public var moduleIsGuessed = false

    /// The key under which duplicates are merged and deliveries are recorded: test family and id.
    public var key: String { "\(test.family.rawValue):\(id)" }

    /// When the source last changed this record: IELTS lastModifiedDate, else the TOEFL report date.
    public var modifiedAt: Timestamp? {
        if let modified = session.lastModified?.value { return modified }
        if let report = session.reportDate?.value { return Timestamp(date: report) }
        return nil
    }
}

/// The text fields a ``TestScore`` keeps in its ``TextFields``.
enum ScoreText: Int, TextSlot {
    case id, sourceStatus, sentenceStructure, vocabularyKnowledge, photo, institutionCode, departmentCode
    case departmentDescription, sourceTestType, listeningAccommodationCode, speakingAccommodationCode
    /// A Module value that names no module the model knows, as the source spelt it: written back so.
    case sourceModule
    // What the run adds: the delivery kind, the policy check and the applicant match.
    case delivery, policyResult, policyReasons, applicantId, matchStatus, matchedBy, candidateApplicants

    public static let slotCount = allCases.count
}

/// Reported, or cancelled by the service (TOEFL `scoreStatus` C, an IELTS status other than RELEASED).
public enum ScoreStatus: String, Sendable, Hashable {
    case reported = "REPORTED"
    case cancelled = "CANCELLED"
}

/// The text fields a ``TestSession`` keeps in its ``TextFields``.
enum SessionText: Int, TextSlot {
    case centre, centreCountry, candidateNumber, testMode

    public static let slotCount = allCases.count
}

/// Where and when the test was taken and reported.
public struct TestSession: Sendable, Hashable {
    public var testDate: Checked<CalendarDate>?
    /// The TOEFL report date, or the date part of the IELTS last-modified time.
    public var reportDate: Checked<CalendarDate>?
    /// The IELTS last-modified time (UTC).
    public var lastModified: Checked<Timestamp>?
    /// The text fields (see ``SessionText``), in one buffer.
    var text = TextFields<SessionText>()

    public init() {}

    public var centre: String {
        get { text[.centre] }
        set { text[.centre] = newValue }
    }
    public var centreCountry: String {
        get { text[.centreCountry] }
        set { text[.centreCountry] = newValue }
    }
    public var candidateNumber: String {
        get { text[.candidateNumber] }
        set { text[.candidateNumber] = newValue }
    }
    public var testMode: String {
        get { text[.testMode] }
        set { text[.testMode] = newValue }
    }
}

/// Section and overall scores; nil means absent (no score), never zero.
public struct SectionScores: Sendable, Hashable {
    public var listening: Checked<ExactDecimal>?
    public var reading: Checked<ExactDecimal>?
    public var writing: Checked<ExactDecimal>?
    public var speaking: Checked<ExactDecimal>?
    /// The overall band (IELTS) or total score (TOEFL).
    public var overall: Checked<ExactDecimal>?

    public init() {}

    /// The four sections, in the order listening, reading, writing, speaking.
    public var sections: [Checked<ExactDecimal>?] { [listening, reading, writing, speaking] }
}

/// Section CEFR levels: as sent by the feed (TOEFL Essentials), or derived from the section scores.
public struct SectionCEFR: Sendable, Hashable {
    /// The four levels as text, one slot per section, in one buffer.
    var text = TextFields<Section>()
    /// The sections whose level was derived rather than sent (as ``TestScore/cefrDerived`` for the total), so
    /// that what the feed said stays apart: the ledger fingerprints feed data only.
    public var derived = SectionSet()

    public init() {}

    public var listening: String {
        get { text[.listening] }
        set { text[.listening] = newValue }
    }
    public var reading: String {
        get { text[.reading] }
        set { text[.reading] = newValue }
    }
    public var writing: String {
        get { text[.writing] }
        set { text[.writing] = newValue }
    }
    public var speaking: String {
        get { text[.speaking] }
        set { text[.speaking] = newValue }
    }
}

/// TOEFL MyBest scores and the dates of the tests they come from.
public struct MyBestScores: Sendable, Hashable {
    public var scores = SectionScores()
    public var listeningDate: Checked<CalendarDate>?
    public var readingDate: Checked<CalendarDate>?
    public var writingDate: Checked<CalendarDate>?
    public var speakingDate: Checked<CalendarDate>?
    public var comparableIBT: Checked<ExactDecimal>?
    public var cefr = ""
    public var asOfDate: Checked<CalendarDate>?

    public init() {}
}

/// Common European Framework of Reference levels.
public enum CEFRLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    case a1 = "A1", a2 = "A2", b1 = "B1", b2 = "B2", c1 = "C1", c2 = "C2"

    public init?(text: String) {
        self.init(rawValue: text.trimmingASCIISpaces().uppercased())
    }

    /// The raw value as static bytes, for storing a derived level without making a String.
    var staticText: StaticString {
        switch self {
        case .a1: "A1"
        case .a2: "A2"
        case .b1: "B1"
        case .b2: "B2"
        case .c1: "C1"
        case .c2: "C2"
        }
    }

    /// A level written exactly as its raw value ("B2"), read from the text's bytes: records carry levels this
    /// way, and matching a String against each case costs more than the rest of a check.
    init?(exactly text: String) {
        var bytes = text.utf8.makeIterator()
        guard let letter = bytes.next(), let digit = bytes.next(), bytes.next() == nil else { return nil }
        self.init(letter, digit)
    }

    /// A level written exactly as its raw value, as UTF-8 bytes.
    init?(exactly bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 2 else { return nil }
        self.init(bytes[0], bytes[1])
    }

    private init?(_ letter: UInt8, _ digit: UInt8) {
        switch (letter, digit) {
        case (UInt8(ascii: "A"), UInt8(ascii: "1")): self = .a1
        case (UInt8(ascii: "A"), UInt8(ascii: "2")): self = .a2
        case (UInt8(ascii: "B"), UInt8(ascii: "1")): self = .b1
        case (UInt8(ascii: "B"), UInt8(ascii: "2")): self = .b2
        case (UInt8(ascii: "C"), UInt8(ascii: "1")): self = .c1
        case (UInt8(ascii: "C"), UInt8(ascii: "2")): self = .c2
        default: return nil
        }
    }

    public static func < (lhs: CEFRLevel, rhs: CEFRLevel) -> Bool {
        allCases.firstIndex(of: lhs).unsafelyUnwrapped < allCases.firstIndex(of: rhs).unsafelyUnwrapped
    }
}

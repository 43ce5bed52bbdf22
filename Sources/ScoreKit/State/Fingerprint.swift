/// Fingerprints of what a record says, which the ledger stores to tell an unchanged record from a changed one.
///
/// A scheme is an explicit, frozen list of fields and how each is rendered, so adding an output field, renaming a
/// heading or changing a derivation rule (a CEFR table) changes no stored fingerprint. A new scheme gets a new
/// number; the ledger compares a stored fingerprint in the scheme it was made with and stores the current scheme
/// from then on, so a change of scheme never re-delivers a record by itself.
///
/// - Scheme 1 (release 0.1.0): 16 hex digits. The fields of ``fields`` rendered as 0.1.0 rendered them, including
///   the CEFR level it derived when the feed sent none.
/// - Scheme 2 (current): `2:` and 16 hex digits. The same fields as the source sent them, less the delivery's
///   metadata: derived levels are left out, so a change to a CEFR rule changes no fingerprint, and so are the
///   IELTS last-modified time and the report date, so a result shared or reported again unchanged is not an update.
public enum Fingerprint {
    /// The scheme new entries are stored in.
    public static let currentScheme = 2

    /// The fields both schemes cover, in order: what the source said about the result and the candidate. Frozen:
    /// never edit this list; a different list is a new scheme.
    static let fields: [Field] = [
        .centreNumber, .candidateNumber, .candidateId, .testDate, .module, .familyName, .firstName, .dateOfBirth,
        .gender, .listeningScore, .readingScore, .writingScore, .speakingScore, .overallBandScore, .trfNumber,
        .telephone, .postalAddress, .addressLine1, .addressLine2, .addressLine3, .addressLine4, .region, .town,
        .postcode, .country, .countryCode, .candidateEmail, .testType, .scoreScale, .scoreId, .status,
        .sourceStatus, .cefrLevel, .reportDate, .lastModified, .middleName, .genderCode, .appointmentNumber,
        .comparableIbtScore, .listeningAccommodation, .speakingAccommodation, .myBestListening, .myBestListeningDate,
        .myBestReading, .myBestReadingDate, .myBestWriting, .myBestWritingDate, .myBestSpeaking, .myBestSpeakingDate,
        .myBestTotal, .myBestComparableIbt, .myBestCefr, .myBestAsOfDate, .testMode, .testCentreCountry,
        .nativeCountryCode, .nativeCountry, .nativeLanguageCode, .nativeLanguage, .securityIdType, .securityIdLast4,
        .securityIdCountry, .institutionCode, .departmentCode, .departmentDescription, .listeningCefr, .readingCefr,
        .writingCefr, .speakingCefr, .sentenceStructure, .vocabularyKnowledge,
    ]

    /// When and how the source delivered the record, which scheme 2 leaves out.
    static let deliveryMetadata: Set<Field> = [.lastModified, .reportDate]

    /// The scheme a stored fingerprint was made with.
    public static func scheme(of stored: String) -> Int {
        stored.hasPrefix("2:") ? 2 : 1
    }

    /// The fingerprint of `score` in `scheme`, as the ledger stores it.
    public static func make(_ score: TestScore, scheme: Int = currentScheme) -> String {
        let context = RenderContext(
            dateFormat: .isoDate, downloadDate: CalendarDate(year: 2000, month: 1, day: 1).unsafelyUnwrapped)
        var hash = FNV1a()
        for field in fields where scheme == 1 || !deliveryMetadata.contains(field) {
            hash.combine(text(field, of: score, scheme: scheme, context).utf8)
            hash.combine(0x1F)
        }
        let digits = String(hash.value, radix: 16)
        let hex = String(repeating: "0", count: 16 - digits.count) + digits
        return scheme == 1 ? hex : "\(scheme):\(hex)"
    }

    /// A field's text as the scheme hashes it.
    private static func text(_ field: Field, of score: TestScore, scheme: Int, _ context: RenderContext) -> String {
        switch field {
        case .cefrLevel:
            let sent = score.cefrDerived ? nil : score.cefr
            switch sent {
            case .valid(let level): return level.rawValue
            case .invalid(let text): return text
            case nil: return scheme == 1 ? release010CEFR(score)?.rawValue ?? "" : ""
            }
        case .listeningCefr: return score.sectionCEFR.fromFeed(.listening)
        case .readingCefr: return score.sectionCEFR.fromFeed(.reading)
        case .writingCefr: return score.sectionCEFR.fromFeed(.writing)
        case .speakingCefr: return score.sectionCEFR.fromFeed(.speaking)
        default: return field.text(of: score, context)
        }
    }

    /// The CEFR level release 0.1.0 derived for a record whose feed sent none, frozen with scheme 1: IELTS
    /// 8.5-9 C2, 7-8 C1, 5.5-6.5 B2, 4-5 B1, 3-3.5 A2; TOEFL 1-6 by half bands; TOEFL 0-120 95 C1, 72 B2, 42 B1.
    private static func release010CEFR(_ score: TestScore) -> CEFRLevel? {
        guard let overall = score.scores.overall?.value?.hundredths else { return nil }
        let cuts: [(Int64, CEFRLevel)]
        switch score.test.scale {
        case .ieltsBand: cuts = [(850, .c2), (700, .c1), (550, .b2), (400, .b1), (300, .a2)]
        case .toefl6: cuts = [(600, .c2), (500, .c1), (400, .b2), (300, .b1), (200, .a2), (100, .a1)]
        case .toefl120: cuts = [(9500, .c1), (7200, .b2), (4200, .b1)]
        case .essentials12: cuts = []
        }
        return cuts.first { overall >= $0.0 }?.1
    }
}

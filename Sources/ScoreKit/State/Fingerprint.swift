/// Fingerprints of what a record says, which the ledger stores to tell an unchanged record from a changed one.
///
/// A scheme is an explicit, frozen list of fields and how each is rendered: adding an output field or renaming a
/// heading changes no stored fingerprint. A new scheme gets a new number, and the ledger keeps reading entries made
/// with an older one (see ``Ledger``), so a change of scheme never re-delivers a record by itself.
public enum Fingerprint {
    /// Scheme 1 (release 0.1.0): FNV-1a over these fields' text (dates as yyyy-mm-dd), each followed by 0x1F.
    /// Stored as 16 hex digits with no prefix. Frozen: never edit this list.
    static let scheme1Fields: [Field] = [
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

    /// The scheme 1 fingerprint of `score`.
    public static func scheme1(_ score: TestScore) -> String {
        let context = RenderContext(
            dateFormat: .isoDate, downloadDate: CalendarDate(year: 2000, month: 1, day: 1).unsafelyUnwrapped)
        var hash = FNV1a()
        for field in scheme1Fields {
            // As 0.1.0 rendered it: the rules' derived levels change no fingerprint.
            hash.combine(LevelDerivation.release010Text(of: field, in: score, context).utf8)
            hash.combine(0x1F)
        }
        return hex(hash.value)
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

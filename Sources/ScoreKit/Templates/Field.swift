/// A column of the output: every E-Delivery template field under its exact heading, then the model's extra fields.
public enum Field: String, Sendable, Hashable, CaseIterable {
    // The guide's appendix, in its order, then Download Date.
    case centreNumber, candidateNumber, candidateId, testDate
    case module = "Module"
    case familyName, firstName, dateOfBirth, gender
    case listeningScore, readingScore, writingScore, speakingScore, overallBandScore
    case trfNumber
    case telephone = "Telephone"
    case postalAddress, addressLine1, addressLine2, addressLine3, addressLine4, region, town, postcode, country
    case countryCode, candidateEmail
    case photoData = "photo_data"
    case downloadDate
    // The model's fields that the guide lacks.
    case testType, scoreScale, scoreId, status, sourceStatus, cefrLevel, reportDate, lastModified, middleName
    case genderCode, appointmentNumber, comparableIbtScore, listeningAccommodation, speakingAccommodation
    case myBestListening, myBestListeningDate, myBestReading, myBestReadingDate, myBestWriting, myBestWritingDate
    case myBestSpeaking, myBestSpeakingDate, myBestTotal, myBestComparableIbt, myBestCefr, myBestAsOfDate
    case testMode, testCentreCountry, nativeCountryCode, nativeCountry, nativeLanguageCode, nativeLanguage
    case securityIdType, securityIdLast4, securityIdCountry, institutionCode, departmentCode, departmentDescription
    case listeningCefr, readingCefr, writingCefr, speakingCefr, sentenceStructure, vocabularyKnowledge
    // A reading aid derived from the scores: in the compact template, not in the e-delivery data template.
    case ieltsEquivalent
    // Added by the run after the template's fields: the delivery (fetch --state), the policy check (--policy) and
    // the applicant match (--applicants; candidateApplicants in the review file only).
    case deliveryType, policyResult, policyReasons, applicantId, matchStatus, matchedBy, candidateApplicants

    /// Fields the run appends after the template's own (never part of a built-in template).
    public static let appendedByRun: Set<Field> = [
        .deliveryType, .policyResult, .policyReasons, .applicantId, .matchStatus, .matchedBy, .candidateApplicants,
    ]

    /// The column heading in the download.
    public var heading: String { rawValue }

    /// The guide's template field names, when the guide has the field.
    public var guideNames: [String] {
        switch self {
        case .centreNumber: ["Test Center Number", "Centre Number", "Center Number"]
        case .candidateNumber: ["Candidate Number"]
        case .candidateId: ["Candidate ID"]
        case .testDate: ["Test Date"]
        case .module: ["Module"]
        case .familyName: ["Family Name"]
        case .firstName: ["First Name"]
        case .dateOfBirth: ["Date of Birth"]
        case .gender: ["Gender"]
        case .listeningScore: ["Listening Score"]
        case .readingScore: ["Reading Score"]
        case .writingScore: ["Writing Score"]
        case .speakingScore: ["Speaking Score"]
        case .overallBandScore: ["Overall Band Score"]
        case .trfNumber: ["Test Report Form (TRF) Number", "TRF Number"]
        case .telephone: ["Telephone"]
        case .postalAddress: ["Postal Address"]
        case .addressLine1: ["Address Line 1"]
        case .addressLine2: ["Address Line 2"]
        case .addressLine3: ["Address Line 3"]
        case .addressLine4: ["Address Line 4"]
        case .region: ["Region"]
        case .town: ["Town"]
        case .postcode: ["Post Code", "Postcode"]
        case .country: ["Country"]
        case .countryCode: ["Country Code"]
        case .candidateEmail: ["Candidate Email"]
        case .photoData: ["Photo"]
        case .downloadDate: ["Download Date"]
        default: []
        }
    }

    /// Headings that exports and spreadsheets commonly use for the field besides the guide's names ("Surname",
    /// "DOB", "Listening"): read like them in every heading-based input, and in the applicant file.
    public var synonyms: [String] {
        switch self {
        case .familyName: ["Last Name", "Surname"]
        case .firstName: ["Given Name"]
        case .dateOfBirth: ["DOB", "Birthdate"]
        case .listeningScore: ["Listening"]
        case .readingScore: ["Reading"]
        case .writingScore: ["Writing"]
        case .speakingScore: ["Speaking"]
        case .overallBandScore: ["Overall Band", "Overall", "Total", "Total Score"]
        case .trfNumber: ["TRF"]
        case .candidateEmail: ["Email", "Email Address"]
        case .appointmentNumber: ["TOEFL Appointment Number"]
        default: []
        }
    }

    /// Every name the field is read under, in order: its heading, the guide's names, the synonyms.
    public var names: [String] { [heading] + guideNames + synonyms }

    /// How a spreadsheet should type the value.
    public var valueType: FieldValueType {
        switch self {
        case .listeningScore, .readingScore, .writingScore, .speakingScore, .overallBandScore, .comparableIbtScore,
            .myBestListening, .myBestReading, .myBestWriting, .myBestSpeaking, .myBestTotal, .myBestComparableIbt:
            .score
        case .testDate, .dateOfBirth, .downloadDate, .reportDate, .myBestListeningDate, .myBestReadingDate,
            .myBestWritingDate, .myBestSpeakingDate, .myBestAsOfDate:
            .date
        case .lastModified: .timestamp
        default: .text
        }
    }

    /// What the field holds, for `scoreimport templates NAME`.
    public var meaning: String {
        switch self {
        case .centreNumber: "test centre number (IELTS) or test centre code (TOEFL)"
        case .candidateNumber: "number given by the centre for one session; not unique to the person (IELTS)"
        case .candidateId: "no longer available: always blank, as in E-Delivery"
        case .testDate: "date of the test"
        case .module: "Academic or General Training (IELTS only)"
        case .familyName: "family (last) name"
        case .firstName: "first (given) name"
        case .dateOfBirth: "date of birth"
        case .gender: "M, F or U (TOEFL codes 1 and 2 are M and F; the others U)"
        case .listeningScore: "listening score on the test's scale (blank when absent, e.g. an accommodation)"
        case .readingScore: "reading score on the test's scale"
        case .writingScore: "writing score on the test's scale"
        case .speakingScore: "speaking score on the test's scale (blank when absent, e.g. an accommodation)"
        case .overallBandScore: "IELTS overall band, or the TOEFL total score"
        case .trfNumber: "IELTS Test Report Form number (blank for TOEFL)"
        case .telephone: "telephone number"
        case .postalAddress: "address lines 1-4 joined by \", \" (the guide advises lines or this, not both)"
        case .addressLine1, .addressLine2, .addressLine3, .addressLine4: "postal address line"
        case .region: "county, state or province"
        case .town: "town or city"
        case .postcode: "postal or zip code (text: leading zeros kept)"
        case .country: "country name"
        case .countryCode: "country code: IELTS numeric code, or TOEFL ISO code"
        case .candidateEmail: "e-mail address"
        case .photoData: "photo: base64 JPEG data, or the file it was saved to with --photos"
        case .downloadDate: "the date of this run"
        case .testType: "IELTS Academic, IELTS General Training, TOEFL iBT 0-120, TOEFL iBT 1-6 or TOEFL Essentials"
        case .scoreScale: "the scale of the scores: 0-9, 0-120, 1-6 or 1-12"
        case .scoreId: "id unique within its test: the TRF number or the TOEFL appointment number"
        case .status: "REPORTED or CANCELLED"
        case .sourceStatus: "the status as the service sent it (RELEASED, R, C ...)"
        case .cefrLevel: "CEFR level of the overall score: from the feed, or derived from the official tables"
        case .reportDate: "TOEFL report date, or the date the IELTS result was last modified"
        case .lastModified: "IELTS last-modified time, UTC (yyyy-mm-ddThh:mm:ss)"
        case .middleName: "middle name (TOEFL)"
        case .genderCode: "the gender code as the service sent it (TOEFL 0-5)"
        case .appointmentNumber: "TOEFL appointment (registration) number, 16 digits"
        case .comparableIbtScore: "comparable TOEFL 0-120 score sent with 1-6 scores (until 2028)"
        case .listeningAccommodation: "Y when an accommodation means there is no listening score"
        case .speakingAccommodation: "Y when an accommodation means there is no speaking score"
        case .myBestListening, .myBestReading, .myBestWriting, .myBestSpeaking: "TOEFL MyBest section score"
        case .myBestListeningDate, .myBestReadingDate, .myBestWritingDate, .myBestSpeakingDate:
            "date of the test the MyBest section score comes from"
        case .myBestTotal: "TOEFL MyBest total score"
        case .myBestComparableIbt: "TOEFL MyBest comparable 0-120 score"
        case .myBestCefr: "TOEFL MyBest CEFR level"
        case .myBestAsOfDate: "date the MyBest scores were computed"
        case .testMode: "TOEFL test mode (Test Center, Home Edition)"
        case .testCentreCountry: "country of the TOEFL test centre"
        case .nativeCountryCode: "native country code (TOEFL)"
        case .nativeCountry: "native country (TOEFL)"
        case .nativeLanguageCode: "native language code (TOEFL)"
        case .nativeLanguage: "native language (TOEFL)"
        case .securityIdType: "identity document type (TOEFL)"
        case .securityIdLast4: "last 4 digits of the identity document number (TOEFL)"
        case .securityIdCountry: "identity document issuing country (TOEFL)"
        case .institutionCode: "TOEFL institution code the score was sent to"
        case .departmentCode: "TOEFL department code"
        case .departmentDescription: "TOEFL department description"
        case .listeningCefr, .readingCefr, .writingCefr, .speakingCefr:
            "section CEFR level: from the feed (TOEFL Essentials), or derived (TOEFL 1-6 and 0-120)"
        case .sentenceStructure: "TOEFL Essentials sentence structure score"
        case .vocabularyKnowledge: "TOEFL Essentials vocabulary knowledge score"
        case .ieltsEquivalent:
            "ETS's concordance of a TOEFL 0-120 total (1-6: its comparable score) with an IELTS band; ETS warns "
                + "against using it to set cut scores"
        case .deliveryType: "with fetch --state: new, update (changed since delivered) or cancellation"
        case .policyResult: "with --policy: meets, fails, review or no-rule"
        case .policyReasons: "with --policy: every reason for the result, separated by \"; \""
        case .applicantId: "with --applicants: the id of the applicant the score was matched to"
        case .matchStatus: "with --applicants: matched, ambiguous, conflict or unmatched"
        case .matchedBy:
            "with --applicants: the rule that matched (id, name-dob, swapped-name-dob, email-dob, email-name)"
        case .candidateApplicants: "in the --review file: the applicant ids that came closest"
        }
    }

    /// Finds a field by heading ("familyName"), guide name ("Family Name") or synonym ("Surname"), ignoring case,
    /// spaces, '_', '-' and parentheses.
    public init?(name: String) {
        if let exact = Field(rawValue: name) {
            self = exact
            return
        }
        let folded = Field.fold(name)
        guard let match = Field.byFoldedName[folded] else { return nil }
        self = match
    }

    /// A heading as headings are compared: case, spaces and other white space (a line break typed with Alt+Enter
    /// in a spreadsheet cell), `_`, `-` and parentheses ignored.
    static func fold(_ name: String) -> String {
        String(
            name.lowercased().unicodeScalars.filter {
                !$0.properties.isWhitespace && !"_-()".unicodeScalars.contains($0)
            })
    }

    private static let byFoldedName: [String: Field] = {
        var map: [String: Field] = [:]
        for field in Field.allCases {
            for name in field.names where map[fold(name)] == nil { map[fold(name)] = field }
        }
        // Spellings the IELTS API uses for E-Delivery columns.
        map["photo"] = .photoData
        map["photodata"] = .photoData
        return map
    }()
}

/// How a value should be typed by a spreadsheet.
public enum FieldValueType: Sendable, Hashable {
    case text, score, date, timestamp
}

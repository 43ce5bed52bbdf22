/// Where a record keeps the text of a field it stores as it is (names, ids, codes, the run's annotations).
enum TextStorage: Sendable, Hashable {
    case record(ScoreText)
    case candidate(CandidateText)
}

extension Field {
    /// The one table from fields to the record's text storage; nil for a field computed from typed values
    /// (scores, dates, the test) or composed (the postal address).
    ///
    /// A new text column is a `Field` case (with its meaning), a slot in ``ScoreText`` or ``CandidateText``, and a
    /// line here: writers, readers and ``TestScore/subscript(stored:)`` follow from this table.
    var storage: TextStorage? {
        switch self {
        case .familyName: .candidate(.familyName)
        case .firstName: .candidate(.firstName)
        case .middleName: .candidate(.middleName)
        case .genderCode: .candidate(.genderCode)
        case .candidateEmail: .candidate(.email)
        case .telephone: .candidate(.telephone)
        case .addressLine1: .candidate(.addressLine1)
        case .addressLine2: .candidate(.addressLine2)
        case .addressLine3: .candidate(.addressLine3)
        case .addressLine4: .candidate(.addressLine4)
        case .town: .candidate(.town)
        case .region: .candidate(.region)
        case .postcode: .candidate(.postcode)
        case .country: .candidate(.country)
        case .countryCode: .candidate(.countryCode)
        case .nativeCountryCode: .candidate(.nativeCountryCode)
        case .nativeCountry: .candidate(.nativeCountry)
        case .nativeLanguageCode: .candidate(.nativeLanguageCode)
        case .nativeLanguage: .candidate(.nativeLanguage)
        case .securityIdType: .candidate(.securityIdType)
        case .securityIdLast4: .candidate(.securityIdLast4)
        case .securityIdCountry: .candidate(.securityIdCountry)
        case .scoreId: .record(.id)
        case .sourceStatus: .record(.sourceStatus)
        case .photoData: .record(.photo)
        case .institutionCode: .record(.institutionCode)
        case .departmentCode: .record(.departmentCode)
        case .departmentDescription: .record(.departmentDescription)
        case .sentenceStructure: .record(.sentenceStructure)
        case .vocabularyKnowledge: .record(.vocabularyKnowledge)
        case .deliveryType: .record(.delivery)
        case .policyResult: .record(.policyResult)
        case .policyReasons: .record(.policyReasons)
        case .applicantId: .record(.applicantId)
        case .matchStatus: .record(.matchStatus)
        case .matchedBy: .record(.matchedBy)
        case .candidateApplicants: .record(.candidateApplicants)
        default: nil
        }
    }
}

extension TestScore {
    /// The text of a field the record stores as it is (see ``Field/storage``); "" for a computed field.
    public subscript(stored field: Field) -> String {
        get { field.storage.map { self[$0] } ?? "" }
        set {
            guard let storage = field.storage else {
                preconditionFailure("\(field.heading) is computed from typed values, not stored as text")
            }
            self[storage] = newValue
        }
    }

    subscript(storage: TextStorage) -> String {
        get {
            switch storage {
            case .record(let slot): text[slot]
            case .candidate(let slot): candidate.text[slot]
            }
        }
        set {
            switch storage {
            case .record(let slot): text[slot] = newValue
            case .candidate(let slot): candidate.text[slot] = newValue
            }
        }
    }

    /// Calls `body` with the stored field's UTF-8 bytes, valid only inside it (writers copy them straight out).
    @inline(__always)
    func withBytes<Result>(_ storage: TextStorage, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case .record(let slot): text.withBytes(slot, body)
        case .candidate(let slot): candidate.text.withBytes(slot, body)
        }
    }

    /// Sets a stored field from UTF-8 bytes (which must not point into this record), without making a String.
    @inline(__always)
    mutating func set(_ storage: TextStorage, _ bytes: UnsafeBufferPointer<UInt8>) {
        switch storage {
        case .record(let slot): text.set(slot, bytes)
        case .candidate(let slot): candidate.text.set(slot, bytes)
        }
    }
}

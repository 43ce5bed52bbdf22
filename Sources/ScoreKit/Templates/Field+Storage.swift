/// Where a record keeps the text of a field it stores as it is (names, ids, codes, the run's annotations).
enum TextStorage: Sendable, Hashable {
    case record(ScoreText)
    case candidate(CandidateText)
    case session(SessionText)
    /// A section's CEFR level.
    case level(Section)
}

extension Field {
    /// The one table from fields to the record's text storage; nil for a field computed from typed values
    /// (scores, dates, the test) or composed (the postal address).
    ///
    /// A new text column is a `Field` case (with its meaning), a slot in ``ScoreText``, ``CandidateText`` or
    /// ``SessionText``, and a line here: writers, readers and ``TestScore/subscript(stored:)`` follow from this
    /// table.
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
        case .centreNumber: .session(.centre)
        case .candidateNumber: .session(.candidateNumber)
        case .testMode: .session(.testMode)
        case .testCentreCountry: .session(.centreCountry)
        case .listeningCefr: .level(.listening)
        case .readingCefr: .level(.reading)
        case .writingCefr: .level(.writing)
        case .speakingCefr: .level(.speaking)
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
            case .session(let slot): session.text[slot]
            case .level(let section): sectionCEFR.text[section]
            }
        }
        set {
            switch storage {
            case .record(let slot): text[slot] = newValue
            case .candidate(let slot): candidate.text[slot] = newValue
            case .session(let slot): session.text[slot] = newValue
            case .level(let section): sectionCEFR.text[section] = newValue
            }
        }
    }

    /// Calls `body` with the stored field's UTF-8 bytes, valid only inside it (writers copy them straight out).
    @inline(__always)
    func withBytes<Result>(_ storage: TextStorage, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case .record(let slot): text.withBytes(slot, body)
        case .candidate(let slot): candidate.text.withBytes(slot, body)
        case .session(let slot): session.text.withBytes(slot, body)
        case .level(let section): sectionCEFR.text.withBytes(section, body)
        }
    }

    /// Sets a stored field from UTF-8 bytes (which must not point into this record), without making a String.
    @inline(__always)
    mutating func set(_ storage: TextStorage, _ bytes: UnsafeBufferPointer<UInt8>) {
        switch storage {
        case .record(let slot): text.set(slot, bytes)
        case .candidate(let slot): candidate.text.set(slot, bytes)
        case .session(let slot): session.text.set(slot, bytes)
        case .level(let section): sectionCEFR.text.set(section, bytes)
        }
    }
}

extension TestScore {
    /// Calls `body` with every stored field readable in place, valid only inside it: a writer looks the record's
    /// buffers up once per row rather than once per cell.
    @inline(__always)
    func withStoredText<Result>(_ body: (StoredText) -> Result) -> Result {
        text.withView { own in
            candidate.text.withView { candidate in
                session.text.withView { session in
                    sectionCEFR.text.withView { levels in
                        body(StoredText(own: own, candidate: candidate, session: session, levels: levels))
                    }
                }
            }
        }
    }
}

/// The stored fields of one record, read in place (see ``TestScore/withStoredText(_:)``).
struct StoredText {
    let own: TextFields<ScoreText>.View
    let candidate: TextFields<CandidateText>.View
    let session: TextFields<SessionText>.View
    let levels: TextFields<Section>.View

    /// The field's UTF-8 bytes.
    @inline(__always)
    subscript(storage: TextStorage) -> UnsafeBufferPointer<UInt8> {
        switch storage {
        case .record(let slot): own[slot]
        case .candidate(let slot): candidate[slot]
        case .session(let slot): session[slot]
        case .level(let section): levels[section]
        }
    }
}

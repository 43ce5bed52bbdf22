/// Maps one IELTS Results Service API result (shaped as in shared/API.md) onto ``TestScore``.
/// Unknown fields are skipped; a missing optional field stays empty.
struct IELTSRecordReader {
    private enum Key: String, CaseIterable, Sendable {
        case candidateId, centreNumber, candidateNumber, testDate, module, familyName, firstName, dateOfBirth
        case gender, listeningScore, readingScore, writingScore, speakingScore, overallBandScore, trfNumber
        case telephone, postalAddress, addressLine1, addressLine2, addressLine3, addressLine4, region, town
        case postCode, postcode, country, countryCode, candidateEmail, photo, status, lastModifiedDate
        // The E-Delivery spellings, accepted as well.
        case moduleHeading = "Module", telephoneHeading = "Telephone", photoData = "photo_data"
    }

    private static let keys = KeySet<Key>()

    static func read(_ r: JSONReader, into score: inout TestScore) throws(JSONReadError) {
        score.reset(test: .ieltsAcademic)
        guard try r.enterObject() else { throw r.error("expected an IELTS result object, found null") }
        var members = keys.members(of: r)
        while try members.next() {
            switch members.key {
            case .candidateId: try r.text(into: &score.candidate.text, .candidateId)
            case .centreNumber: try r.text(into: &score.session.text, .centre)
            case .candidateNumber: try r.text(into: &score.session.text, .candidateNumber)
            case .testDate: score.session.testDate = try r.date()
            case .module, .moduleHeading: try module(r, into: &score)
            case .familyName: try r.text(into: &score.candidate.text, .familyName)
            case .firstName: try r.text(into: &score.candidate.text, .firstName)
            case .dateOfBirth: score.candidate.dateOfBirth = try r.date()
            case .gender:
                let code = try r.readTextBytes() ?? UnsafeBufferPointer(start: nil, count: 0)
                score.candidate.text.set(.genderCode, code)
                // Blanks around a code are ignored, here and by the validator.
                score.candidate.gender = gender(code.trimmingASCIISpaces())
            case .listeningScore: score.scores.listening = try r.score()
            case .readingScore: score.scores.reading = try r.score()
            case .writingScore: score.scores.writing = try r.score()
            case .speakingScore: score.scores.speaking = try r.score()
            case .overallBandScore: score.scores.overall = try r.score()
            case .trfNumber: try r.text(into: &score.text, .id)
            case .telephone, .telephoneHeading: try r.text(into: &score.candidate.text, .telephone)
            case .postalAddress: try r.text(into: &score.candidate.text, .postalAddress)
            case .addressLine1: try r.text(into: &score.candidate.text, .addressLine1)
            case .addressLine2: try r.text(into: &score.candidate.text, .addressLine2)
            case .addressLine3: try r.text(into: &score.candidate.text, .addressLine3)
            case .addressLine4: try r.text(into: &score.candidate.text, .addressLine4)
            case .region: try r.text(into: &score.candidate.text, .region)
            case .town: try r.text(into: &score.candidate.text, .town)
            case .postCode, .postcode: try r.text(into: &score.candidate.text, .postcode)
            case .country: try r.text(into: &score.candidate.text, .country)
            case .countryCode: try r.text(into: &score.candidate.text, .countryCode)
            case .candidateEmail: try r.text(into: &score.candidate.text, .email)
            case .photo:
                if try r.peekKind() == .object {
                    try r.beginObject()
                    while try r.nextMember() {
                        if r.keyBytes.elementsEqual("data".utf8) {
                            try r.text(into: &score.text, .photo)
                        } else {
                            try r.skipValue()
                        }
                    }
                } else {
                    try r.text(into: &score.text, .photo)
                }
            case .photoData: try r.text(into: &score.text, .photo)
            case .status:
                let status = try r.readTextBytes() ?? UnsafeBufferPointer(start: nil, count: 0)
                score.text.set(.sourceStatus, status)
                // Blanks around the code are ignored, here and by the validator.
                let code = status.trimmingASCIISpaces()
                let released = code.isEmpty || code.elementsEqual("RELEASED".utf8)
                // A String only when the bytes are not plainly RELEASED (another case, which is rare).
                let reported = released || score.sourceStatus.trimmingASCIISpaces().uppercased() == "RELEASED"
                score.status = reported ? .reported : .cancelled
            case .lastModifiedDate:
                guard let text = try r.readTextBytes(), !text.isEmpty else { continue }
                if let time = Timestamp(isoBytes: text) {
                    score.session.lastModified = .valid(time)
                    score.session.reportDate = .valid(time.date)
                } else {
                    score.session.lastModified = .invalid(String(decoding: text, as: UTF8.self))
                }
            case nil: try r.skipValue()
            }
        }
    }

    /// The IELTS module a `module` value names: the two spellings the service sends are read from their bytes. Any
    /// other value, an empty one or null leaves the record Academic by a guess that is said, as for every input:
    /// the value is kept to be written back, and a `--module` filter passes the record (``TestScore/moduleIsGuessed``).
    private static func module(_ r: JSONReader, into score: inout TestScore) throws(JSONReadError) {
        guard let bytes = try r.readTextBytes(), !bytes.trimmingASCIISpaces().isEmpty else {
            score.sourceProblems.append(.missingModule)
            score.moduleIsGuessed = true
            return
        }
        if bytes.elementsEqual("Academic".utf8) {
            score.test = .ieltsAcademic
        } else if bytes.elementsEqual("General Training".utf8) {
            score.test = .ieltsGeneralTraining
        } else if let kind = TestNames.module(bytes) ?? TestKind(name: String(decoding: bytes, as: UTF8.self)),
            kind.isIELTS
        {
            score.test = kind
        } else {
            let value = String(decoding: bytes.prefix(40), as: UTF8.self)
            score.sourceProblems.append(.unknownTest(field: Field.module.heading, value: value, readAs: .ieltsAcademic))
            score.text.set(.sourceModule, bytes)
            score.moduleIsGuessed = true
        }
    }

    /// M, F or U in either case; any other code reads as U.
    private static func gender(_ code: UnsafeBufferPointer<UInt8>) -> Gender? {
        if code.isEmpty { return nil }
        guard code.count == 1 else { return .unspecified }
        switch code[0] | 0x20 {
        case UInt8(ascii: "m"): return .male
        case UInt8(ascii: "f"): return .female
        default: return .unspecified
        }
    }
}

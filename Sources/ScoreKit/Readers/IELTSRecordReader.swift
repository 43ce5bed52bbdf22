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
        score = TestScore(test: .ieltsAcademic)
        guard try r.enterObject() else { throw r.error("expected an IELTS result object, found null") }
        var members = keys.members(of: r)
        while try members.next() {
            switch members.key {
            case .candidateId: score.candidate.candidateId = try r.text()
            case .centreNumber: score.session.centre = try r.text()
            case .candidateNumber: score.session.candidateNumber = try r.text()
            case .testDate: score.session.testDate = SourceValue.date(try r.text())
            case .module, .moduleHeading:
                let module = try r.text()
                if let kind = TestKind(name: module), kind.isIELTS { score.test = kind }
            case .familyName: score.candidate.familyName = try r.text()
            case .firstName: score.candidate.firstName = try r.text()
            case .dateOfBirth: score.candidate.dateOfBirth = SourceValue.date(try r.text())
            case .gender:
                score.candidate.genderCode = try r.text()
                // Blanks around a code are ignored, here and by the validator.
                let code = score.candidate.genderCode.trimmingASCIISpaces()
                score.candidate.gender = code.isEmpty ? nil : Gender(rawValue: code.uppercased()) ?? .unspecified
            case .listeningScore: score.scores.listening = SourceValue.score(try r.text())
            case .readingScore: score.scores.reading = SourceValue.score(try r.text())
            case .writingScore: score.scores.writing = SourceValue.score(try r.text())
            case .speakingScore: score.scores.speaking = SourceValue.score(try r.text())
            case .overallBandScore: score.scores.overall = SourceValue.score(try r.text())
            case .trfNumber: score.id = try r.text()
            case .telephone, .telephoneHeading: score.candidate.telephone = try r.text()
            case .postalAddress: score.candidate.postalAddress = try r.text()
            case .addressLine1: score.candidate.addressLines[0] = try r.text()
            case .addressLine2: score.candidate.addressLines[1] = try r.text()
            case .addressLine3: score.candidate.addressLines[2] = try r.text()
            case .addressLine4: score.candidate.addressLines[3] = try r.text()
            case .region: score.candidate.region = try r.text()
            case .town: score.candidate.town = try r.text()
            case .postCode, .postcode: score.candidate.postcode = try r.text()
            case .country: score.candidate.country = try r.text()
            case .countryCode: score.candidate.countryCode = try r.text()
            case .candidateEmail: score.candidate.email = try r.text()
            case .photo:
                if try r.peekKind() == .object {
                    try r.beginObject()
                    while try r.nextMember() {
                        if r.key == "data" { score.photo = try r.text() } else { try r.skipValue() }
                    }
                } else {
                    score.photo = try r.text()
                }
            case .photoData: score.photo = try r.text()
            case .status:
                score.sourceStatus = try r.text()
                let code = score.sourceStatus.trimmingASCIISpaces()
                score.status = code.isEmpty || code.uppercased() == "RELEASED" ? .reported : .cancelled
            case .lastModifiedDate:
                let text = try r.text()
                if !text.isEmpty {
                    if let time = Timestamp(iso: text) {
                        score.session.lastModified = .valid(time)
                        score.session.reportDate = .valid(time.date)
                    } else {
                        score.session.lastModified = .invalid(text)
                    }
                }
            case nil: try r.skipValue()
            }
        }
    }
}

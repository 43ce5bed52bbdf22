/// Maps one TOEFL iBT Server-to-Server record (the JSON layout seed) onto ``TestScore``.
struct TOEFLRecordReader {
    private enum RecordKey: String, CaseIterable, Sendable {
        case institutionCode, departmentCode, departmentDescription, appointmentNo, reportDate, scoreStatus
        case candidateInfo, testInfo, ibt26, ibt, essentials
    }
    private enum CandidateKey: String, CaseIterable, Sendable {
        case lastName, firstName, middleName, address, nativeCountryCode, nativeCountryName, nativeLanguageCode
        case nativeLanguageName, dob, gender, email, securityId
    }
    private enum AddressKey: String, CaseIterable, Sendable {
        case address1, address2, address3, address4, city, state, countryCode, countryName, zip
    }
    private enum SecurityKey: String, CaseIterable, Sendable { case type, number, issuingCountry }
    private enum TestInfoKey: String, CaseIterable, Sendable {
        case testDate, testType, listeningAccommodationInd, speakingAccommodationInd, testMode, testCenterCode
        case testCenterCountryName
    }
    private enum ScoreKey: String, CaseIterable, Sendable {
        case listeningScore, readingScore, speakingScore, writingScore, totalScore, totalCEFR
        case totalScoreIbtEquivalent, listeningCEFR, readingCEFR, writingCEFR, speakingCEFR, sentenceStructure
        case vacabularyKnowledge, vocabularyKnowledge, mbs
    }
    private enum MyBestKey: String, CaseIterable, Sendable {
        case listeningScore, listeningTestDate, readingScore, readingTestDate, writingScore, writingTestDate
        case speakingScore, speakingTestDate, totalScore, totalScoreIbtEquivalent, totalCEFR, asOfDate
    }

    private static let recordKeys = KeySet<RecordKey>()
    private static let candidateKeys = KeySet<CandidateKey>()
    private static let addressKeys = KeySet<AddressKey>()
    private static let securityKeys = KeySet<SecurityKey>()
    private static let testInfoKeys = KeySet<TestInfoKey>()
    private static let scoreKeys = KeySet<ScoreKey>()
    private static let myBestKeys = KeySet<MyBestKey>()

    /// Reads the record object the reader stands on.
    static func read(_ r: JSONReader, into score: inout TestScore) throws(JSONReadError) {
        score = TestScore(test: .toeflIBT26)
        var scoreObject: TestKind?
        var testType = ""
        guard try r.enterObject() else { throw r.error("expected a TOEFL record object, found null") }
        while try r.nextMember() {
            switch recordKeys.match(r) {
            case .institutionCode: score.institutionCode = try r.text()
            case .departmentCode: score.departmentCode = try r.text()
            case .departmentDescription: score.departmentDescription = try r.text()
            case .appointmentNo: score.id = try r.text()
            case .reportDate: score.session.reportDate = SourceValue.date(try r.text())
            case .scoreStatus:
                score.sourceStatus = try r.text()
                score.status = score.sourceStatus.uppercased() == "C" ? .cancelled : .reported
            case .candidateInfo: try readCandidate(r, into: &score.candidate)
            case .testInfo: try readTestInfo(r, into: &score, testType: &testType)
            case .ibt26: if try readScores(r, into: &score) { scoreObject = .toeflIBT26 }
            case .ibt: if try readScores(r, into: &score) { scoreObject = .toeflIBT }
            case .essentials: if try readScores(r, into: &score) { scoreObject = .toeflEssentials }
            case nil: try r.skipValue()
            }
        }
        // The score object present decides the scale; without one (a cancellation), the test type does.
        if let scoreObject {
            score.test = scoreObject
        } else {
            switch testType.uppercased() {
            case "I", "C": score.test = .toeflIBT
            case "E": score.test = .toeflEssentials
            default: score.test = .toeflIBT26
            }
        }
    }

    private static func readCandidate(_ r: JSONReader, into c: inout Candidate) throws(JSONReadError) {
        guard try r.enterObject() else { return }
        while try r.nextMember() {
            switch candidateKeys.match(r) {
            case .lastName: c.familyName = try r.text()
            case .firstName: c.firstName = try r.text()
            case .middleName: c.middleName = try r.text()
            case .address: try readAddress(r, into: &c)
            case .nativeCountryCode: c.nativeCountryCode = try r.text()
            case .nativeCountryName: c.nativeCountry = try r.text()
            case .nativeLanguageCode: c.nativeLanguageCode = try r.text()
            case .nativeLanguageName: c.nativeLanguage = try r.text()
            case .dob: c.dateOfBirth = SourceValue.date(try r.text())
            case .gender:
                c.genderCode = try r.text()
                switch c.genderCode {
                case "": c.gender = nil
                case "1": c.gender = .male
                case "2": c.gender = .female
                default: c.gender = .unspecified
                }
            case .email: c.email = try r.text()
            case .securityId:
                guard try r.enterObject() else { continue }
                while try r.nextMember() {
                    switch securityKeys.match(r) {
                    case .type: c.securityIdType = try r.text()
                    case .number: c.securityIdLast4 = try r.text()
                    case .issuingCountry: c.securityIdCountry = try r.text()
                    case nil: try r.skipValue()
                    }
                }
            case nil: try r.skipValue()
            }
        }
    }

    private static func readAddress(_ r: JSONReader, into c: inout Candidate) throws(JSONReadError) {
        guard try r.enterObject() else { return }
        while try r.nextMember() {
            switch addressKeys.match(r) {
            case .address1: c.addressLines[0] = try r.text()
            case .address2: c.addressLines[1] = try r.text()
            case .address3: c.addressLines[2] = try r.text()
            case .address4: c.addressLines[3] = try r.text()
            case .city: c.town = try r.text()
            case .state: c.region = try r.text()
            case .countryCode: c.countryCode = try r.text()
            case .countryName: c.country = try r.text()
            case .zip: c.postcode = try r.text()
            case nil: try r.skipValue()
            }
        }
    }

    private static func readTestInfo(_ r: JSONReader, into score: inout TestScore, testType: inout String)
        throws(JSONReadError)
    {
        guard try r.enterObject() else { return }
        while try r.nextMember() {
            switch testInfoKeys.match(r) {
            case .testDate: score.session.testDate = SourceValue.date(try r.text())
            case .testType: testType = try r.text()
            case .listeningAccommodationInd: score.listeningAccommodation = try r.text().uppercased() == "L"
            case .speakingAccommodationInd: score.speakingAccommodation = try r.text().uppercased() == "S"
            case .testMode: score.session.testMode = try r.text()
            case .testCenterCode: score.session.centre = try r.text()
            case .testCenterCountryName: score.session.centreCountry = try r.text()
            case nil: try r.skipValue()
            }
        }
    }

    /// Reads an ibt26, ibt or essentials object; false if it was null.
    private static func readScores(_ r: JSONReader, into score: inout TestScore) throws(JSONReadError) -> Bool {
        guard try r.enterObject() else { return false }
        while try r.nextMember() {
            switch scoreKeys.match(r) {
            case .listeningScore: score.scores.listening = SourceValue.score(try r.text())
            case .readingScore: score.scores.reading = SourceValue.score(try r.text())
            case .speakingScore: score.scores.speaking = SourceValue.score(try r.text())
            case .writingScore: score.scores.writing = SourceValue.score(try r.text())
            case .totalScore: score.scores.overall = SourceValue.score(try r.text())
            case .totalCEFR: score.cefr = SourceValue.cefr(try r.text())
            case .totalScoreIbtEquivalent: score.comparableIBT = SourceValue.score(try r.text())
            case .listeningCEFR: score.sectionCEFR.listening = try r.text()
            case .readingCEFR: score.sectionCEFR.reading = try r.text()
            case .writingCEFR: score.sectionCEFR.writing = try r.text()
            case .speakingCEFR: score.sectionCEFR.speaking = try r.text()
            case .sentenceStructure: score.sentenceStructure = try r.text()
            case .vacabularyKnowledge, .vocabularyKnowledge: score.vocabularyKnowledge = try r.text()
            case .mbs: score.myBest = try readMyBest(r)
            case nil: try r.skipValue()
            }
        }
        return true
    }

    private static func readMyBest(_ r: JSONReader) throws(JSONReadError) -> MyBestScores? {
        guard try r.enterObject() else { return nil }
        var best = MyBestScores()
        var any = false
        while try r.nextMember() {
            any = true
            switch myBestKeys.match(r) {
            case .listeningScore: best.scores.listening = SourceValue.score(try r.text())
            case .listeningTestDate: best.listeningDate = SourceValue.date(try r.text())
            case .readingScore: best.scores.reading = SourceValue.score(try r.text())
            case .readingTestDate: best.readingDate = SourceValue.date(try r.text())
            case .writingScore: best.scores.writing = SourceValue.score(try r.text())
            case .writingTestDate: best.writingDate = SourceValue.date(try r.text())
            case .speakingScore: best.scores.speaking = SourceValue.score(try r.text())
            case .speakingTestDate: best.speakingDate = SourceValue.date(try r.text())
            case .totalScore: best.scores.overall = SourceValue.score(try r.text())
            case .totalScoreIbtEquivalent: best.comparableIBT = SourceValue.score(try r.text())
            case .totalCEFR: best.cefr = try r.text()
            case .asOfDate: best.asOfDate = SourceValue.date(try r.text())
            case nil: try r.skipValue()
            }
        }
        // An empty `mbs: {}` (as Essentials records carry) means no MyBest scores.
        return any ? best : nil
    }
}

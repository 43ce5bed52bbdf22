/// Maps one TOEFL iBT Server-to-Server record (the JSON layout seed) onto ``TestScore``.
struct TOEFLRecordReader {
    private enum RecordKey: String, CaseIterable, Sendable {
        case institutionCode, departmentCode, departmentDescription, appointmentNo, reportDate, candidateInfo
        case testInfo, scoreStatus, ibt26, ibt, essentials
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
        score.reset(test: .toeflIBT26)
        var scoreObject: TestKind?
        var statusSent = false
        guard try r.enterObject() else { throw r.error("expected a TOEFL record object, found null") }
        var members = recordKeys.members(of: r)
        while try members.next() {
            switch members.key {
            case .institutionCode: try r.text(into: &score.text, .institutionCode)
            case .departmentCode: try r.text(into: &score.text, .departmentCode)
            case .departmentDescription: try r.text(into: &score.text, .departmentDescription)
            case .appointmentNo: try r.text(into: &score.text, .id)
            case .reportDate: score.session.reportDate = try r.date()
            case .scoreStatus:
                let status = try r.readTextBytes() ?? UnsafeBufferPointer(start: nil, count: 0)
                score.text.set(.sourceStatus, status)
                // Read as the validator reads it: blanks around the code ignored. Anything but C is reported (the
                // validator warns about a code that is neither C nor R).
                let code = status.trimmingASCIISpaces()
                statusSent = !code.isEmpty
                score.status = code.count == 1 && code[0] | 0x20 == UInt8(ascii: "c") ? .cancelled : .reported
            case .candidateInfo: try readCandidate(r, into: &score.candidate)
            case .testInfo: try readTestInfo(r, into: &score)
            case .ibt26: if try readScores(r, into: &score) { scoreObject = .toeflIBT26 }
            case .ibt: if try readScores(r, into: &score) { scoreObject = .toeflIBT }
            case .essentials: if try readScores(r, into: &score) { scoreObject = .toeflEssentials }
            case nil: try r.skipValue()
            }
        }
        if !statusSent {
            score.sourceProblems.append(
                .missingCode(field: .sourceStatus, sourceName: "scoreStatus", expected: "C or R (read as reported)"))
        }
        // The score object present decides the scale; without one (a cancellation), the test type does. The
        // validator warns when the two disagree or the type is unknown (the raw code is kept).
        score.test = scoreObject ?? testKind(of: score) ?? .toeflIBT26
    }

    /// The test a `testType` code names (I iBT and C Paper Edition: 0-120; K iBT26: 1-6; E Essentials).
    static func kind(testType: String) -> TestKind? {
        let code = testType.trimmingASCIISpaces().utf8
        return code.count == 1 ? kind(code: code[code.startIndex]) : nil
    }

    /// The test the record's `testType` code names; a one-letter code, as sent, is read without a String.
    private static func testKind(of score: TestScore) -> TestKind? {
        let code = score.text.withBytes(.sourceTestType) { $0.count == 1 ? kind(code: $0[0]) : nil }
        return code ?? kind(testType: score.sourceTestType)
    }

    /// The test a one-letter `testType` code names, in either case.
    static func kind(code: UInt8) -> TestKind? {
        switch code | 0x20 {
        case UInt8(ascii: "i"), UInt8(ascii: "c"): .toeflIBT
        case UInt8(ascii: "k"): .toeflIBT26
        case UInt8(ascii: "e"): .toeflEssentials
        default: nil
        }
    }

    /// The name of the score object that carries a TOEFL test's scores.
    static func scoreObject(of test: TestKind) -> String {
        switch test {
        case .toeflIBT: "ibt"
        case .toeflEssentials: "essentials"
        default: "ibt26"
        }
    }

    private static func readCandidate(_ r: JSONReader, into c: inout Candidate) throws(JSONReadError) {
        guard try r.enterObject() else { return }
        var members = candidateKeys.members(of: r)
        while try members.next() {
            switch members.key {
            case .lastName: try r.text(into: &c.text, .familyName)
            case .firstName: try r.text(into: &c.text, .firstName)
            case .middleName: try r.text(into: &c.text, .middleName)
            case .address: try readAddress(r, into: &c)
            case .nativeCountryCode: try r.text(into: &c.text, .nativeCountryCode)
            case .nativeCountryName: try r.text(into: &c.text, .nativeCountry)
            case .nativeLanguageCode: try r.text(into: &c.text, .nativeLanguageCode)
            case .nativeLanguageName: try r.text(into: &c.text, .nativeLanguage)
            case .dob: c.dateOfBirth = try r.date()
            case .gender:
                let sent = try r.readTextBytes() ?? UnsafeBufferPointer(start: nil, count: 0)
                c.text.set(.genderCode, sent)
                let code = sent.trimmingASCIISpaces()
                switch (code.count, code.first) {
                case (0, _): c.gender = nil
                case (1, UInt8(ascii: "1")): c.gender = .male
                case (1, UInt8(ascii: "2")): c.gender = .female
                default: c.gender = .unspecified
                }
            case .email: try r.text(into: &c.text, .email)
            case .securityId:
                guard try r.enterObject() else { continue }
                var idMembers = securityKeys.members(of: r)
                while try idMembers.next() {
                    switch idMembers.key {
                    case .type: try r.text(into: &c.text, .securityIdType)
                    case .number: try r.text(into: &c.text, .securityIdLast4)
                    case .issuingCountry: try r.text(into: &c.text, .securityIdCountry)
                    case nil: try r.skipValue()
                    }
                }
            case nil: try r.skipValue()
            }
        }
    }

    private static func readAddress(_ r: JSONReader, into c: inout Candidate) throws(JSONReadError) {
        guard try r.enterObject() else { return }
        var members = addressKeys.members(of: r)
        while try members.next() {
            switch members.key {
            case .address1: try r.text(into: &c.text, .addressLine1)
            case .address2: try r.text(into: &c.text, .addressLine2)
            case .address3: try r.text(into: &c.text, .addressLine3)
            case .address4: try r.text(into: &c.text, .addressLine4)
            case .city: try r.text(into: &c.text, .town)
            case .state: try r.text(into: &c.text, .region)
            case .countryCode: try r.text(into: &c.text, .countryCode)
            case .countryName: try r.text(into: &c.text, .country)
            case .zip: try r.text(into: &c.text, .postcode)
            case nil: try r.skipValue()
            }
        }
    }

    private static func readTestInfo(_ r: JSONReader, into score: inout TestScore) throws(JSONReadError) {
        guard try r.enterObject() else { return }
        var members = testInfoKeys.members(of: r)
        while try members.next() {
            switch members.key {
            case .testDate: score.session.testDate = try r.date()
            case .testType: try r.text(into: &score.text, .sourceTestType)
            case .listeningAccommodationInd:
                score.listeningAccommodation = try readIndicator(r, into: &score.text, .listeningAccommodationCode, "L")
            case .speakingAccommodationInd:
                score.speakingAccommodation = try readIndicator(r, into: &score.text, .speakingAccommodationCode, "S")
            case .testMode: try r.text(into: &score.session.text, .testMode)
            case .testCenterCode: try r.text(into: &score.session.text, .centre)
            case .testCenterCountryName: try r.text(into: &score.session.text, .centreCountry)
            case nil: try r.skipValue()
            }
        }
    }

    /// Keeps an accommodation indicator as sent in `slot`; true when it is `letter` (in either case, blanks around
    /// it ignored): no score.
    private static func readIndicator(
        _ r: JSONReader, into text: inout TextFields<ScoreText>, _ slot: ScoreText, _ letter: Unicode.Scalar
    ) throws(JSONReadError) -> Bool {
        let sent = try r.readTextBytes() ?? UnsafeBufferPointer(start: nil, count: 0)
        text.set(slot, sent)
        let code = sent.trimmingASCIISpaces()
        return code.count == 1 && code[0] | 0x20 == UInt8(ascii: letter) | 0x20
    }

    /// Reads an ibt26, ibt or essentials object; false if it was null.
    private static func readScores(_ r: JSONReader, into score: inout TestScore) throws(JSONReadError) -> Bool {
        guard try r.enterObject() else { return false }
        var members = scoreKeys.members(of: r)
        while try members.next() {
            switch members.key {
            case .listeningScore: score.scores.listening = try r.score()
            case .readingScore: score.scores.reading = try r.score()
            case .speakingScore: score.scores.speaking = try r.score()
            case .writingScore: score.scores.writing = try r.score()
            case .totalScore: score.scores.overall = try r.score()
            case .totalCEFR: score.cefr = try r.cefr()
            case .totalScoreIbtEquivalent: score.comparableIBT = try r.score()
            case .listeningCEFR: try r.text(into: &score.sectionCEFR.text, .listening)
            case .readingCEFR: try r.text(into: &score.sectionCEFR.text, .reading)
            case .writingCEFR: try r.text(into: &score.sectionCEFR.text, .writing)
            case .speakingCEFR: try r.text(into: &score.sectionCEFR.text, .speaking)
            case .sentenceStructure: try r.text(into: &score.text, .sentenceStructure)
            case .vacabularyKnowledge, .vocabularyKnowledge: try r.text(into: &score.text, .vocabularyKnowledge)
            case .mbs: score.hasMyBest = try readMyBest(r, into: &score.best)
            case nil: try r.skipValue()
            }
        }
        return true
    }

    /// Reads an `mbs` object into `best` in place; false (and `best` empty) when it is null or empty.
    private static func readMyBest(_ r: JSONReader, into best: inout MyBestScores) throws(JSONReadError) -> Bool {
        best = MyBestScores()
        guard try r.enterObject() else { return false }
        var any = false
        var members = myBestKeys.members(of: r)
        while try members.next() {
            any = true
            switch members.key {
            case .listeningScore: best.scores.listening = try r.score()
            case .listeningTestDate: best.listeningDate = try r.date()
            case .readingScore: best.scores.reading = try r.score()
            case .readingTestDate: best.readingDate = try r.date()
            case .writingScore: best.scores.writing = try r.score()
            case .writingTestDate: best.writingDate = try r.date()
            case .speakingScore: best.scores.speaking = try r.score()
            case .speakingTestDate: best.speakingDate = try r.date()
            case .totalScore: best.scores.overall = try r.score()
            case .totalScoreIbtEquivalent: best.comparableIBT = try r.score()
            case .totalCEFR: best.cefr = try r.text()
            case .asOfDate: best.asOfDate = try r.date()
            case nil: try r.skipValue()
            }
        }
        // An empty `mbs: {}` (as Essentials records carry) means no MyBest scores.
        return any
    }
}

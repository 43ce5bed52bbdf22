/// Maps the values of one row keyed by heading (E-Delivery CSV, the project's own CSV, JSON and XML) onto a
/// ``TestScore``, from bytes: text goes straight into the record's text storage, scores and dates are parsed in
/// place, and no String is made for the common fields.
///
/// A row is `begin`, an `apply` per value, then `finish`, which settles the test (testType, else Module, else
/// ``TestInference``) and the id, and checks the ids for what spreadsheets do to them.
struct RowMapper {
    /// The format of the dates typed in as text (a document's typed date cells are read as yyyy-mm-dd).
    var dateFormat: DateFormat
    /// The run's today, which places a two-digit year of birth (see ``DateFormat/parseBirth(_:today:)``); nil reads
    /// it as any other date.
    let today: CalendarDate?
    /// Whether the document (or, for JSON and XML, the row) has a Module or testType column.
    var hasTestColumn: Bool

    private var testType: [UInt8] = []
    private var module: [UInt8] = []
    private var trf: [UInt8] = []
    private var appointment: [UInt8] = []
    private var gender: [UInt8] = []
    private var inference = TestInference()
    /// The last testType value and what it named: a file repeats it row after row.
    private var lastTestType: [UInt8] = []
    private var lastTest: TestKind?
    private var candidateDigits = 0
    private var idSet = false
    private var unknownGender = false

    init(dateFormat: DateFormat, hasTestColumn: Bool, today: CalendarDate? = nil) {
        self.dateFormat = dateFormat
        self.today = today
        self.hasTestColumn = hasTestColumn
        for scratch in [\RowMapper.testType, \.module, \.trf, \.appointment, \.gender] {
            self[keyPath: scratch].reserveCapacity(32)
        }
    }

    /// Starts a row: `score` becomes an empty record.
    @inline(__always)
    mutating func begin(_ score: inout TestScore) {
        // Reset in place: the record's text buffers are kept for this row's values (no allocation per row).
        score.reset(test: .ieltsAcademic)
        testType.removeAll(keepingCapacity: true)
        module.removeAll(keepingCapacity: true)
        trf.removeAll(keepingCapacity: true)
        appointment.removeAll(keepingCapacity: true)
        inference = TestInference()
        inference.testColumn = hasTestColumn
        candidateDigits = 0
        idSet = false
        unknownGender = false
    }

    /// Applies one non-empty value.
    @inline(__always)
    mutating func apply(_ action: ColumnAction, _ bytes: UnsafeBufferPointer<UInt8>, to score: inout TestScore) {
        switch action {
        case .stored(let storage):
            score.set(storage, bytes)
        case .centre:
            score.session.text.set(.centre, bytes)
        case .candidateNumber:
            score.session.text.set(.candidateNumber, bytes)
            if Self.isScientific(bytes) {
                score.sourceProblems.append(.scientificNotation(field: Field.candidateNumber.heading))
            } else if case .digits(let count) = TestInference.shape(bytes) {
                candidateDigits = count
            }
        case .date(let field):
            setDate(field, bytes, &score)
        case .score(let field):
            setScore(field, bytes, &score)
        case .module:
            module.append(contentsOf: bytes)
        case .testType:
            testType.append(contentsOf: bytes)
        case .scoreScale:
            inference.scale = ScoreScale(rawValue: String(decoding: bytes, as: UTF8.self))
        case .trfNumber:
            trf.append(contentsOf: bytes)
            checkScientific(bytes, .trfNumber, &score)
        case .appointmentNumber:
            appointment.append(contentsOf: bytes)
            checkScientific(bytes, .appointmentNumber, &score)
        case .scoreId:
            score.text.set(.id, bytes)
            idSet = true
            inference.id = TestInference.shape(bytes)
            checkScientific(bytes, .scoreId, &score)
        case .postcode:
            score.candidate.text.set(.postcode, bytes)
            checkScientific(bytes, .postcode, &score)
        case .gender:
            if let value = TestNames.gender(bytes) {
                score.candidate.gender = value
            } else {
                score.candidate.gender = .unspecified
                unknownGender = true
                gender.removeAll(keepingCapacity: true)
                gender.append(contentsOf: bytes)
            }
        case .status:
            let code = bytes.trimmingASCIISpaces()
            score.status = code.first.map { $0 | 0x20 } == UInt8(ascii: "c") ? .cancelled : .reported
        case .ignored:
            break
        case .other(let field):
            field.apply(String(decoding: bytes, as: UTF8.self), to: &score, dateFormat: dateFormat)
        }
    }

    /// Ends the row: settles the test and the id.
    mutating func finish(_ score: inout TestScore) {
        inference.appointment = !appointment.isEmpty
        inference.trf = !trf.isEmpty
        var test: TestKind?
        // "IELTS" names the family only: the Module value (or, without one, a guess) says which module.
        if !testType.isEmpty && !testType.withUnsafeBufferPointer(TestNames.isIELTSFamily) {
            if testType != lastTestType {
                // Copied, not shared: the scratch array stays unique and is refilled in place.
                lastTestType.removeAll(keepingCapacity: true)
                lastTestType.append(contentsOf: testType)
                lastTest = testType.withUnsafeBufferPointer { TestNames.test($0) }
            }
            test = lastTest
            if test == nil { unknown(.testType, testType, &score) }
        }
        // For IELTS the Module column has the last word on the module: the project's own files name the test in
        // testType too, and a Module value that named none is kept there while testType says how it was read.
        if !module.isEmpty && (test == nil || test?.isIELTS == true) {
            let named = test
            test = module.withUnsafeBufferPointer { TestNames.module($0) }
            if let named, let test, named.module != nil, named != test {
                score.sourceProblems.append(.moduleConflict(testType: named, module: test))
            }
            if test == nil {
                // Read as testType said, when it named the module; else as the id and scores say, a guess: the value
                // is kept as it came and written back so, never replaced by a default module.
                test = named
                unknown(.module, module, &score, readAs: named)
                module.withUnsafeBufferPointer { score.text.set(.sourceModule, $0) }
                score.moduleIsGuessed = named == nil
            }
        }
        let kind = test ?? inference.test(scores: score.scores)
        score.test = kind
        if test == nil, let other = inference.otherScale(of: kind, scores: score.scores) {
            score.sourceProblems.append(.scaleGuessed(readAs: kind, other: other))
        }
        if test == nil && kind.isIELTS && hasTestColumn && module.isEmpty {
            score.sourceProblems.append(.missingModule)
            score.moduleIsGuessed = true
        }
        if !idSet {
            let id = kind.isIELTS ? trf : appointment
            id.withUnsafeBufferPointer { score.text.set(.id, $0) }
        }
        if !kind.isIELTS, case .digits(let count) = score.text.withBytes(.id, TestInference.shape), count > 0,
            count < 16
        {
            score.sourceProblems.append(
                .lostLeadingZeros(field: Field.appointmentNumber.heading, digits: count, expected: 16))
        }
        if kind.isIELTS && candidateDigits > 0 && candidateDigits < 6 {
            score.sourceProblems.append(
                .lostLeadingZeros(field: Field.candidateNumber.heading, digits: candidateDigits, expected: 6))
        }
        if unknownGender {
            if score.candidate.text.isEmpty(.genderCode) {
                gender.withUnsafeBufferPointer { score.candidate.text.set(.genderCode, $0) }
            }
            score.sourceProblems.append(.unknownGender(value: String(decoding: gender, as: UTF8.self)))
        }
    }

    private mutating func unknown(
        _ field: Field, _ bytes: [UInt8], _ score: inout TestScore, readAs named: TestKind? = nil
    ) {
        let readAs = named ?? inference.test(scores: score.scores)
        let value = String(decoding: bytes.prefix(40), as: UTF8.self)
        score.sourceProblems.append(.unknownTest(field: field.heading, value: value, readAs: readAs))
    }

    private func checkScientific(_ bytes: UnsafeBufferPointer<UInt8>, _ field: Field, _ score: inout TestScore) {
        if Self.isScientific(bytes) { score.sourceProblems.append(.scientificNotation(field: field.heading)) }
    }

    /// Whether the bytes are a number in scientific notation (`2.02601E+15`), as spreadsheets show long numbers.
    static func isScientific(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Cheap first: a digit first, and an E among the last four bytes (E5, E+5, E+15).
        let count = bytes.count
        guard count >= 3, bytes[0] &- 0x30 < 10 else { return false }
        var e = false
        for index in max(1, count - 4)..<count where bytes[index] | 0x20 == UInt8(ascii: "e") { e = true }
        guard e else { return false }
        var i = 0
        func digits() -> Int {
            let start = i
            while i < bytes.count && bytes[i] &- 0x30 < 10 { i += 1 }
            return i - start
        }
        _ = digits()
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        }
        guard i < bytes.count, bytes[i] | 0x20 == UInt8(ascii: "e") else { return false }
        i += 1
        if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
        return digits() > 0 && i == bytes.count
    }

    /// Scores of one to three characters ("7", "30", "6.5", "118"), the common case, without the general parser.
    @inline(__always)
    private static func quickScore(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        let count = bytes.count
        guard count <= 3 else { return nil }
        let a = Int64(bytes[0] &- 0x30)
        guard a < 10 else { return nil }
        if count == 1 { return ExactDecimal(hundredths: a * 100) }
        let b = Int64(bytes[1] &- 0x30)
        if count == 2 { return b < 10 ? ExactDecimal(hundredths: (a * 10 + b) * 100) : nil }
        let c = Int64(bytes[2] &- 0x30)
        guard c < 10 else { return nil }
        if bytes[1] == UInt8(ascii: ".") { return ExactDecimal(hundredths: a * 100 + c * 10) }
        return b < 10 ? ExactDecimal(hundredths: (a * 100 + b * 10 + c) * 100) : nil
    }

    /// A score written with a decimal comma (`6,5`, `8,0`), as spreadsheets in most of Europe save a CSV: one
    /// comma and no point, read as the point it stands for. Nothing else is read differently.
    private static func decimalComma(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        // One or two places after the comma: `1,000` is a thousand written with a separator, not one.
        guard bytes.count <= 16, let comma = bytes.firstIndex(of: UInt8(ascii: ",")),
            bytes.lastIndex(of: UInt8(ascii: ",")) == comma, !bytes.contains(UInt8(ascii: ".")),
            (1...2).contains(bytes.count - comma - 1)
        else { return nil }
        var point = Array(bytes)
        point[comma] = UInt8(ascii: ".")
        return point.withUnsafeBufferPointer { ExactDecimal(bytes: $0) }
    }

    private func setDate(_ field: Field, _ bytes: UnsafeBufferPointer<UInt8>, _ score: inout TestScore) {
        let value: Checked<CalendarDate>
        let read =
            if field == .dateOfBirth, let today {
                dateFormat.parseBirth(bytes: bytes, today: today)
            } else {
                dateFormat.parse(bytes: bytes)
            }
        if let date = read ?? DateFormat.isoDate.parse(bytes: bytes) {
            value = .valid(date)
        } else {
            let text = String(decoding: bytes, as: UTF8.self)
            value = .invalid(text)
            // A date another format reads is no date in this file's format: say which format, not "any".
            if DateFormat.allCases.contains(where: { $0.parse(bytes: bytes) != nil }) {
                score.sourceProblems.append(.dateOffFormat(field: field, text: text, format: dateFormat))
            }
        }
        switch field {
        case .testDate: score.session.testDate = value
        case .dateOfBirth: score.candidate.dateOfBirth = value
        case .reportDate: score.session.reportDate = value
        case .myBestListeningDate: score.myBestOrEmpty.listeningDate = value
        case .myBestReadingDate: score.myBestOrEmpty.readingDate = value
        case .myBestWritingDate: score.myBestOrEmpty.writingDate = value
        case .myBestSpeakingDate: score.myBestOrEmpty.speakingDate = value
        case .myBestAsOfDate: score.myBestOrEmpty.asOfDate = value
        default: break
        }
    }

    private func setScore(_ field: Field, _ bytes: UnsafeBufferPointer<UInt8>, _ score: inout TestScore) {
        let value: Checked<ExactDecimal>
        if let quick = Self.quickScore(bytes) ?? ExactDecimal(bytes: bytes) ?? Self.decimalComma(bytes) {
            value = .valid(quick)
        } else {
            value = .invalid(String(decoding: bytes, as: UTF8.self))
        }
        switch field {
        case .listeningScore: score.scores.listening = value
        case .readingScore: score.scores.reading = value
        case .writingScore: score.scores.writing = value
        case .speakingScore: score.scores.speaking = value
        case .overallBandScore: score.scores.overall = value
        case .comparableIbtScore: score.comparableIBT = value
        case .myBestListening: score.myBestOrEmpty.scores.listening = value
        case .myBestReading: score.myBestOrEmpty.scores.reading = value
        case .myBestWriting: score.myBestOrEmpty.scores.writing = value
        case .myBestSpeaking: score.myBestOrEmpty.scores.speaking = value
        case .myBestTotal: score.myBestOrEmpty.scores.overall = value
        case .myBestComparableIbt: score.myBestOrEmpty.comparableIBT = value
        default: break
        }
    }
}

extension TestScore {
    /// The MyBest scores, made empty on first use.
    fileprivate var myBestOrEmpty: MyBestScores {
        get { myBest ?? MyBestScores() }
        set { myBest = newValue }
    }
}

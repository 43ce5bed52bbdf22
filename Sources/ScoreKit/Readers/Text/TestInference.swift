/// Tells a row's test from what it carries when neither a Module nor a testType value says.
///
/// In order: an appointment number, or an all-digit id (TOEFL's have 16), is TOEFL; a TRF number, or an id with
/// letters, is IELTS; a scoreScale value names the scale; a score above the 0-9 band scale is TOEFL; in a file with
/// a Module or testType column, a row that leaves both empty is TOEFL (every IELTS row carries its module); anything else is IELTS
/// Academic. A TOEFL row's scale follows from its scores: a score above 12 is 0-120, above 6 Essentials (1-12),
/// else 1-6.
struct TestInference {
    var appointment = false
    var trf = false
    /// The shape of a scoreId value, when there was one.
    var id: IDShape?
    var scale: ScoreScale?
    /// Whether the document has a Module or testType column.
    var testColumn = false

    enum IDShape {
        case digits(Int)
        case letters
    }

    /// The shape of an id's bytes.
    static func shape(_ bytes: UnsafeBufferPointer<UInt8>) -> IDShape {
        for byte in bytes where byte &- 0x30 >= 10 { return .letters }
        return .digits(bytes.count)
    }

    /// The test of a row with `scores`.
    func test(scores: SectionScores) -> TestKind {
        if appointment { return toefl(scores) }
        if trf { return .ieltsAcademic }
        switch id {
        case .digits(let count) where count >= 10: return toefl(scores)
        case .letters: return .ieltsAcademic
        default: break
        }
        switch scale {
        case .toefl120: return .toeflIBT
        case .toefl6: return .toeflIBT26
        case .essentials12: return .toeflEssentials
        case .ieltsBand: return .ieltsAcademic
        case nil: break
        }
        if highest(scores) > 900 { return toefl(scores) }
        return testColumn ? toefl(scores) : .ieltsAcademic
    }

    private func toefl(_ scores: SectionScores) -> TestKind {
        if let scale {
            switch scale {
            case .toefl120: return .toeflIBT
            case .essentials12: return .toeflEssentials
            default: return .toeflIBT26
            }
        }
        let top = highest(scores)
        if top > 1200 { return .toeflIBT }
        if top > 600 { return .toeflEssentials }
        return .toeflIBT26
    }

    /// The other TOEFL scale that reads a row read as `kind` by its scores alone (no scoreScale value): scores up to
    /// 6 fit 1-6 and Essentials (1-12) alike, up to 12 Essentials and 0-120 alike. Nil when the scale is known or
    /// the scores settle it.
    func otherScale(of kind: TestKind, scores: SectionScores) -> TestKind? {
        guard scale == nil, !kind.isIELTS else { return nil }
        let top = highest(scores)
        guard top > 0 else { return nil }
        switch kind {
        case .toeflIBT26: return .toeflEssentials
        case .toeflEssentials where top <= 1200: return .toeflIBT
        default: return nil
        }
    }

    /// The highest section or overall score, in hundredths (0 without any).
    private func highest(_ scores: SectionScores) -> Int64 {
        func value(_ score: Checked<ExactDecimal>?) -> Int64 { score?.value?.hundredths ?? 0 }
        return max(
            value(scores.listening), value(scores.reading), value(scores.writing), value(scores.speaking),
            value(scores.overall))
    }
}

/// Matches each delivered record to an applicant (`--applicants`): fills in `applicantId`, `matchStatus` and
/// `matchedBy`, and the `candidateApplicants` the review file shows for a record a person must decide.
struct MatchStage: RecordStage {
    /// The fields a run with `--applicants` appends after the template's.
    static let appendedFields: [Field] = [.applicantId, .matchStatus, .matchedBy]

    let matcher: Matcher

    /// Loads the applicant file; its notes and warnings go to `diagnostics` (they are not record warnings, so
    /// they never fail `--strict`).
    init(options: MatchOptions, diagnostics: Diagnostics) throws(MatchingError) {
        let normalizer = NameNormalizer()
        let loaded: (ApplicantDirectory, ApplicantDirectory.LoadReport)
        do {
            let file = try InputFile.open(options.applicants)
            var rows = try ApplicantFile.rows(of: file)
            loaded = try ApplicantDirectory.load(
                &rows, name: file.name, idColumn: options.idColumn, dateFormat: options.dateFormat,
                normalizer: normalizer)
        } catch let error as MatchingError {
            throw error
        } catch let error as InputError {
            throw .input(error)
        } catch {
            throw .input(.io(IOError("read", path: options.applicants, code: 5)))
        }
        for note in loaded.1.notes { diagnostics.note(note) }
        for warning in loaded.1.warnings { diagnostics.alert(warning) }
        matcher = Matcher(directory: loaded.0, normalizer: normalizer)
    }

    mutating func process(_ record: inout PipelineRecord) -> StageOutcome {
        let result = matcher.match(record.score)
        record.score[stored: .applicantId] = result.applicantId
        record.score[stored: .matchStatus] = result.status.rawValue
        record.score[stored: .matchedBy] = result.rule?.rawValue ?? ""
        record.score[stored: .candidateApplicants] = result.candidates.joined(separator: "; ")
        return .pass
    }

    /// Whether the review file holds the record: ambiguous and unmatched ones.
    static func needsReview(_ score: TestScore) -> Bool {
        score[stored: .matchStatus] != MatchStatus.matched.rawValue
    }
}

/// How many records each rule matched, and how many were ambiguous or unmatched: for the summary line.
public struct MatchTally: Sendable, Equatable {
    public var matched: [MatchRule: Int] = [:]
    public var ambiguous = 0
    public var unmatched = 0

    public init() {}

    /// "matched 7 (id 1, name-dob 4, swapped-name-dob 1, email-dob 1, email-name 0), ambiguous 1, unmatched 2".
    public var line: String {
        let rules = MatchRule.allCases.map { "\($0.rawValue) \(matched[$0, default: 0])" }
        return "matched \(matched.values.reduce(0, +)) (\(rules.joined(separator: ", "))), ambiguous \(ambiguous), "
            + "unmatched \(unmatched)"
    }

    /// Counts a record by the match fields the stage filled in.
    mutating func count(_ score: TestScore) {
        switch MatchStatus(rawValue: score[stored: .matchStatus]) {
        case .matched?: MatchRule(rawValue: score[stored: .matchedBy]).map { matched[$0, default: 0] += 1 }
        case .ambiguous?: ambiguous += 1
        case .unmatched?: unmatched += 1
        case nil: break
        }
    }
}

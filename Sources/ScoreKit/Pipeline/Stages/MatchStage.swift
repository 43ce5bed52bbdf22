/// Matches each delivered record to an applicant (`--applicants`): fills in `applicantId`, `matchStatus` and
/// `matchedBy`, and the `candidateApplicants` the review file shows for a record a person must decide.
struct MatchStage: RecordStage {
    /// The fields a run with `--applicants` appends after the template's.
    static let appendedFields: [Field] = [.applicantId, .matchStatus, .matchedBy]

    let matcher: Matcher

    /// Loads the applicant file; its notes and warnings go to `diagnostics` (they are not record warnings, so
    /// they never fail `--strict`).
    init(options: MatchOptions, today: CalendarDate, diagnostics: Diagnostics) throws(MatchingError) {
        let normalizer = NameNormalizer()
        let loaded: (ApplicantDirectory, ApplicantDirectory.LoadReport)
        do {
            let file = try InputFile.open(options.applicants)
            var rows = try ApplicantFile.rows(of: file)
            loaded = try ApplicantDirectory.load(
                &rows, name: file.name, idColumn: options.idColumn, dateFormat: options.dateFormat, today: today,
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

    /// Whether the review file holds the record: ambiguous, conflicting and unmatched ones.
    static func needsReview(_ score: TestScore) -> Bool {
        score[stored: .matchStatus] != MatchStatus.matched.rawValue
    }
}

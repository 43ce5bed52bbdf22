/// The matching stage of a run: loads the applicants, matches each record, fills in `applicantId`, `matchStatus`
/// and `matchedBy`, stages the ambiguous and unmatched records for the review file, and counts the outcomes.
///
/// The review file is a second staged output: written in the output's format, with `candidateApplicants` after
/// the output's fields, and committed only when the run commits, leaving out the records duplicates superseded.
final class MatchStage {
    /// The fields a run with `--applicants` appends after the template's.
    static let appendedFields: [Field] = [.applicantId, .matchStatus, .matchedBy]

    /// `fields` and then the appended fields it lacks (a template file may already place them).
    static func fields(after fields: [Field], adding added: [Field] = appendedFields) -> [Field] {
        fields + added.filter { !fields.contains($0) }
    }

    let matcher: Matcher
    private let review: StagedOutput?
    private let reviewWriter: any RecordWriter
    /// The output ordinal of each staged review record, ascending.
    private var reviewOrdinals: [UInt32] = []
    /// Each output record's outcome (see ``MatchTally/code(of:)``), one byte a record.
    private var outcomes: [UInt8] = []

    /// Loads the applicant file and stages the review file. `writerOptions` are the output's, with
    /// ``appendedFields`` already in place (see ``fields(after:adding:)``).
    init(options: MatchOptions, writerOptions: WriterOptions, format: OutputFormat, diagnostics: Diagnostics)
        throws(MatchingError)
    {
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
        // Problems with the applicant file are not record warnings: they never fail --strict.
        for warning in loaded.1.warnings { diagnostics.alert(warning) }
        matcher = Matcher(directory: loaded.0, normalizer: normalizer)
        var reviewOptions = writerOptions
        reviewOptions.fields = Self.fields(after: writerOptions.fields, adding: [.candidateApplicants])
        reviewWriter = format.makeWriter(reviewOptions)
        do {
            review = try options.review.map { (path) throws(OutputError) in try StagedOutput(destination: .file(path)) }
        } catch {
            throw .review(error)
        }
        if let review {
            reviewWriter.writeHeader(to: &review.buffer)
            review.endHeader()
        }
    }

    /// Matches the record that will be output record `ordinal`, and stages it for review unless it matched.
    func match(_ score: inout TestScore, ordinal: Int) throws(OutputError) {
        let result = matcher.match(score)
        score[stored: .applicantId] = result.applicantId
        score[stored: .matchStatus] = result.status.rawValue
        score[stored: .matchedBy] = result.rule?.rawValue ?? ""
        score[stored: .candidateApplicants] = result.candidates.joined(separator: "; ")
        outcomes.append(MatchTally.code(of: result))
        guard result.status != .matched, let review else { return }
        if !reviewOrdinals.isEmpty { review.buffer.append(reviewWriter.separator) }
        let start = review.beginRecord()
        reviewWriter.write(score, to: &review.buffer)
        try review.endRecord(start: start)
        reviewOrdinals.append(UInt32(ordinal))
    }

    /// The outcomes of the records output, leaving out `superseded` output ordinals.
    func tally(dropping superseded: [UInt32]) -> MatchTally {
        var tally = MatchTally()
        for code in outcomes { tally.add(code) }
        for ordinal in superseded where Int(ordinal) < outcomes.count { tally.add(outcomes[Int(ordinal)], -1) }
        return tally
    }

    /// Writes the review file (atomically, mode 0600) without the records of `superseded` output ordinals.
    func commit(dropping superseded: [UInt32]) throws(OutputError) {
        guard let review else { return }
        let gone = Set(superseded)
        let dropped = reviewOrdinals.indices.filter { gone.contains(reviewOrdinals[$0]) }.map { UInt32($0) }
        review.beginFooter()
        reviewWriter.writeFooter(to: &review.buffer)
        try review.commit(dropping: dropped, separator: reviewWriter.separator, packager: reviewWriter.packager)
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

    /// A result in one byte: the rule's place for a match, then ambiguous, then unmatched.
    static func code(of result: MatchResult) -> UInt8 {
        switch result.status {
        case .matched: UInt8(MatchRule.allCases.firstIndex(of: result.rule ?? .id) ?? 0)
        case .ambiguous: UInt8(MatchRule.allCases.count)
        case .unmatched: UInt8(MatchRule.allCases.count + 1)
        }
    }

    mutating func add(_ code: UInt8, _ count: Int = 1) {
        let rules = MatchRule.allCases
        if Int(code) < rules.count {
            matched[rules[Int(code)], default: 0] += count
        } else if Int(code) == rules.count {
            ambiguous += count
        } else {
            unmatched += count
        }
    }
}

/// The data path of `convert`, `check` and `fetch`: a chain of stages, each a type in `Pipeline/`:
///
///     RecordSource -> Normalizer -> RecordFilter -> DeliveryClassifier -> RecordValidator -> PolicyStage
///       -> MatchStage -> RecordSink
///
/// (folders: Pipeline/Source, Pipeline/Stages, Pipeline/Sink; the rules they apply live in Validation/, Policy/
/// and Matching/)
///
/// - ``RecordSource``: files, standard input or fetched pages; each input's kind detected from its content.
/// - ``Normalizer``: derives what the feed left out (CEFR levels).
/// - ``RecordFilter``: `--test`, `--module`, `--exclude-cancelled`.
/// - ``DeliveryClassifier``: with a ledger, new, update or cancellation; unchanged records are withheld.
/// - ``RecordValidator``: the official rules; every problem a warning naming file, record and id.
/// - ``PolicyStage``: with `--policy`, the admissions decision (meets, fails, review, no-rule) and its reasons.
/// - ``MatchStage``: with `--applicants`, the applicant each record belongs to, or why it needs review.
/// - ``RecordSink``: stages outputs and photos, drops duplicates, commits once when the run has succeeded.
///
/// A stage sees each record in turn and passes it on or withholds it; a withheld record skips the later stages
/// but still reaches the sink, where it competes for its key. A new stage is a new file and a line in ``stages``.
public final class ScorePipeline {
    public let options: Options
    public let diagnostics: Diagnostics

    public init(options: Options, diagnostics: Diagnostics) {
        self.options = options
        self.diagnostics = diagnostics
    }

    /// Runs over the files named in the options, after removing what killed runs left where this one writes.
    public func run() throws -> Summary {
        options.files.removeLeftovers(noting: diagnostics)
        return try run(inputs: FileInputs(paths: options.inputs))
    }

    /// Runs over the inputs `inputs` provides (files, or pages fetched from a service). With a `ledger`, records
    /// delivered before with the same content are withheld, the rest are marked new, update or cancellation, and
    /// the ledger learns what was delivered once the output is committed. Throws ``StrictFailure`` when
    /// `--strict` refuses the run, or the error that stopped it; either way nothing was written.
    public func run(inputs: any InputProvider, accepting: Set<InputKind>? = nil, ledger: Ledger? = nil) throws
        -> Summary
    {
        let source = RecordSource(
            inputs, accepting: accepting, inputDateFormat: options.inputDateFormat, textInput: options.textInput,
            today: options.today, diagnostics: diagnostics)
        // Every stage and the sink are set up before the source is asked for its first input: an output that cannot
        // be created or an applicant file that is missing fails before a fetch sends its first request.
        var stages = try stages(ledger: ledger)
        let sink = try RecordSink(
            tables: tables(ledger: ledger), photosDirectory: options.photosDirectory,
            keepsRecords: options.policy != nil || options.matching != nil)
        var summary = Summary()
        summary.wrote = options.destination != nil
        var record = PipelineRecord()
        while try source.next(into: &record) {
            summary.read += 1
            var outcome = StageOutcome.pass
            for index in stages.indices {
                if outcome == .pass {
                    outcome = try stages[index].process(&record)
                } else {
                    stages[index].observeWithheld(record)
                }
            }
            switch outcome {
            case .pass: break
            case .withhold(.skipped): summary.skipped += 1
            case .withhold(.unchanged): break
            }
            for problem in try sink.accept(&record, delivered: outcome == .pass) {
                diagnostics.problem(problem, at: record.location)
            }
        }
        let resolved = try sink.resolve()
        for entry in resolved.superseded {
            // The same id with another person is not a duplicate but a conflict: a warning, counted (`--strict`).
            if entry.identityDiffers {
                diagnostics.problem(.duplicateIdentity(places: entry.places), at: entry.location)
            } else if entry.undecided {
                // Which result is current is a guess: a warning, counted (`--strict`), not a note.
                diagnostics.problem(.duplicateUndecided(places: entry.places), at: entry.location)
            } else {
                // A note, but a record problem: at most the per-kind limit printed, every one in --problems.
                diagnostics.problem(.duplicate(family: entry.family, places: entry.places), at: entry.location)
            }
        }
        summary.duplicates = resolved.superseded.count
        summary.byTest = resolved.byTest
        summary.warnings = diagnostics.warningCount
        if options.strict && summary.warnings > 0 { throw StrictFailure(summary: summary) }
        let report = sink.writesFiles ? try sink.commit() : resolved
        summary.written = report.written
        if let ledger { summary.deliveries = ledger.apply() }
        if options.policy != nil || options.matching != nil {
            // Counted over the records kept, so a duplicate dropped at the end is not counted twice.
            var policy = options.policy.map { PolicyTally(name: $0.name) }
            var matches = options.matching.map { _ in MatchTally() }
            try sink.forEachKept { score in
                if let result = PolicyResult(rawValue: score[stored: .policyResult]) {
                    policy?.count(result, test: score.test)
                }
                matches?.count(score)
            }
            summary.policyTally = policy
            summary.matches = matches
        }
        if report.skippedEmpty { diagnostics.note("nothing to deliver: no file written (--skip-empty)") }
        return summary
    }

    /// The stages between the source and the sink, in order.
    private func stages(ledger: Ledger?) throws -> [any RecordStage] {
        var stages: [any RecordStage] = [
            Normalizer(),
            RecordFilter(
                module: options.module, family: options.testFamily, excludeCancelled: options.excludeCancelled),
        ]
        if let ledger { stages.append(DeliveryClassifier(ledger: ledger, full: options.full, today: options.today)) }
        stages.append(RecordValidator(validator: Validator(today: options.today), diagnostics: diagnostics))
        if let policy = options.policy {
            stages.append(PolicyStage(check: PolicyCheck(policy: policy, today: options.today)))
        }
        if let matching = options.matching {
            stages.append(try MatchStage(options: matching, today: options.today, diagnostics: diagnostics))
        }
        return stages
    }

    /// The fields of the output: the template's, then what the run adds (the policy decision with `--policy`, the
    /// delivery with a ledger), each once.
    private func fields(ledger: Ledger?) -> [Field] {
        var added: [Field] = []
        if options.policy != nil { added += [.policyResult, .policyReasons] }
        if options.matching != nil { added += MatchStage.appendedFields }
        if ledger != nil { added.append(.deliveryType) }
        return options.template.fields + added.filter { !options.template.fields.contains($0) }
    }

    /// The outputs the sink stages: the table (none for `check` and dry runs), and the review file of records that
    /// need a person (`--review`), in the same format with `candidateApplicants` after the output's fields.
    private func tables(ledger: Ledger?) -> [RecordSink.Table] {
        var tables: [RecordSink.Table] = []
        var writer = WriterOptions(
            fields: fields(ledger: ledger),
            context: RenderContext(dateFormat: options.template.dateFormat, downloadDate: options.today))
        writer.formulaGuard = options.formulaGuard
        writer.byteOrderMark = options.byteOrderMark
        if let destination = options.destination {
            tables.append(
                RecordSink.Table(
                    destination: destination, format: options.template.format, writer: writer,
                    skipWhenEmpty: options.skipEmpty, keepsExisting: options.keepsDeliveredFiles))
        }
        if let review = options.matching?.review {
            var reviewWriter = writer
            reviewWriter.fields.append(.candidateApplicants)
            tables.append(
                RecordSink.Table(
                    destination: .file(review), format: options.matching?.reviewFormat ?? options.template.format,
                    writer: reviewWriter,
                    holds: MatchStage.needsReview, isOutput: false, skipWhenEmpty: options.skipEmpty,
                    keepsExisting: options.keepsDeliveredFiles, option: "--review"))
        }
        return tables
    }
}

/// `--strict` and at least one warning: the run is refused and nothing was written (exit 1).
public struct StrictFailure: ScoreImportError {
    public var summary: ScorePipeline.Summary

    public var exitCode: ExitCode { .warnings }
    public var description: String { "--strict: \(summary.warnings) warning(s); nothing was written" }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The last stage: holds back everything the run delivers and commits it once, after the run has succeeded.
///
/// Records are rendered into each output's staging file as they arrive (so writing overlaps reading) and registered
/// with the ``DuplicateIndex`` together with the records that are not delivered (unchanged, or left out by a
/// filter), which still compete for their key. ``commit()`` resolves the duplicates; when a delivered record lost,
/// each output leaves its bytes out where the format's records stand alone (CSV, JSON Lines, XML), and is rendered
/// again without it from a ``RecordSpill`` of snapshots where they do not (a JSON array, XLSX), so no writer ever
/// takes bytes back. Photos wait in a ``PhotoStaging`` folder. Nothing a user can see exists before ``commit()``: a
/// sink dropped without committing leaves no output, no photo and no temporary file.
final class RecordSink {
    /// One output of the run: the table, or the review file of records that need a person.
    struct Table {
        var destination: OutputDestination
        var format: OutputFormat
        var writer: WriterOptions
        /// Which delivered records the table holds.
        var holds: @Sendable (TestScore) -> Bool = { _ in true }
        /// The run's output (its rows are the summary's "written"), rather than a file beside it (the review).
        var isOutput = true
        /// Leave the file out when it would hold no record (`--skip-empty`).
        var skipWhenEmpty = false
        /// Refuse to replace a file that holds something (`--state`: a ledger marked its records delivered).
        var keepsExisting = false
        /// The option that named the file, for messages.
        var option = "--output"
    }

    /// What the commit found.
    struct Report {
        /// Records in the first table (the run's output), or records kept when there is no output.
        var written = 0
        /// Delivered records kept, by test family.
        var byTest: [TestFamily: Int] = [:]
        /// Records that lost to a more recent record with the same key.
        var superseded: [DuplicateIndex.Superseded] = []
        /// Whether the first table was left out for holding no record.
        var skippedEmpty = false
    }

    private let tables: [Table]
    private var staged: [StagedOutput]
    /// Snapshots of the delivered records: kept only for an output that cannot leave records out, or for
    /// ``forEachKept(_:)``.
    private let spill: RecordSpill?
    private let duplicates: DuplicateIndex
    private let photos: PhotoStaging?
    private var inputs: [String: Int] = [:]
    /// The input of the last record and its index: records come input by input.
    private var lastInput: (name: String, file: Int)?
    private var delivered = 0
    /// Delivered records by test family, in the order of `TestFamily.allCases`.
    private var byTest = [Int](repeating: 0, count: TestFamily.allCases.count)
    private var resolved: Report?

    /// `keepsRecords` keeps the delivered records for ``forEachKept(_:)`` even when there is no output (`check`).
    init(tables: [Table], photosDirectory: String?, keepsRecords: Bool = false) throws(OutputError) {
        self.tables = tables
        // A file that will be written whatever comes is refused now, before anything is fetched; one that may be
        // left out (`--skip-empty`) only at commit, if it is written.
        for table in tables where !table.skipWhenEmpty { try Self.checkKept(table) }
        do {
            staged = try tables.map { (table) throws(OutputError) in try Self.stage(table) }
            let rendersAgain = staged.contains { !$0.canLeaveOut }
            spill = rendersAgain || keepsRecords ? try RecordSpill() : nil
            duplicates = try DuplicateIndex()
        } catch let error as OutputError {
            throw error
        } catch let error as IOError {
            throw .io(error)
        } catch {
            throw .io(IOError("create", path: "a temporary file", code: 5))
        }
        photos = try photosDirectory.map { (directory) throws(OutputError) in try PhotoStaging(directory: directory) }
    }

    /// Takes a record that reached the end of the stages: delivered, or only competing for its key. Returns the
    /// problems to warn about: a photo that could not be saved, a field an output's format could not carry as it was.
    func accept(_ record: inout PipelineRecord, delivered isDelivered: Bool) throws(OutputError) -> [RecordProblem] {
        let ordinal = isDelivered ? delivered : nil
        var problems: [RecordProblem] = []
        if let ordinal, let photos, let problem = try photos.stage(&record.score, ordinal: ordinal) {
            problems.append(problem)
        }
        try place(record, ordinal: ordinal, problems: &problems)
        return problems
    }

    /// Renders a delivered record (`ordinal` is its place among them) and registers every record's key.
    private func place(_ record: PipelineRecord, ordinal: Int?, problems: inout [RecordProblem]) throws(OutputError) {
        let file: Int
        if let lastInput, lastInput.name == record.inputName {
            file = lastInput.file
        } else if let known = inputs[record.inputName] {
            file = known
        } else {
            file = duplicates.register(file: record.inputName)
            inputs[record.inputName] = file
        }
        lastInput = (record.inputName, file)
        if let ordinal {
            for (table, output) in zip(tables, staged) where table.holds(record.score) {
                // Said once per field, though the review file holds the record too.
                for field in try output.write(record.score, ordinal: ordinal) {
                    let problem = RecordProblem.characterReplaced(field: field, format: table.format)
                    if !problems.contains(problem) { problems.append(problem) }
                }
            }
            do {
                try spill?.append(record.score)
            } catch {
                throw .io(error)
            }
            delivered += 1
            if let family = TestFamily.allCases.firstIndex(of: record.score.test.family) { byTest[family] += 1 }
        }
        do {
            try duplicates.add(record.score, ordinal: ordinal, file: file, number: record.number)
        } catch {
            throw .io(error)
        }
    }

    /// Whether the sink has files to commit (`check --review` has the review file only).
    var writesFiles: Bool { !tables.isEmpty || photos != nil }

    /// Resolves duplicates and reports what the run delivers; nothing is written until ``commit()``.
    func resolve() throws(OutputError) -> Report {
        if let resolved { return resolved }
        let superseded: [DuplicateIndex.Superseded]
        do {
            superseded = try duplicates.resolve()
        } catch {
            throw .io(error)
        }
        var report = Report(superseded: superseded)
        for (family, count) in zip(TestFamily.allCases, byTest) where count > 0 { report.byTest[family] = count }
        var dropped = 0
        for entry in superseded where entry.ordinal != nil {
            report.byTest[entry.family, default: 1] -= 1
            dropped += 1
        }
        report.byTest = report.byTest.filter { $0.value > 0 }
        report.written = delivered - dropped
        resolved = report
        return report
    }

    /// Commits: standard output, then photos, then each output file, each atomically. Returns what was delivered.
    func commit() throws(OutputError) -> Report {
        var report = try resolve()
        let dropped = Set(report.superseded.compactMap(\.ordinal))
        if !dropped.isEmpty {
            for output in staged where output.canLeaveOut { try output.leaveOut(dropped) }
            let again = staged.indices.filter { !staged[$0].canLeaveOut }
            if let spill, !again.isEmpty {
                // Render the outputs whose records do not stand alone again, without the records that lost.
                for index in again { staged[index] = try Self.stage(tables[index]) }
                try spill.forEach { (ordinal, score) throws(OutputError) in
                    guard !dropped.contains(ordinal) else { return }
                    for index in again where tables[index].holds(score) {
                        try staged[index].write(score, ordinal: ordinal)
                    }
                }
            }
        }
        if let output = zip(tables, staged).first(where: { $0.0.isOutput })?.1 { report.written = output.rows }
        // Finish every file first (where a full disk shows), then publish. Standard output cannot be staged and is
        // where a write fails most (a full disk, a closed pipe): it goes before the photos, so a run that fails
        // there leaves no photo. Files are renamed after the photos they name.
        var ready: [StagedOutput] = []
        for (table, output) in zip(tables, staged) {
            if table.skipWhenEmpty && output.rows == 0 {
                if table.isOutput { report.skippedEmpty = true }
                continue
            }
            try output.finish()
            ready.append(output)
        }
        // Before anything is published: a file a ledger delivered must not be replaced (its records would not
        // come again).
        for (table, output) in zip(tables, staged) where ready.contains(where: { $0 === output }) {
            try Self.checkKept(table)
        }
        for output in ready where output.destination == .standardOutput { try output.publish() }
        try photos?.publish(dropping: dropped)
        for output in ready where output.destination != .standardOutput { try output.publish() }
        return report
    }

    /// Calls `body` with each delivered record that no duplicate superseded, in order (needs the spill).
    func forEachKept(_ body: (TestScore) -> Void) throws(OutputError) {
        let dropped = Set(try resolve().superseded.compactMap(\.ordinal))
        try spill?.forEach { (ordinal, score) throws(OutputError) in
            if !dropped.contains(ordinal) { body(score) }
        }
    }

    /// Refuses a table that keeps an existing file when its file (through symlinks) is a regular file that is not
    /// empty.
    private static func checkKept(_ table: Table) throws(OutputError) {
        guard table.keepsExisting, case .file(let path) = table.destination else { return }
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0 {
            throw .holdsDelivered(path: path, option: table.option)
        }
    }

    private static func stage(_ table: Table) throws(OutputError) -> StagedOutput {
        try StagedOutput(destination: table.destination, writer: table.format.makeWriter(table.writer))
    }
}

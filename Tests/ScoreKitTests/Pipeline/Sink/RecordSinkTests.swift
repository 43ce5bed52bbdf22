import Foundation
import Testing

@testable import ScoreKit

/// The sink end to end, as `convert` and `fetch` drive it: duplicates across inputs, outputs rendered again when a
/// delivered record loses, `--skip-empty`, and nothing visible from a run that does not commit.
@Suite struct RecordSinkTests {
    static let today = Records.date("2026-11-22")
    static let longName = "Wolfeschlegelsteinhausenbergerdorff-Longname"

    /// A folder of inputs: `older.json` holds X (older, a long family name) and Y; `newer.json` holds X again,
    /// newer; `kept.json` holds Y alone, the older file as it would be without the duplicate.
    final class Inputs {
        let directory: URL
        init(newer: [String: Any] = [:]) throws {
            directory = try temporaryDirectory()
            let x = "26SB000040DUPL040A"
            try Records.write(
                ielts: [
                    try Records.ielts(x, modified: "2026-03-01T08:00:00", ["familyName": RecordSinkTests.longName]),
                    try Records.ielts("26SB000041KEPT041A", modified: "2026-03-02T08:00:00"),
                ], to: url("older.json"))
            try Records.write(
                ielts: [
                    try Records.ielts(x, modified: "2026-03-05T08:00:00", ["familyName": "Li"].merging(newer) { $1 })
                ],
                to: url("newer.json"))
            try Records.write(
                ielts: [try Records.ielts("26SB000041KEPT041A", modified: "2026-03-02T08:00:00")], to: url("kept.json"))
        }
        deinit { try? FileManager.default.removeItem(at: directory) }
        func url(_ name: String) -> URL { directory.appendingPathComponent(name) }
        func path(_ name: String) -> String { url(name).path }
    }

    static func options(_ inputs: [String], output: String?, format: OutputFormat = .csv) -> ScorePipeline.Options {
        var options = ScorePipeline.Options(today: today)
        options.inputs = inputs
        options.destination = output.map { .file($0) }
        options.template.format = format
        return options
    }

    static func run(_ options: ScorePipeline.Options, ledger: Ledger? = nil) throws -> (
        ScorePipeline.Summary, [String]
    ) {
        let captured = try CapturedDiagnostics()
        let summary = try ScorePipeline(options: options, diagnostics: captured.diagnostics).run(
            inputs: FileInputs(paths: options.inputs), ledger: ledger)
        return (summary, captured.lines)
    }

    enum Withheld: String, CaseIterable { case byAFilter, asUnchanged }

    /// The newer version of X is not delivered (a filter left it out, or the ledger has delivered it before); the
    /// older one must not be delivered in its place.
    @Test(arguments: Withheld.allCases)
    func aWithheldNewerRecordBeatsADeliveredOlderOne(withheld: Withheld) throws {
        let inputs = try Inputs(newer: withheld == .byAFilter ? ["module": "General Training"] : [:])
        var options = Self.options(
            [inputs.path("older.json"), inputs.path("newer.json")], output: inputs.path("out.csv"))
        options.template = .compact
        var ledger: Ledger?
        if withheld == .byAFilter {
            options.module = .ieltsAcademic
        } else {
            // Last night delivered the newer X.
            let newer = try Records.read([inputs.path("newer.json")])[0].score
            ledger = Ledger(entries: [
                newer.key: Ledger.Entry(fingerprint: Fingerprint.make(newer), status: .reported, seen: Self.today)
            ])
        }
        let (summary, lines) = try Self.run(options, ledger: ledger)
        #expect(summary.read == 3)
        #expect(summary.written == 1)
        #expect(summary.duplicates == 1)
        #expect(summary.skipped == (withheld == .byAFilter ? 1 : 0))
        #expect(summary.byTest == [.ielts: 1])
        let rows = try String(contentsOfFile: inputs.path("out.csv"), encoding: .utf8).split(separator: "\r\n")
        #expect(rows.count == 2)
        #expect(rows[1].contains("26SB000041KEPT041A"))
        // X's two versions carry different family names: the id names two people, a warning rather than a note.
        #expect(
            lines.contains(
                "scoreimport: warning: \(inputs.path("older.json")): record 1 (id 26SB000040DUPL040A): the id appears "
                    + "again with a different family name, first name or date of birth: kept "
                    + "\(inputs.path("newer.json")) record 1 (modified 2026-03-05T08:00:00), dropped "
                    + "\(inputs.path("older.json")) record 1 (modified 2026-03-01T08:00:00); find out which record is "
                    + "right"))
        if let ledger {
            // Y is recorded as new; X keeps the newer version's fingerprint, not the stale one's.
            let newer = try Records.read([inputs.path("newer.json")])[0].score
            #expect(ledger.entries.count == 2)
            #expect(ledger.entries[newer.key]?.fingerprint == Fingerprint.make(newer))
        }
    }

    /// When a delivered record loses, every format is rendered again without it: the file is exactly the file of
    /// a run that never read the loser.
    @Test(arguments: OutputFormat.allCases)
    func aDroppedRecordLeavesEachFormatAsIfItWereNeverRead(format: OutputFormat) throws {
        let inputs = try Inputs()
        let with = inputs.path("with.\(format.rawValue)")
        let without = inputs.path("without.\(format.rawValue)")
        let (summary, _) = try Self.run(
            Self.options([inputs.path("older.json"), inputs.path("newer.json")], output: with, format: format))
        #expect(summary.written == 2)
        #expect(summary.duplicates == 1)
        _ = try Self.run(
            Self.options([inputs.path("kept.json"), inputs.path("newer.json")], output: without, format: format))
        let written = try Data(contentsOf: URL(fileURLWithPath: with))
        #expect(!written.isEmpty)
        switch format {
        case .csv, .jsonl, .xml:
            #expect(written == (try Data(contentsOf: URL(fileURLWithPath: without))))
        case .json:
            #expect(written == (try Data(contentsOf: URL(fileURLWithPath: without))))
            let parsed = try Tool.run(
                "python3",
                [
                    "-c",
                    "import json,sys; print([(r['trfNumber'], r['familyName']) for r in json.load(open(sys.argv[1]))])",
                    with,
                ])
            #expect(parsed == "[('26SB000041KEPT041A', 'Nguyễn'), ('26SB000040DUPL040A', 'Li')]\n")
        case .xlsx:
            let script = """
                import sys, zipfile, openpyxl
                from openpyxl.utils import get_column_letter
                ws = openpyxl.load_workbook(sys.argv[1]).active
                head = [c.value for c in ws[1]]
                column = get_column_letter(head.index('familyName') + 1)
                print(ws.max_row, ws.column_dimensions[column].width, [r[head.index('familyName')] for r in ws.iter_rows(min_row=2, values_only=True)])
                a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
                print(all(a.read(n) == b.read(n) for n in a.namelist()) and a.namelist() == b.namelist())
                """
            let report = try Tool.run("python3", ["-c", script, with, without])
            // familyName is 10 characters, wider than the kept names; the dropped long name does not count.
            #expect(report == "3 12.0 ['Nguyễn', 'Li']\nTrue\n")
        }
        #expect(!String(decoding: written, as: UTF8.self).contains(Self.longName))
    }

    @Test(arguments: [true, false])
    func skipEmptyWritesNoFileWhenNothingIsDelivered(skipEmpty: Bool) throws {
        // X's newer, General Training version is withheld by --module academic, and the older Academic X, the
        // only record delivered, loses to it: nothing is left to deliver.
        let inputs = try Inputs(newer: ["module": "General Training"])
        try Records.write(
            ielts: [try Records.ielts("26SB000040DUPL040A", modified: "2026-03-01T08:00:00")], to: inputs.url("x.json"))
        var options = Self.options([inputs.path("x.json"), inputs.path("newer.json")], output: inputs.path("out.csv"))
        options.module = .ieltsAcademic
        options.skipEmpty = skipEmpty
        let (summary, lines) = try Self.run(options)
        #expect(summary.written == 0)
        #expect(summary.duplicates == 1)
        let file = FileManager.default.contents(atPath: inputs.path("out.csv"))
        if skipEmpty {
            #expect(file == nil)
            #expect(lines.contains("scoreimport: note: nothing to deliver: no file written (--skip-empty)"))
        } else {
            let text = String(decoding: file ?? Data(), as: UTF8.self)
            #expect(text.hasPrefix("centreNumber,") && text.split(separator: "\r\n").count == 1, "the header only")
        }
        #expect(entries(inputs.directory).allSatisfy { !$0.hasPrefix(".") }, "no temporary file")
    }

    /// `--strict` with one warning refuses the run: no output, no photo, no temporary file.
    @Test func aStrictRefusalLeavesNothing() throws {
        let inputs = try Inputs()
        let photos = inputs.url("photos")
        try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: false)
        var sandbox = try Records.sandboxIELTS()[0]  // with a photo
        sandbox["writingScore"] = "6.25"
        try Records.write(ielts: [sandbox], to: inputs.url("warning.json"))
        let output = inputs.url("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
        for format in OutputFormat.allCases {
            var options = Self.options(
                [inputs.path("older.json"), inputs.path("warning.json")],
                output: output.appendingPathComponent("scores.\(format.rawValue)").path, format: format)
            options.strict = true
            options.photosDirectory = photos.path
            let error = try #require(throws: StrictFailure.self) { try Self.run(options) }
            #expect(error.exitCode == .warnings)
            #expect(error.description == "--strict: 1 warning(s); nothing was written")
            #expect(entries(output) == [], "\(format)")
            #expect(entries(photos) == [], "\(format)")
        }
    }

    /// The sink on its own: while it lives, its outputs and photos are staged out of sight; dropped without a
    /// commit, it leaves nothing.
    @Test func aSinkDroppedWithoutCommitLeavesNoOutputNoPhotoNoTemporaryFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let photos = directory.appendingPathComponent("photos")
        let writer = WriterOptions(
            fields: Template.eDelivery.fields, context: RenderContext(dateFormat: .compact, downloadDate: Self.today))
        do {
            let sink = try RecordSink(
                tables: OutputFormat.allCases.map {
                    RecordSink.Table(
                        destination: .file(directory.appendingPathComponent("out.\($0.rawValue)").path), format: $0,
                        writer: writer)
                }, photosDirectory: photos.path)
            var record = PipelineRecord()
            record.inputName = "page 1"
            record.number = 1
            record.score = Records.score("26SB1")
            record.score.photo = PhotoStagingTests.jpeg
            #expect(try sink.accept(&record, delivered: true).isEmpty)
            #expect(try sink.resolve().written == 1)
            #expect(
                entries(directory).filter { $0.hasPrefix(".scoreimport-out.") }.count == OutputFormat.allCases.count)
            #expect(entries(photos).count == 1 && entries(photos)[0].hasPrefix(PhotoStaging.prefix))
        }
        #expect(entries(directory) == ["photos"])
        #expect(entries(photos) == [])
    }
}

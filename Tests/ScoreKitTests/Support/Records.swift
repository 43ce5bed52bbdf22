import Foundation

@testable import ScoreKit

/// Records for library tests: IELTS Results Service results made from the sandbox's data, written to files, and
/// read back through the library's own source stage, as a run reads them.
enum Records {
    /// The sandbox's IELTS results (`Fixtures/sandbox/ielts-results.json`), as JSON objects.
    static func sandboxIELTS() throws -> [[String: Any]] {
        let data = try Data(contentsOf: Paths.fixtures.appendingPathComponent("sandbox/ielts-results.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["results"] as? [[String: Any]] ?? []
    }

    /// An IELTS result with its own id and modification time; the rest is the sandbox's second result (clean: no
    /// warning, no photo). `changes` overrides or adds fields.
    static func ielts(_ id: String, modified: String, _ changes: [String: Any] = [:]) throws -> [String: Any] {
        var result = try sandboxIELTS()[1]
        result["trfNumber"] = id
        result["lastModifiedDate"] = modified
        result.merge(changes) { $1 }
        return result
    }

    /// Writes `results` as an IELTS Results Service answer.
    static func write(ielts results: [[String: Any]], to url: URL) throws {
        try JSONSerialization.data(withJSONObject: ["results": results], options: [.sortedKeys]).write(to: url)
    }

    /// Every record of the files at `paths`, as the first stage hands them on.
    static func read(_ paths: [String], accepting: Set<InputKind>? = nil) throws -> [PipelineRecord] {
        let source = RecordSource(
            FileInputs(paths: paths), accepting: accepting, inputDateFormat: nil, diagnostics: Diagnostics(fd: -1))
        var records: [PipelineRecord] = []
        var record = PipelineRecord()
        while try source.next(into: &record) { records.append(record) }
        return records
    }

    /// A record with an id and a modification time, for stage and ledger tests.
    static func score(
        _ id: String, _ test: TestKind = .ieltsAcademic, modified: String? = nil, status: ScoreStatus = .reported,
        familyName: String = "Family"
    ) -> TestScore {
        var score = TestScore(test: test)
        score.id = id
        score.status = status
        score.candidate.familyName = familyName
        if let modified, let time = Timestamp(iso: modified) { score.session.lastModified = .valid(time) }
        return score
    }

    static func date(_ text: String) -> CalendarDate {
        DateFormat.isoDate.parse(text) ?? CalendarDate(year: 2000, month: 1, day: 1).unsafelyUnwrapped
    }

    static func decimal(_ text: String) -> ExactDecimal {
        ExactDecimal(text) ?? ExactDecimal(hundredths: -1)
    }
}

/// Diagnostics written to a private anonymous file, read back as text.
final class CapturedDiagnostics {
    let diagnostics: Diagnostics
    private let fd: Int32

    init(style: Diagnostics.Style = .plain) throws {
        fd = try TemporaryFile.anonymous()
        diagnostics = Diagnostics(fd: fd)
        diagnostics.style = style
    }

    deinit {
        diagnostics.flush()
        close(fd)
    }

    /// Everything written so far.
    var text: String {
        diagnostics.flush()
        let length = Int(lseek(fd, 0, SEEK_END))
        var bytes = [UInt8](repeating: 0, count: length)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, length, 0) }
        return String(decoding: bytes.prefix(max(0, got)), as: UTF8.self)
    }

    var lines: [String] { text.split(separator: "\n").map(String.init) }
}

/// What a folder holds, hidden files included, sorted; empty for a folder that does not exist.
func entries(_ directory: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
}

/// The permission bits of a file.
func mode(_ path: String) throws -> Int {
    try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
}

extension Records {
    /// A record with every property set to something other than its default, for round trips: each checked value
    /// parsed (`invalid` false) or kept as text that could not be parsed (`invalid` true).
    static func full(invalid: Bool) -> TestScore {
        var n = 0
        func checked<Value>(_ value: Value) -> Checked<Value> {
            n += 1
            return invalid ? .invalid("unreadable \(n)") : .valid(value)
        }
        func day(_ text: String) -> Checked<CalendarDate> { checked(date(text)) }
        func score(_ text: String) -> Checked<ExactDecimal> { checked(decimal(text)) }
        var s = TestScore(test: invalid ? .toeflIBT26 : .ieltsGeneralTraining)
        s.status = .cancelled
        for slot in ScoreText.allCases { s.text[slot] = "\(slot) é \(invalid)" }
        s.candidate.dateOfBirth = day("1995-01-10")
        s.candidate.gender = invalid ? .unspecified : .female
        for slot in CandidateText.allCases { s.candidate.text[slot] = "\(slot) ü \(invalid)" }
        s.session.testDate = day("2026-01-08")
        s.session.reportDate = day("2026-01-20")
        s.session.lastModified = checked(Timestamp(date: date("2026-01-20"), secondOfDay: 86_399))
        s.session.centre = "SB01"
        s.session.centreCountry = "GB"
        s.session.candidateNumber = "001000"
        s.session.testMode = "Home Edition"
        s.scores.listening = score("6.5")
        s.scores.reading = score("7.25")
        s.scores.writing = score("120")
        s.scores.speaking = score("0.5")
        s.scores.overall = score("6")
        s.cefr = checked(.c2)
        s.cefrDerived = true
        s.sectionCEFR.listening = "B1"
        s.sectionCEFR.reading = "B2"
        s.sectionCEFR.writing = "C1"
        s.sectionCEFR.speaking = "C2"
        s.sectionCEFR.derived = SectionSet(.reading).union(SectionSet(.speaking))
        s.sourceProblems = [.unknownGender(value: "X")]
        s.comparableIBT = score("85")
        var best = MyBestScores()
        best.scores.listening = score("25")
        best.scores.reading = score("26")
        best.scores.writing = score("27")
        best.scores.speaking = score("28")
        best.scores.overall = score("106")
        best.listeningDate = day("2025-01-01")
        best.readingDate = day("2025-02-01")
        best.writingDate = day("2025-03-01")
        best.speakingDate = day("2025-04-01")
        best.comparableIBT = score("99")
        best.cefr = "C1"
        best.asOfDate = day("2026-01-01")
        s.myBest = best
        s.listeningAccommodation = true
        s.speakingAccommodation = true
        s.moduleIsGuessed = true
        return s
    }
}

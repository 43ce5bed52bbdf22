import Testing

@testable import ScoreKit

/// `--module`, `--test` and `--exclude-cancelled`: a record left out is withheld (it still reaches the sink and
/// competes for its key), never dropped on the spot.
@Suite struct RecordFilterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var module: TestKind?
        var family: TestFamily?
        var excludeCancelled = false
        var test: TestKind
        var status = ScoreStatus.reported
        var kept: Bool

        var testDescription: String {
            "module \(module.map(\.rawValue) ?? "-") test \(family?.argument ?? "-") exclude \(excludeCancelled): "
                + "\(test) \(status.rawValue)"
        }
    }

    @Test(arguments: [
        // No filter: everything passes.
        Case(test: .ieltsGeneralTraining, status: .cancelled, kept: true),
        // --module keeps one IELTS module; TOEFL records pass it.
        Case(module: .ieltsAcademic, test: .ieltsAcademic, kept: true),
        Case(module: .ieltsAcademic, test: .ieltsGeneralTraining, kept: false),
        Case(module: .ieltsGeneralTraining, test: .ieltsAcademic, kept: false),
        Case(module: .ieltsAcademic, test: .toeflIBT, kept: true),
        // --test keeps one test family, every module and scale of it.
        Case(family: .toefl, test: .toeflEssentials, kept: true),
        Case(family: .toefl, test: .ieltsAcademic, kept: false),
        Case(family: .ielts, test: .toeflIBT26, kept: false),
        Case(family: .ielts, test: .ieltsGeneralTraining, kept: true),
        // --exclude-cancelled leaves out cancelled results only.
        Case(excludeCancelled: true, test: .toeflIBT, status: .cancelled, kept: false),
        Case(excludeCancelled: true, test: .toeflIBT, status: .reported, kept: true),
        // Every filter must let the record through.
        Case(module: .ieltsAcademic, family: .ielts, excludeCancelled: true, test: .ieltsAcademic, kept: true),
        Case(
            module: .ieltsAcademic, family: .ielts, excludeCancelled: true, test: .ieltsAcademic, status: .cancelled,
            kept: false),
    ])
    func leavesOutWhatWasAskedFor(_ c: Case) {
        var filter = RecordFilter(module: c.module, family: c.family, excludeCancelled: c.excludeCancelled)
        var record = PipelineRecord()
        record.score = Records.score("ID1", c.test, status: c.status)
        let before = record.score
        #expect(filter.process(&record) == (c.kept ? .pass : .withhold(.skipped)))
        #expect(record.score == before, "a filter never changes a record")
    }
}

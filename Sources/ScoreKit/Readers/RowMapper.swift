/// Maps rows keyed by heading (E-Delivery CSV, the project's own CSV, JSON and XML) onto ``TestScore``.
struct RowMapper {
    let dateFormat: DateFormat

    func score(from row: [(Field, String)]) -> TestScore {
        var kind: TestKind?
        var module: TestKind?
        var trf = ""
        var appointment = ""
        for (field, value) in row where !value.isEmpty {
            switch field {
            case .testType: kind = TestKind(name: value)
            case .module: module = TestKind(name: value)
            case .trfNumber: trf = value
            case .appointmentNumber: appointment = value
            default: break
            }
        }
        var score = TestScore(test: kind ?? module ?? .ieltsAcademic)
        for (field, value) in row { field.apply(value, to: &score, dateFormat: dateFormat) }
        if score.id.isEmpty { score.id = score.test.isIELTS ? trf : appointment }
        if score.sourceStatus.isEmpty && !row.contains(where: { $0.0 == .status }) { score.status = .reported }
        return score
    }
}

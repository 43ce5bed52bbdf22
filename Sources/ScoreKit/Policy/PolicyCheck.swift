/// The policy stage: judges each record against an ``AdmissionsPolicy`` and writes the decision into the
/// record's `policyResult` and `policyReasons` fields, counting results for the tally.
public struct PolicyCheck: Sendable {
    public let policy: AdmissionsPolicy
    /// The day the run counts as today, for `maxAgeDays`.
    public let today: CalendarDate
    /// The results so far, by test.
    public private(set) var tally: PolicyTally

    public init(policy: AdmissionsPolicy, today: CalendarDate) {
        self.policy = policy
        self.today = today
        tally = PolicyTally(name: policy.name)
    }

    /// Judges `score` (its `problems` are the validator's) and stores the result and reasons in it.
    public mutating func apply(to score: inout TestScore, problems: [RecordProblem]) {
        let decision = evaluate(score, problems: problems)
        score[stored: .policyResult] = decision.result.rawValue
        score[stored: .policyReasons] = decision.reasons.joined(separator: "; ")
        tally.count(decision.result, test: score.test)
    }

    /// The decision for `score`. A cancelled result fails on that alone. Otherwise: too old fails; each required
    /// score below its minimum fails, unless a warning touches it (then a person reviews it); a required score
    /// that is missing, or touched by a warning, needs review, as does a required overall that could not be
    /// checked against its sections (a warning on a section score, or a section an accommodation left out).
    /// Fails wins over review, review over meets.
    public func evaluate(_ score: TestScore, problems: [RecordProblem]) -> PolicyDecision {
        guard let rule = policy.rules[score.test] else {
            return PolicyDecision(result: .noRule, reasons: ["no rule for \(score.test.displayName)"])
        }
        if score.status == .cancelled { return PolicyDecision(result: .fails, reasons: ["cancelled"]) }
        var judgement = Judgement()
        if let maxAgeDays = policy.maxAgeDays {
            switch score.session.testDate {
            case .valid(let date) where today.daysSinceEpoch - date.daysSinceEpoch > maxAgeDays:
                judgement.fail("test date \(date) is more than \(maxAgeDays) days old")
            case .valid: break
            case .invalid(let text): judgement.review("test date \"\(text)\" is not a date")
            case nil: judgement.review("no test date")
            }
        }
        // Without a maximum age of its own, the policy keeps the official validity: a person decides on a result
        // past it (an institution that accepts older results says so with maxAgeDays).
        if policy.maxAgeDays == nil, let expired = problems.first(where: { $0.kind == "expired" }) {
            judgement.review(expired.description + " (the policy sets no maxAgeDays)")
        }
        let required = Set(rule.minimums.keys)
        var touched: [AdmissionsPolicy.Part: [RecordProblem]] = [:]
        for problem in problems where problem.severity == .warning {
            for part in parts(touchedBy: problem) where required.contains(part) {
                touched[part, default: []].append(problem)
            }
        }
        for part in AdmissionsPolicy.Part.allCases {
            guard let minimum = rule.minimums[part] else { continue }
            judge(part, minimum: minimum, in: score, touched: touched[part] != nil, &judgement)
        }
        for part in AdmissionsPolicy.Part.allCases {
            for problem in touched[part] ?? []
            where !Self.coveredByJudging(problem, required: required, datesJudged: policy.maxAgeDays != nil) {
                judgement.review(problem.description)
            }
        }
        return judgement.decision
    }

    /// One required score: the record's, or with `acceptMyBest` the better of it and its MyBest score.
    private func judge(
        _ part: AdmissionsPolicy.Part, minimum: ExactDecimal, in score: TestScore, touched: Bool,
        _ judgement: inout Judgement
    ) {
        let decimals = score.test.scale.decimals
        let own = part.score(in: score.scores)
        let best = policy.acceptMyBest && !score.test.isIELTS ? myBest(part, of: score) : nil
        var value = own?.value
        var source = ""
        if let best, best.value > (value ?? ExactDecimal(hundredths: -1)) {
            if let unusable = best.unusable {
                judgement.note(
                    "MyBest \(part.rawValue) \(best.value.formatted(decimals: decimals)) not used: \(unusable)")
            } else {
                value = best.value
                source = best.source
            }
        }
        guard let value else {
            switch own {
            case .invalid(let text): judgement.review("\(part.rawValue) score \"\(text)\" is not a number")
            default:
                let accommodated =
                    (part == .listening && score.listeningAccommodation)
                    || (part == .speaking && score.speakingAccommodation)
                judgement.review("no \(part.rawValue) score" + (accommodated ? " (accommodation)" : ""))
            }
            return
        }
        let shown = "\(part.rawValue) \(value.formatted(decimals: decimals))\(source)"
        var touched = touched
        // ETS publishes no rule for a total over fewer than four sections: the record's own overall beside a
        // section an accommodation left out was not checked, so a person decides.
        let accommodated = part == .overall && source.isEmpty ? score.accommodatedSections : []
        if !accommodated.isEmpty {
            touched = true
            let names = accommodated.map(\.name).joined(separator: " or ")
            judgement.review("\(shown) not checked against the sections (no \(names) score: accommodation)")
        }
        if value < minimum {
            let reason = "\(shown) < \(minimum.formatted(decimals: decimals))"
            if touched { judgement.review(reason) } else { judgement.fail(reason) }
        } else if !source.isEmpty {
            judgement.note(shown)
        }
    }

    /// A MyBest score for `part`, where the record has one, and why it cannot be used if it cannot.
    private func myBest(_ part: AdmissionsPolicy.Part, of score: TestScore) -> (
        value: ExactDecimal, source: String, unusable: String?
    )? {
        guard let best = score.myBest else { return nil }
        guard let value = part.score(in: best.scores)?.value else { return nil }
        // The MyBest total is formed from the four MyBest sections: all their tests must be recent enough.
        let dates = part.section.map { [best.date(of: $0)] } ?? Section.allCases.map { best.date(of: $0) }
        let birth = score.candidate.dateOfBirth?.value
        for date in dates {
            guard let date = date?.value else {
                if policy.maxAgeDays != nil { return (value, "", "no test date") }
                continue
            }
            // A date that cannot be right is no evidence (the validator warns about it).
            if date > today || best.asOfDate?.value.map({ date > $0 }) == true || birth.map({ date < $0 }) == true {
                return (value, "", "its test date \(date) cannot be right")
            }
            if let maxAgeDays = policy.maxAgeDays {
                if today.daysSinceEpoch - date.daysSinceEpoch > maxAgeDays {
                    return (value, "", "test date \(date) is more than \(maxAgeDays) days old")
                }
            } else if ScoreRules.validUntil(testDate: date) < today {
                return (value, "", "test date \(date) is past the 2-year validity")
            }
        }
        // A section names the test it comes from; the total comes from up to four.
        if dates.count == 1, let date = dates[0]?.value { return (value, " from MyBest (test date \(date))", nil) }
        return (value, " from MyBest", nil)
    }

    /// The required scores a warning puts in doubt.
    func parts(touchedBy problem: RecordProblem) -> [AdmissionsPolicy.Part] {
        // The five numbers disagree, or the record's status, test, module or test date is in doubt: every score
        // is (a module that is a guess may be General Training judged by the Academic rule).
        if problem.kind == "overall-inconsistent" || problem.outputField == .testType
            || problem.outputField == .module || problem.outputField == .sourceStatus || Self.doubtsTheTestDate(problem)
        {
            return AdmissionsPolicy.Part.allCases
        }
        guard let field = problem.outputField else { return [] }
        switch field {
        case .overallBandScore, .comparableIbtScore, .cefrLevel: return [.overall]
        case .listeningAccommodation: return [.listening]
        case .speakingAccommodation: return [.speaking]
        case .myBestTotal, .myBestComparableIbt, .myBestCefr:
            return policy.acceptMyBest ? [.overall] : []
        default: break
        }
        for section in Section.allCases {
            let part = AdmissionsPolicy.Part(section)
            // The overall is checked against the sections: a section score in doubt (missing, unreadable, off its
            // scale) leaves the overall unchecked or checked against a wrong number.
            if field == section.scoreField { return [part, .overall] }
            if field == section.cefrField { return [part] }
            // A MyBest section date makes the MyBest total doubtful too.
            if policy.acceptMyBest && field == section.myBestDateField { return [part, .overall] }
            if policy.acceptMyBest && field == section.myBestField { return [part] }
        }
        return []
    }

    /// A test date that cannot be right (after today, or not after the date of birth), cannot be read, or is not
    /// there: the result's age and validity rest on it.
    private static func doubtsTheTestDate(_ problem: RecordProblem) -> Bool {
        switch problem {
        case .dateAfterToday(.testDate, _, _), .birthNotBeforeTest, .unparseableDate(.testDate, _), .missingTestDate:
            true
        default: false
        }
    }

    /// Problems the judging of a required part already reports in its own words (an unreadable or missing score).
    private static func coveredByJudging(
        _ problem: RecordProblem, required: Set<AdmissionsPolicy.Part>, datesJudged: Bool
    ) -> Bool {
        if case .missingOverall(.overallBandScore) = problem { return required.contains(.overall) }
        // With a maximum age, an unreadable or missing test date has its own reason already.
        if case .unparseableDate(.testDate, _) = problem { return datesJudged }
        if case .missingTestDate = problem { return datesJudged }
        guard case .unparseableScore(let field, _) = problem else { return false }
        if field == .overallBandScore { return required.contains(.overall) }
        guard let section = Section.allCases.first(where: { $0.scoreField == field }) else { return false }
        return required.contains(AdmissionsPolicy.Part(section))
    }
}

/// Reasons collected while judging one record, each marked with what it means for the result.
private struct Judgement {
    private var reasons: [String] = []
    private var failed = false
    private var needsReview = false

    mutating func fail(_ reason: String) {
        failed = true
        add(reason)
    }

    mutating func review(_ reason: String) {
        needsReview = true
        add(reason)
    }

    /// A reason that changes nothing (which MyBest score was used, or why one was not).
    mutating func note(_ reason: String) { add(reason) }

    private mutating func add(_ reason: String) {
        if !reasons.contains(reason) { reasons.append(reason) }
    }

    var decision: PolicyDecision {
        PolicyDecision(result: failed ? .fails : needsReview ? .review : .meets, reasons: reasons)
    }
}

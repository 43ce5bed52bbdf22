/// Matches scores to applicants by the rules of ``MatchRule``, tried in order: the first rule with any candidate
/// decides; one applicant there is a match, two or more are ambiguous (no id is filled in: never guess), none at
/// any rule is unmatched.
///
/// Every rule is a hash join on normalized keys (reported id, date of birth and family name, email), so a score
/// costs a few lookups whatever the number of applicants.
public final class Matcher {
    /// At most this many applicant ids are listed for review.
    public static let candidateLimit = 5

    let directory: ApplicantDirectory
    let normalizer: NameNormalizer

    public init(directory: ApplicantDirectory, normalizer: NameNormalizer) {
        self.directory = directory
        self.normalizer = normalizer
    }

    /// What the rules compare of a score.
    struct Facts {
        var idKey: String
        var birth: Int32?
        var family: NameKey
        var first: NameKey
        var email: String
    }

    func facts(of score: TestScore) -> Facts {
        Facts(
            // No applicant reported a score id: most files have no such column.
            // An id a spreadsheet damaged may be another result's: it names no one.
            idKey: directory.byReportedId.isEmpty || score.idMayBeDamaged
                ? "" : ApplicantDirectory.idKey(score.id, isIELTS: score.test.isIELTS),
            birth: score.candidate.dateOfBirth?.value.map { Int32($0.daysSinceEpoch) },
            family: normalizer.key(score.candidate.familyName), first: normalizer.key(score.candidate.firstName),
            email: ApplicantDirectory.emailKey(score.candidate.email))
    }

    /// Matches one score.
    public func match(_ score: TestScore) -> MatchResult {
        let facts = facts(of: score)
        var owners: [Int32] = []
        var conflicting: [Int32] = []
        for rule in MatchRule.allCases {
            owners.removeAll(keepingCapacity: true)
            var agreeing = false
            forEachCandidate(of: rule, facts) { row in
                let owner = directory.owners[row]
                if !owners.contains(owner) { owners.append(owner) }
                if rule == .id && !idOwnerDiffers(row, facts) { agreeing = true }
            }
            if rule == .id && !owners.isEmpty && !agreeing {
                // The id is theirs, the person is not: the later rules only add candidates for review.
                conflicting = owners
                continue
            }
            if !conflicting.isEmpty {
                guard !owners.isEmpty else { continue }
                let listed = (conflicting + owners.filter { !conflicting.contains($0) }).prefix(Self.candidateLimit)
                return MatchResult(status: .conflict, rule: .id, candidates: listed.map { directory.ids[Int($0)] })
            }
            if owners.count == 1 {
                return MatchResult(status: .matched, rule: rule, applicantId: directory.ids[Int(owners[0])])
            }
            if owners.count > 1 {
                let listed = owners.sorted().prefix(Self.candidateLimit).map { directory.ids[Int($0)] }
                return MatchResult(status: .ambiguous, rule: rule, candidates: listed)
            }
        }
        if !conflicting.isEmpty {
            let listed = conflicting.prefix(Self.candidateLimit).map { directory.ids[Int($0)] }
            return MatchResult(status: .conflict, rule: .id, candidates: listed)
        }
        return MatchResult(status: .unmatched, rule: nil, candidates: closest(facts))
    }

    /// Whether applicant `row` names another person than the score, by what both have: another date of birth, or
    /// another family name (in either order).
    func contradicts(_ row: Int, _ facts: Facts) -> Bool {
        let birth = directory.births[row]
        if let known = facts.birth, birth != ApplicantDirectory.noBirth, birth != known { return true }
        let family = directory.families[row]
        return !family.isEmpty && !facts.family.joined.isEmpty && family != facts.family.joined
            && family != facts.first.joined
    }

    /// Whether applicant `row`, who reported the score's id, is another person by what both have: another date of
    /// birth; without dates of birth on both sides, another family name (in either order) and a first name that
    /// is not compatible. A reported id with the same date of birth stands, whatever the spelling of the names.
    func idOwnerDiffers(_ row: Int, _ facts: Facts) -> Bool {
        let birth = directory.births[row]
        if let known = facts.birth, birth != ApplicantDirectory.noBirth { return birth != known }
        return contradicts(row, facts) && firstNamesDiffer(row, facts)
    }

    /// Whether the first name on applicant `row` and the score's are both there and not compatible.
    func firstNamesDiffer(_ row: Int, _ facts: Facts) -> Bool {
        !directory.firsts[row].isEmpty && !facts.first.tokens.isEmpty && !compatible(row, facts.first)
    }

    /// Calls `body` with each applicant row that fits `rule`.
    private func forEachCandidate(of rule: MatchRule, _ facts: Facts, _ body: (Int) -> Void) {
        switch rule {
        case .id:
            guard !facts.idKey.isEmpty else { return }
            for row in directory.rows(reportedId: facts.idKey) { body(row) }
        case .nameDob:
            guard let birth = facts.birth, !facts.family.joined.isEmpty else { return }
            for row in directory.rows(birth: birth, family: facts.family.joined) where compatible(row, facts.first) {
                body(row)
            }
        case .swappedNameDob:
            guard let birth = facts.birth, !facts.first.joined.isEmpty else { return }
            for row in directory.rows(birth: birth, family: facts.first.joined) where compatible(row, facts.family) {
                body(row)
            }
        case .emailDob:
            guard let birth = facts.birth, !facts.email.isEmpty else { return }
            // A shared address (an agent's, a family's) joins only the same person: a family name may have changed
            // since (a marriage), but not the first name with it.
            for row in directory.rows(email: facts.email)
            where directory.births[row] == birth && !(contradicts(row, facts) && firstNamesDiffer(row, facts)) {
                body(row)
            }
        case .emailName:
            guard !facts.email.isEmpty, !facts.family.joined.isEmpty else { return }
            // A family's shared address: siblings have another date of birth or first name.
            for row in directory.rows(email: facts.email)
            where directory.families[row] == facts.family.joined && !contradicts(row, facts)
                && !firstNamesDiffer(row, facts)
            {
                body(row)
            }
        }
    }

    /// Whether the first name on applicant `row` is compatible with `name`.
    func compatible(_ row: Int, _ name: NameKey) -> Bool {
        NameKey.compatible(encoded: directory.firsts[row], name.tokens)
    }
}

extension Matcher {
    /// How many rows one look-up for review candidates visits at most: a common family name can have thousands.
    static let visitLimit = 1_000

    /// The applicants closest to an unmatched score, for a person to decide; at most ``candidateLimit`` ids, in
    /// this order, each group in file order:
    /// 1. the same email;
    /// 2. the same date of birth, and the family or the first name the same (in either order);
    /// 3. the same family name (in either order) with a compatible first name: a date of birth that differs;
    /// 4. the same date of birth;
    /// 5. the same family name.
    func closest(_ facts: Facts) -> [String] {
        var owners: [Int32] = []
        /// Adds the rows of `rows` that pass `keep`; false once the list is full.
        func take(_ rows: some Sequence<Int>, _ keep: (Int) -> Bool = { _ in true }) -> Bool {
            var visited = 0
            for row in rows {
                visited += 1
                if visited > Self.visitLimit { break }
                let owner = directory.owners[row]
                guard !owners.contains(owner), keep(row) else { continue }
                owners.append(owner)
                if owners.count == Self.candidateLimit { return false }
            }
            return true
        }
        let family = facts.family.joined
        let first = facts.first.joined
        let names = [family, first].filter { !$0.isEmpty }
        func done() -> [String] { owners.map { directory.ids[Int($0)] } }

        if !facts.email.isEmpty, !take(directory.rows(email: facts.email)) { return done() }
        if let birth = facts.birth {
            let agrees = take(directory.rows(birth: birth)) { row in
                names.contains(directory.families[row])
                    || [facts.family.tokens, facts.first.tokens].contains {
                        !$0.isEmpty && NameKey.sameJoined(encoded: directory.firsts[row], $0)
                    }
            }
            if !agrees { return done() }
        }
        if !family.isEmpty, !take(directory.rows(family: family), { self.compatible($0, facts.first) }) {
            return done()
        }
        if !first.isEmpty, !take(directory.rows(family: first), { self.compatible($0, facts.family) }) {
            return done()
        }
        if let birth = facts.birth, !take(directory.rows(birth: birth)) { return done() }
        if !family.isEmpty { _ = take(directory.rows(family: family)) }
        return done()
    }
}

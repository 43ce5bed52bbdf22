/// "Did you mean": the closest candidate by edit distance, counting a swap of two neighbouring letters as one edit
/// (`xslx` is one edit from `xlsx`). For every layer that names what it did not know: options and commands, policy
/// and template files, the headings of input files.
enum Suggestion {
    /// The candidate at most `limit` edits from `word` (default: a third of its length, at least 2), the first of
    /// the closest; else the first that `word` (3 letters or more) begins.
    static func closest(to word: String, in candidates: [String], limit: Int? = nil) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        if best.1 <= limit ?? max(2, word.count / 3) { return best.0 }
        return candidates.first { $0.hasPrefix(word) && word.count >= 3 }
    }

    /// `message`, with "; did you mean X?" when a candidate is close to `word`.
    static func message(_ message: String, for word: String, in candidates: [String]) -> String {
        guard let guess = closest(to: word, in: candidates) else { return message }
        return message + "; did you mean \(guess)?"
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = min(best, rows[i - 2][j - 2] + 1)
                }
                rows[i][j] = best
            }
        }
        return rows[a.count][b.count]
    }
}

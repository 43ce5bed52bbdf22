/// How many records met, failed, need review or had no rule, by test: what `check --policy` prints.
public struct PolicyTally: Sendable, Hashable {
    /// The policy's name, for the first line.
    public var name: String
    public private(set) var counts: [TestKind: [PolicyResult: Int]] = [:]

    public init(name: String) {
        self.name = name
    }

    mutating func count(_ result: PolicyResult, test: TestKind) {
        counts[test, default: [:]][result, default: 0] += 1
    }

    /// The number of records of `test` (every test when nil) with `result`.
    public func count(of result: PolicyResult, test: TestKind? = nil) -> Int {
        if let test { return counts[test]?[result] ?? 0 }
        return counts.values.reduce(0) { $0 + ($1[result] ?? 0) }
    }

    /// One line for the whole run, then one per test met, in the order tests are listed everywhere.
    public var lines: [String] {
        func line(_ test: TestKind?) -> String {
            PolicyResult.allCases.map { "\($0.rawValue) \(count(of: $0, test: test))" }.joined(separator: ", ")
        }
        return ["policy \"\(name)\": \(line(nil))"]
            + TestKind.allCases.filter { counts[$0] != nil }.map {
                "policy \"\(name)\", \($0.displayName): \(line($0))"
            }
    }
}

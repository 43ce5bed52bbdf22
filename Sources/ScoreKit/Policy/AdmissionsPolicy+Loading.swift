/// Reading a policy file with the project's own JSON reader:
///
///     {"name": "Graduate admissions 2027", "maxAgeDays": 730, "acceptMyBest": false,
///      "rules": {"IELTS Academic": {"overall": "6.5", "writing": "6.0"}, "TOEFL iBT 0-120": {"overall": 90}}}
///
/// Rule keys are the `testType` names the project writes; minimums are strings or numbers on the test's scale.
extension AdmissionsPolicy {
    /// The policy in the file at `path`.
    public static func load(_ path: String) throws(PolicyError) -> AdmissionsPolicy {
        let file: InputFile
        do {
            file = try InputFile.open(path)
        } catch {
            if case .io(let io) = error { throw .io(io) }
            if case .notAFile = error { throw .notAFile(error.description) }
            throw .missing(path)
        }
        return try parse(file)
    }

    static func parse(_ file: InputFile) throws(PolicyError) -> AdmissionsPolicy {
        var parser = Parser(name: file.name)
        do {
            let reader = try JSONReader(source: try file.source())
            try parser.readPolicy(reader)
            try reader.finish()
        } catch let error as PolicyError {
            throw error
        } catch let error as JSONReadError {
            if case .io(let io) = error { throw .io(io) }
            throw .malformed("\(file.name): malformed policy: \(error)")
        } catch let error as InputError {
            if case .io(let io) = error { throw .io(io) }
            throw .malformed(error.description)
        } catch {
            throw .malformed("\(file.name): \(error)")
        }
        guard !parser.policy.rules.isEmpty else {
            throw .invalid("\(file.name): the policy has no rules (\"rules\": {\"IELTS Academic\": {...}, ...})")
        }
        return parser.policy
    }

    /// Walks the document, naming every mistake with the file, the test and the field.
    private struct Parser {
        let name: String
        var policy = AdmissionsPolicy(name: "", rules: [:])

        init(name: String) {
            self.name = name
            // Unnamed, the policy goes by its file name.
            policy.name = name.split(separator: "/").last.map(String.init) ?? name
        }

        static let topKeys = ["name", "maxAgeDays", "acceptMyBest", "rules"]

        mutating func readPolicy(_ r: JSONReader) throws {
            try r.beginObject()
            var seen: Set<String> = []
            while try r.nextMember() {
                let key = r.key
                guard seen.insert(key).inserted else { throw invalid("\"\(key)\" is given twice") }
                switch key {
                case "name":
                    guard try r.peekKind() == .string else { throw invalid("name must be a string") }
                    policy.name = try r.readString()
                case "maxAgeDays":
                    let text = try scalar(r, what: "maxAgeDays")
                    guard let days = Int(text), days >= 0, days <= 36_500 else {
                        throw invalid("maxAgeDays must be a whole number of days from 0 to 36500, not \(text)")
                    }
                    policy.maxAgeDays = days
                case "acceptMyBest":
                    guard try r.peekKind() == .bool else { throw invalid("acceptMyBest must be true or false") }
                    policy.acceptMyBest = try r.readText() == "true"
                case "rules":
                    try readRules(r)
                default:
                    throw invalid("unknown field \"\(key)\"" + Self.suggestion(key, in: Self.topKeys))
                }
            }
        }

        mutating func readRules(_ r: JSONReader) throws {
            guard try r.peekKind() == .object else { throw invalid("rules must be an object keyed by test") }
            try r.beginObject()
            let names = TestKind.allCases.map(\.displayName)
            while try r.nextMember() {
                let key = r.key
                guard let test = TestKind.allCases.first(where: { $0.displayName.lowercased() == key.lowercased() })
                else {
                    throw invalid(
                        "unknown test \"\(key)\" in rules" + Self.suggestion(key, in: names)
                            + " (tests: \(names.joined(separator: ", ")))")
                }
                guard policy.rules[test] == nil else {
                    throw invalid("the rule for \(test.displayName) is given twice")
                }
                policy.rules[test] = try readRule(r, test: test)
            }
        }

        func readRule(_ r: JSONReader, test: TestKind) throws -> Rule {
            guard try r.peekKind() == .object else {
                throw invalid("the rule for \(test.displayName) must be an object of minimums")
            }
            try r.beginObject()
            var rule = Rule()
            let parts = Part.allCases.map(\.rawValue)
            while try r.nextMember() {
                let key = r.key
                guard let part = Part(rawValue: key) else {
                    throw invalid(
                        "unknown field \"\(key)\" in the rule for \(test.displayName)" + Self.suggestion(key, in: parts)
                            + " (fields: \(parts.joined(separator: ", ")))")
                }
                guard rule.minimums[part] == nil else {
                    throw invalid("\(test.displayName) \(key) is given twice")
                }
                let text = try scalar(r, what: "\(test.displayName) \(key)")
                rule.minimums[part] = try minimum(text, part: part, test: test)
            }
            return rule
        }

        /// A minimum on the test's scale: the section scale for sections, the overall scale for the overall.
        func minimum(_ text: String, part: Part, test: TestKind) throws(PolicyError) -> ExactDecimal {
            let scale = test.scale
            let range = part == .overall ? scale.overall : scale.section
            let step = range.step == 50 ? "by 0.5" : "whole numbers"
            let scaleName = part != .overall && scale == .toefl120 ? "0-30" : scale.rawValue
            guard let value = ExactDecimal(text), value.hundredths >= range.min, value.hundredths <= range.max,
                value.hundredths % range.step == 0
            else {
                throw invalid(
                    "\(test.displayName) \(part.rawValue) \"\(text)\" is off the test's scale (\(scaleName), \(step))")
            }
            return value
        }

        /// A string or a number, as text.
        func scalar(_ r: JSONReader, what: String) throws -> String {
            let kind = try r.peekKind()
            guard kind == .string || kind == .number else { throw invalid("\(what) must be a string or a number") }
            return try r.readText() ?? ""
        }

        func invalid(_ message: String) -> PolicyError { .invalid("\(name): \(message)") }

        static func suggestion(_ word: String, in candidates: [String]) -> String {
            Suggestion.closest(to: word, in: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
        }
    }
}

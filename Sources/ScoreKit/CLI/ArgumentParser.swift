/// Options parsed in two phases: argv -> tokens (`--long`, `--long=value`, `-s`, value, `--`) -> values by option.
struct ParsedArguments {
    var values: [Option: [String]] = [:]
    var flags: Set<Option> = []
    var positionals: [String] = []

    /// The option's value (the last, when given more than once), or nil.
    func value(_ option: Option) -> String? { values[option]?.last }
    func flag(_ option: Option) -> Bool { flags.contains(option) }
    /// Whether the option was given at all.
    func has(_ option: Option) -> Bool { values[option] != nil || flags.contains(option) }
}

enum ArgumentToken: Equatable {
    case long(String, value: String?)
    case short(Character, value: String?)
    case positional(String)
    /// `-1`, `-0.5`: the value of an option that expects one (`--max-retries -1` is then refused for its value),
    /// else an unknown option.
    case negativeNumber(String)
}

enum ArgumentParser {
    /// Phase one: split argv into tokens. After `--` everything is positional; `-` alone is positional (stdin).
    static func tokenize(_ arguments: [String]) -> [ArgumentToken] {
        var tokens: [ArgumentToken] = []
        var rest = false
        for argument in arguments {
            if rest || argument == "-" || !argument.hasPrefix("-") {
                tokens.append(.positional(argument))
            } else if isNegativeNumber(argument) {
                tokens.append(.negativeNumber(argument))
            } else if argument == "--" {
                rest = true
            } else if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    tokens.append(.long(String(body[..<equals]), value: String(body[body.index(after: equals)...])))
                } else {
                    tokens.append(.long(String(body), value: nil))
                }
            } else {
                let body = argument.dropFirst()
                let letter = body.first ?? "-"
                let attached = body.dropFirst()
                tokens.append(.short(letter, value: attached.isEmpty ? nil : String(attached)))
            }
        }
        return tokens
    }

    /// `-` and digits, with at most one `.` between digits.
    static func isNegativeNumber(_ argument: String) -> Bool {
        let body = argument.utf8.dropFirst()
        guard argument.hasPrefix("-"), let first = body.first, let last = body.last, first != 46, last != 46 else {
            return false
        }
        return body.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 46 } && body.filter { $0 == 46 }.count <= 1
    }

    /// Phase two: match tokens against the options `command` takes. An option in `refused` (one another command
    /// takes) is refused with its reason rather than as unknown.
    static func parse(
        _ arguments: [String], options specs: [Option], command: String, refused: [Option: String] = [:]
    ) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var tokens = tokenize(arguments)[...]
        while let token = tokens.popFirst() {
            let spec: Option
            var value: String?
            switch token {
            case .positional(let text):
                parsed.positionals.append(text)
                continue
            case .negativeNumber(let text):
                throw UsageError("unknown option \(text)", command: command)
            case .long(let name, let attached):
                if let reason = refused.first(where: { $0.key.name == name })?.value {
                    throw UsageError(reason, command: command)
                }
                guard let found = specs.first(where: { $0.name == name }) else {
                    throw UsageError(unknownOption("--\(name)", specs: specs), command: command)
                }
                spec = found
                value = attached
            case .short(let letter, let attached):
                if let reason = refused.first(where: { $0.key.short == letter })?.value {
                    throw UsageError(reason, command: command)
                }
                guard let found = specs.first(where: { $0.short == letter }) else {
                    throw UsageError(unknownOption("-\(letter)", specs: specs), command: command)
                }
                spec = found
                value = attached
            }
            if let valueName = spec.valueName {
                if value == nil {
                    switch tokens.first {
                    case .positional(let next)?, .negativeNumber(let next)?:
                        tokens.removeFirst()
                        value = next
                    default:
                        throw UsageError("--\(spec.name) needs a value (\(valueName))", command: command)
                    }
                }
                parsed.values[spec, default: []].append(value ?? "")
            } else {
                if case .short = token, let attached = value, let next = attached.first {
                    // Combined short flags: -qt compact is -q -t compact.
                    tokens.insert(
                        .short(next, value: attached.count > 1 ? String(attached.dropFirst()) : nil),
                        at: tokens.startIndex)
                } else if value != nil {
                    throw UsageError("--\(spec.name) takes no value", command: command)
                }
                parsed.flags.insert(spec)
            }
        }
        return parsed
    }

    static func unknownOption(_ option: String, specs: [Option]) -> String {
        let names = specs.map { "--\($0.name)" }
        if let suggestion = Suggestion.closest(to: option, in: names) {
            return "unknown option \(option); did you mean \(suggestion)?"
        }
        return "unknown option \(option)"
    }
}

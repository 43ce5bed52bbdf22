/// Finds a template by built-in name or reads a user template file:
/// `{"name": ..., "format": "csv", "dateFormat": "dd/mm/yyyy", "fields": ["familyName", "Family Name", ...]}`.
public enum TemplateLoader {
    /// Why a template could not be had.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// Neither a built-in name nor an existing file (exit 64).
        case unknown(String)
        /// The file is not valid JSON (exit 65).
        case malformed(String)
        /// Valid JSON, but a field, format or date format is wrong (exit 64).
        case invalid(String)
        case io(IOError)

        public var description: String {
            switch self {
            case .unknown(let text), .malformed(let text), .invalid(let text): text
            case .io(let error): error.description
            }
        }
    }

    /// A built-in template by name, or the template file at `nameOrPath`.
    public static func load(_ nameOrPath: String) throws(Failure) -> Template {
        if let builtIn = Template.builtIn.first(where: { $0.name == nameOrPath.lowercased() }) { return builtIn }
        let file: InputFile
        do {
            file = try InputFile.open(nameOrPath)
        } catch {
            let names = Template.builtIn.map(\.name)
            var message =
                "unknown template \"\(nameOrPath)\": not a built-in (\(names.joined(separator: ", "))) "
                + "nor a template file"
            if let suggestion = Suggestion.closest(to: nameOrPath, in: names) {
                message += "; did you mean \(suggestion)?"
            }
            throw .unknown(message)
        }
        return try parse(file)
    }

    static func parse(_ file: InputFile) throws(Failure) -> Template {
        var name = ""
        var format = OutputFormat.csv
        var dateFormat = DateFormat.compact
        var fields: [Field] = []
        do {
            let source = try file.source()
            let reader = try JSONReader(source: source)
            try reader.beginObject()
            while try reader.nextMember() {
                switch reader.key {
                case "name":
                    name = try reader.readString()
                case "format":
                    let text = try reader.readString()
                    guard let parsed = OutputFormat(rawValue: text.lowercased()) else {
                        throw Failure.invalid(
                            "\(file.name): format \"\(text)\" is not one of "
                                + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    format = parsed
                case "dateFormat":
                    let text = try reader.readString()
                    guard let parsed = DateFormat(name: text) else {
                        throw Failure.invalid(
                            "\(file.name): dateFormat \"\(text)\" is not one of "
                                + DateFormat.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    dateFormat = parsed
                case "fields":
                    try reader.beginArray()
                    while try reader.nextElement() {
                        let text = try reader.readString()
                        guard let field = Field(name: text) else {
                            var message = "\(file.name): unknown field \"\(text)\""
                            let names = Field.allCases.flatMap(\.names)
                            if let suggestion = Suggestion.closest(to: text, in: names) {
                                message += "; did you mean \"\(suggestion)\"?"
                            }
                            throw Failure.invalid(message + " (`scoreimport templates e-delivery` lists them)")
                        }
                        fields.append(field)
                    }
                default:
                    try reader.skipValue()
                }
            }
            try reader.finish()
        } catch let failure as Failure {
            throw failure
        } catch let error as JSONReadError {
            if case .io(let io) = error { throw .io(io) }
            throw .malformed("\(file.name): malformed template: \(error)")
        } catch let error as InputError {
            throw .malformed(error.description)
        } catch {
            throw .malformed("\(file.name): \(error)")
        }
        guard !fields.isEmpty else { throw .invalid("\(file.name): the template has no fields") }
        return Template(
            name: name.isEmpty ? file.name : name, format: format, dateFormat: dateFormat, fields: fields,
            summary: "user template from \(file.name)")
    }
}

extension TemplateLoader.Failure: ScoreImportError {
    public var exitCode: ExitCode {
        switch self {
        case .unknown, .invalid: .usage
        case .malformed: .dataError
        case .io: .ioError
        }
    }
}

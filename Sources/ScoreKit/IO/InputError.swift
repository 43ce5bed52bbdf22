/// Why an input could not be read: each maps to an exit status.
public enum InputError: Error, Sendable, CustomStringConvertible {
    /// The input file does not exist (exit 66).
    case missing(String)
    /// A directory, a device or a socket: only regular files and pipes are read (exit 66).
    case notAFile(String, kind: String)
    /// Reading failed (exit 74).
    case io(IOError)
    /// The document is malformed: a JSON or CSV syntax error, with its location (exit 65).
    case malformed(file: String, detail: String)
    /// The document is none of the kinds scoreimport reads (exit 65).
    case unrecognized(file: String, detail: String)
    /// The dates of a heading-based file fit more than one format (exit 65).
    case ambiguousDates(file: String, detail: String)
    /// `--sheet` names no worksheet of the workbook (exit 64); the detail lists the sheets.
    case sheetNotFound(file: String, detail: String)

    public var description: String {
        switch self {
        case .missing(let path): "\(path): no such file"
        case .notAFile(let path, let kind):
            "\(path) is \(kind), not a file or a pipe: scoreimport reads regular files and pipes"
                + (path == "<stdin>" ? "; name the files to read, or pipe one in" : "")
        case .io(let error): error.description
        case .malformed(let file, let detail): "\(file): malformed document: \(detail)"
        case .unrecognized(let file, let detail): "\(file): unrecognized document: \(detail)"
        case .ambiguousDates(let file, let detail): "\(file): ambiguous dates: \(detail)"
        case .sheetNotFound(let file, let detail): "\(file): \(detail)"
        }
    }
}

extension InputError: ScoreImportError {
    public var exitCode: ExitCode {
        switch self {
        case .missing, .notAFile: .noInput
        case .io: .ioError
        case .malformed, .unrecognized, .ambiguousDates: .dataError
        case .sheetNotFound: .usage
        }
    }
}

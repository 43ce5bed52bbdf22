/// Why a policy file could not be used.
public enum PolicyError: ScoreImportError, Sendable, Equatable {
    /// The file does not exist (exit 66).
    case missing(String)
    /// The file is not valid JSON; the message gives the location (exit 65).
    case malformed(String)
    /// Valid JSON, but an unknown test or field, or a value off the test's scale, named in the message (exit 64).
    case invalid(String)
    /// A directory or a device, not a file; the message says which (exit 66).
    case notAFile(String)
    /// Reading the file failed (exit 74).
    case io(IOError)

    /// The exit status the run ends with.
    public var exitCode: ExitCode {
        switch self {
        case .missing, .notAFile: .noInput
        case .malformed: .dataError
        case .invalid: .usage
        case .io: .ioError
        }
    }

    public var description: String {
        switch self {
        case .missing(let path): "\(path): no such policy file"
        case .malformed(let text), .invalid(let text), .notAFile(let text): text
        case .io(let error): error.description
        }
    }
}

/// Exit statuses, after sysexits.h: the README's table.
public enum ExitCode: Int32, Sendable, CaseIterable {
    case ok = 0
    /// Record warnings under `--strict`, or problems found by `check`.
    case warnings = 1
    case usage = 64
    case dataError = 65
    case noInput = 66
    case unavailable = 69
    case internalError = 70
    case cannotCreate = 73
    case ioError = 74
    case temporaryFailure = 75
    case credentialsRejected = 77
    /// The machine disagrees with the state: its watermark is later than now (the clock went back, or the state
    /// came from a machine whose clock was ahead). Not 65: the state is sound; not 75: waiting may skip results.
    case configuration = 78

    public var meaning: String {
        switch self {
        case .ok: "ok"
        case .warnings: "record warnings under --strict (check: problems found)"
        case .usage: "usage error: options, paths given, the credentials file, the other service's state"
        case .dataError: "bad data: a malformed or unrecognized document"
        case .noInput: "input missing, or a device, socket or directory"
        case .unavailable: "service unavailable after retries"
        case .internalError: "internal error"
        case .cannotCreate: "cannot create output, or the folder of --state is missing"
        case .ioError: "I/O error (also a full TMPDIR, standard output closed or full)"
        case .temporaryFailure: "locked or temporary failure"
        case .credentialsRejected: "credentials rejected"
        case .configuration: "the state's watermark is later than now: check the clock; --since recovers"
        }
    }
}

/// Why the state could not be used: each maps to an exit status.
public enum StateError: Error, Sendable, CustomStringConvertible {
    /// Another run holds the lock (exit 75).
    case locked(path: String)
    /// The state file is not a scoreimport state (exit 65); it is left as it is.
    case corrupt(path: String, detail: String)
    /// The state belongs to the other service's fetch (exit 64): the option names the wrong file.
    case otherService(path: String, stored: String, service: String)
    /// The path is a directory, a FIFO or a device, not a state file (exit 64).
    case notAFile(path: String, kind: String)
    /// The watermark is later than now (exit 78): this machine's clock went back, or the state was written where
    /// the clock was ahead. The state is sound; the clock, or the watermark, needs a person.
    case watermarkAhead(path: String, watermark: Int, now: Int)
    /// The state's folder does not exist, or is not a folder (exit 73, as for an output whose folder is missing).
    case missingFolder(path: String, folder: String)
    case io(IOError)

    public var description: String {
        switch self {
        case .locked(let path):
            "another scoreimport run holds the lock \(path); this run changed nothing (try again when it ends)"
        case .corrupt(let path, let detail):
            "state file \(path) is corrupt (\(detail)); it was left untouched. To recover, move it aside "
                + "(mv \(path) \(path).bad) and run once with --since set to the last night that was delivered: "
                + "the ledger is rebuilt and records delivered since then come again"
        case .otherService(let path, let stored, let service):
            "state file \(path) belongs to fetch \(stored), not fetch \(service): each service keeps its own state "
                + "(its own watermark and ledger). It was left untouched; pass the \(service) state to --state, or a "
                + "new path for a first run"
        case .notAFile(let path, let kind):
            "--state \(path) is \(kind), not a state file: pass the path of a file (a missing one starts afresh)"
        case .watermarkAhead(let path, let watermark, let now):
            "the watermark of state file \(path), \(TimeWindow.format(watermark)), is later than now "
                + "(\(TimeWindow.format(now))): this machine's clock went back, or the state was written on a machine "
                + "whose clock was ahead. Nothing was fetched and the state was left as it was. Check the clock; if it "
                + "is right, the watermark is not, and results from the run that wrote it until then may not have been "
                + "fetched: run once with --since set to the last night that was delivered (the ledger keeps what was "
                + "delivered, and the watermark is set to now)"
        case .missingFolder(let path, let folder):
            "--state \(path): the folder \(folder) does not exist or is not a folder; create it (a run makes the "
                + "state file and its lock, never their folder)"
        case .io(let error): error.description
        }
    }
}

extension StateError: ScoreImportError {
    public var exitCode: ExitCode {
        switch self {
        case .locked: .temporaryFailure
        case .corrupt: .dataError
        case .otherService, .notAFile: .usage
        case .watermarkAhead: .configuration
        case .missingFolder: .cannotCreate
        case .io: .ioError
        }
    }
}

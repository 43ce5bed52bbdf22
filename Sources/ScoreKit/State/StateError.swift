/// Why the state could not be used: each maps to an exit status.
public enum StateError: Error, Sendable, CustomStringConvertible {
    /// Another run holds the lock (exit 75).
    case locked(path: String)
    /// The state file is not a scoreimport state (exit 65); it is left as it is.
    case corrupt(path: String, detail: String)
    /// The watermark is later than now (exit 78): this machine's clock went back, or the state was written where
    /// the clock was ahead. The state is sound; the clock, or the watermark, needs a person.
    case watermarkAhead(path: String, watermark: Int, now: Int)
    case io(IOError)

    public var description: String {
        switch self {
        case .locked(let path):
            "another scoreimport run holds the lock \(path); this run changed nothing (try again when it ends)"
        case .corrupt(let path, let detail):
            "state file \(path) is corrupt (\(detail)); it was left untouched. To recover, move it aside "
                + "(mv \(path) \(path).bad) and run once with --since set to the last night that was delivered: "
                + "the ledger is rebuilt and records delivered since then come again"
        case .watermarkAhead(let path, let watermark, let now):
            "the watermark of state file \(path), \(TimeWindow.format(watermark)), is later than now "
                + "(\(TimeWindow.format(now))): this machine's clock went back, or the state was written on a machine "
                + "whose clock was ahead. Nothing was fetched and the state was left as it was. Check the clock; if it "
                + "is right, the watermark is not, and results from the run that wrote it until then may not have been "
                + "fetched: run once with --since set to the last night that was delivered (the ledger keeps what was "
                + "delivered, and the watermark is set to now)"
        case .io(let error): error.description
        }
    }
}

extension StateError: ScoreImportError {
    public var exitCode: ExitCode {
        switch self {
        case .locked: .temporaryFailure
        case .corrupt: .dataError
        case .watermarkAhead: .configuration
        case .io: .ioError
        }
    }
}

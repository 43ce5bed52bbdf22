/// A run's inputs, one at a time: files named on the command line, or pages fetched from a service.
public protocol InputProvider {
    /// The next input, or nil when there are no more; `previousRecords` is how many records the last one held
    /// (a service pages until a page comes back short). Errors conform to ``ScoreImportError``.
    mutating func next(previousRecords: Int?) throws -> InputFile?
}

/// The files named on the command line ("-" or none: standard input).
public struct FileInputs: InputProvider {
    private var paths: ArraySlice<String>

    public init(paths: [String]) {
        self.paths = (paths.isEmpty ? ["-"] : paths)[...]
    }

    public mutating func next(previousRecords: Int?) throws(InputError) -> InputFile? {
        guard let path = paths.popFirst() else { return nil }
        return try InputFile.open(path)
    }
}

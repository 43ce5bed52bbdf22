/// Where in a JSON document something happened.
public struct JSONLocation: Sendable, Hashable, CustomStringConvertible {
    /// Zero-based byte offset from the start of the document.
    public var byteOffset: Int
    /// One-based line number.
    public var line: Int
    /// One-based column, counted in bytes from the start of the line.
    public var column: Int

    public var description: String { "line \(line), column \(column) (byte \(byteOffset))" }
}

/// A malformed JSON document, or a document whose shape is not the one expected.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A short reason, e.g. "expected ',' or '}' after object member".
    public var reason: String
    /// Where the problem was found.
    public var location: JSONLocation

    public var description: String { "\(reason) at \(location)" }
}

/// Either a syntax error in the document or a failure of the stream beneath it.
public enum JSONReadError: Error, Sendable, CustomStringConvertible {
    /// The bytes are not valid JSON, or not of the shape asked for.
    case syntax(JSONError)
    /// Reading the underlying stream failed.
    case io(IOError)

    public var description: String {
        switch self {
        case .syntax(let error): error.description
        case .io(let error): error.description
        }
    }
}

/// What the process knew about its standard descriptors when it started (see the CLI's process setup).
public enum StandardStreams {
    /// Standard output was closed at start (`>&-`) and now points at /dev/null: a table written there would be
    /// lost, so writing one is an error.
    nonisolated(unsafe) public static var outputWasClosed = false
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A stream of bytes read in chunks: a file, a pipe, a spooled HTTP body, or memory in tests.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 only at the end of the stream.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int
}

/// An I/O failure from the operating system, with the path or stream it concerns.
public struct IOError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done, e.g. "read".
    public var operation: String
    /// The path or stream name.
    public var path: String
    /// The `errno` value.
    public var code: Int32

    public init(_ operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var description: String {
        "cannot \(operation) \(path): \(String(cString: strerror(code)))"
    }
}

/// Reads a file descriptor with read(2), retrying on EINTR. It does not own the descriptor.
public struct FileDescriptorSource: ByteSource {
    public let fd: Int32
    public let name: String

    public init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int {
        while true {
            #if canImport(Glibc) || canImport(Musl)
                let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            #else
                let n = Darwin.read(fd, buffer.baseAddress, buffer.count)
            #endif
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw IOError("read", path: name, code: errno)
        }
    }
}

/// Bytes held in memory, handed out in chunks of at most `chunkSize` (small chunks test boundary handling).
public struct MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let chunkSize: Int

    public init(_ bytes: [UInt8], chunkSize: Int = 1 << 16) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    public init(_ text: String, chunkSize: Int = 1 << 16) {
        self.init(Array(text.utf8), chunkSize: chunkSize)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int {
        let n = min(buffer.count, chunkSize, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress?.copyMemory(from: source.baseAddress.unsafelyUnwrapped + offset, byteCount: n)
        }
        offset += n
        return n
    }
}

extension IOError: ScoreImportError {
    public var exitCode: ExitCode { .ioError }
}

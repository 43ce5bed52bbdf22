#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where output goes.
public enum OutputDestination: Sendable, Hashable {
    case standardOutput
    /// A file replaced atomically: the same directory's temporary file, fsync, rename, fsync of the directory.
    case file(String)
}

/// Why output could not be written: each maps to an exit status.
public enum OutputError: Error, Sendable, CustomStringConvertible {
    /// The output file cannot be created there (exit 73).
    case cannotCreate(path: String, code: Int32)
    /// Writing failed midway (exit 74).
    case io(IOError)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let code): "cannot create \(path): \(String(cString: strerror(code)))"
        case .io(let error): error.description
        }
    }
}

/// One output file, written by its format's writer into a private temporary file (mode 0600) until ``publish()``:
/// `-o` gets the whole file or none, and stdout gets nothing from a run that fails. A format with a container
/// (XLSX) takes the writer's bytes as they come (its packager compresses them) and is built into the temporary file
/// at publish.
final class StagedOutput {
    let destination: OutputDestination
    private var writer: any RecordWriter
    private let packager: (any OutputPackager)?
    private let fd: Int32
    /// The staging file's path while it has one (a file destination), removed unless published.
    private var path: String?
    private var written = 0
    private var buffer = OutputBuffer()
    /// Records written.
    private(set) var rows = 0

    /// Stages a new output and writes its header.
    init(destination: OutputDestination, writer: any RecordWriter) throws(OutputError) {
        self.destination = destination
        self.writer = writer
        packager = writer.packager
        switch destination {
        case .standardOutput:
            guard !StandardStreams.outputWasClosed else {
                throw .io(IOError("write to", path: "standard output (it was closed; pass -o FILE)", code: EBADF))
            }
            do {
                fd = try TemporaryFile.anonymous()
            } catch {
                throw .io(error)
            }
        case .file(let target):
            let (directory, base) = splitPath(target)
            do {
                (fd, path) = try TemporaryFile.create(in: directory, prefix: Self.stagingPrefix(base))
            } catch {
                throw .cannotCreate(path: target, code: error.code)
            }
        }
        self.writer.writeHeader(to: &buffer)
    }

    deinit {
        close(fd)
        if let path {
            unlink(path)
            TemporaryFile.unregister(path)
        }
    }

    /// The start of the names of an output's staging files beside it: `.scoreimport-NAME-XXXXXX`.
    static func stagingPrefix(_ name: String) -> String { TemporaryFile.prefix(beside: name) }

    func write(_ score: TestScore) throws(OutputError) {
        writer.write(score, to: &buffer)
        rows += 1
        // Drained well before the 1 MiB buffer would have to grow.
        if buffer.count >= 1 << 19 { try flush() }
    }

    /// Writes the footer and makes the output ready to publish.
    func finish() throws(OutputError) {
        writer.writeFooter(to: &buffer)
        try flush()
    }

    /// Puts the finished output at its destination: the staging file renamed into place, copied to stdout, or
    /// packaged (XLSX) around the staged records.
    func publish() throws(OutputError) {
        let length = written
        do throws(IOError) {
            switch (destination, packager) {
            case (.standardOutput, nil):
                try FileOutput.copy(from: fd, length: length, to: STDOUT_FILENO, name: "standard output")
            case (.standardOutput, let packager?):
                try packager.package(rows: rows, into: STDOUT_FILENO, name: "standard output")
            case (.file(let target), let packager):
                guard let path else { return }
                // The container is built into the staging file, which then takes the output's place.
                try packager?.package(rows: rows, into: fd, name: path)
                try AtomicFile.publish(fd, from: path, to: target)
                self.path = nil
            }
        } catch {
            // Only a file destination renames: a rename that fails means the output cannot be created there.
            if error.operation == AtomicFile.renameOperation, case .file(let target) = destination {
                throw .cannotCreate(path: target, code: error.code)
            }
            throw .io(error)
        }
    }

    private func flush() throws(OutputError) {
        written += buffer.count
        do throws(IOError) {
            if let packager {
                try packager.stage(UnsafeRawBufferPointer(buffer.bytes))
                buffer.removeAll()
            } else {
                try FileOutput.drain(&buffer, to: fd, name: "staging file")
            }
        } catch {
            throw .io(error)
        }
    }
}

extension OutputError: ScoreImportError {
    public var exitCode: ExitCode {
        switch self {
        case .cannotCreate: .cannotCreate
        case .io: .ioError
        }
    }
}

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
    /// With `--state`, the file is there already and not empty: its records are marked delivered (exit 73).
    case holdsDelivered(path: String, option: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let code): "cannot create \(path): \(String(cString: strerror(code)))"
        case .io(let error): error.description
        case .holdsDelivered(let path, let option):
            "\(option) \(path) already exists and is not empty: with --state its records are marked delivered and "
                + "would not come again if it were replaced. Move it away once it is imported, or name a new file "
                + "per run (the date and time in the name)"
        }
    }
}

/// One output file, written by its format's writer into a private temporary file (mode 0600) until ``publish()``:
/// `-o` gets the whole file or none, and stdout gets nothing from a run that fails. A format with a container
/// (XLSX) takes the writer's bytes as they come (its packager compresses them) and is built into the temporary file
/// at publish.
///
/// When the writer's records stand alone (``RecordWriter/recordsStandAlone``) and are staged as they are, the output
/// notes where each record starts, so ``leaveOut(_:)`` can take records out of the staged bytes without rendering
/// anything again.
final class StagedOutput {
    let destination: OutputDestination
    private var writer: any RecordWriter
    private let packager: (any OutputPackager)?
    private let fd: Int32
    /// The staging file's path while it has one (a file destination), removed unless published.
    private var path: String?
    /// How messages name the staging file: its path beside the output, or the TMPDIR it has no name in.
    private let stagingName: String
    private var written = 0
    private var buffer = OutputBuffer()
    /// Records written.
    private(set) var rows = 0
    /// Each record's ordinal and the offset where its bytes start (UInt32, UInt64), when records stand alone.
    private let starts: Spill?

    /// Stages a new output and writes its header.
    init(destination: OutputDestination, writer: any RecordWriter) throws(OutputError) {
        self.destination = destination
        self.writer = writer
        packager = writer.packager
        // The spill first: it is in TMPDIR, and an init that fails after making the staging file would leave it.
        do {
            starts = writer.recordsStandAlone && writer.packager == nil ? try Spill() : nil
        } catch {
            throw .io(error)
        }
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
            stagingName = "the staging file of standard output in \(TemporaryFile.directory) (TMPDIR)"
        case .file(let target):
            let (directory, base) = splitPath(target)
            do {
                (fd, path) = try TemporaryFile.create(in: directory, prefix: Self.stagingPrefix(base))
            } catch {
                throw .cannotCreate(path: target, code: error.code)
            }
            stagingName = "the staging file \(path ?? target)"
        }
        self.writer.writeHeader(to: &buffer)
    }

    /// Whether ``leaveOut(_:)`` can take records out (else the sink renders the output again without them).
    var canLeaveOut: Bool { starts != nil }

    deinit {
        close(fd)
        if let path {
            unlink(path)
            TemporaryFile.unregister(path)
        }
    }

    /// The start of the names of an output's staging files beside it: `.scoreimport-NAME-XXXXXX`.
    static func stagingPrefix(_ name: String) -> String { TemporaryFile.prefix(beside: name) }

    /// Writes `score`, the record the sink numbers `ordinal` (by default, the next row). Returns the fields whose
    /// text the format could not carry as it was (see ``RecordWriter/replacedFields``).
    @discardableResult
    func write(_ score: TestScore, ordinal: Int? = nil) throws(OutputError) -> [Field] {
        if let starts {
            do {
                try starts.append(integer: UInt32(truncatingIfNeeded: ordinal ?? rows))
                try starts.append(integer: UInt64(written + buffer.count))
            } catch {
                throw .io(error)
            }
        }
        writer.write(score, to: &buffer)
        rows += 1
        // Drained well before the 1 MiB buffer would have to grow.
        if buffer.count >= 1 << 19 { try flush() }
        return writer.replacedFields
    }

    /// Takes the records numbered `ordinals` out of the staged bytes, once, before ``finish()``: the output becomes
    /// what it would have been had they never been written. Needs ``canLeaveOut``.
    func leaveOut(_ ordinals: Set<Int>) throws(OutputError) {
        guard let starts, !ordinals.isEmpty else { return }
        do throws(IOError) {
            try flushBuffer()
            // Kept bytes move down over the records left out: `run` is the start of the kept bytes not yet moved,
            // `kept` where they go.
            var run = 0
            var kept = 0
            var removed = 0
            var reader = try starts.reader()
            var current: (ordinal: Int, start: Int)?
            while true {
                let next = try reader.readInteger(UInt32.self).map { Int($0) }
                let start = try reader.readInteger(UInt64.self).map { Int($0) } ?? written
                if let current, ordinals.contains(current.ordinal) {
                    try move(run..<current.start, to: kept)
                    kept += current.start - run
                    run = start
                    removed += 1
                }
                guard let next else { break }
                current = (next, start)
            }
            try move(run..<written, to: kept)
            kept += written - run
            guard ftruncate(fd, off_t(kept)) == 0, lseek(fd, off_t(kept), SEEK_SET) == off_t(kept) else {
                throw IOError("truncate", path: stagingName, code: errno)
            }
            written = kept
            rows -= removed
        } catch {
            throw .io(error)
        }
    }

    /// Copies the staged bytes at `range` down to `offset` (at or before the range's start).
    private func move(_ range: Range<Int>, to offset: Int) throws(IOError) {
        guard offset != range.lowerBound, !range.isEmpty else { return }
        var target = offset
        try FileOutput.forEachChunk(of: fd, range: range) { (chunk) throws(IOError) in
            var done = 0
            while done < chunk.count {
                let n = chunk.withUnsafeBytes {
                    pwrite(fd, $0.baseAddress.unsafelyUnwrapped + done, $0.count - done, off_t(target + done))
                }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw IOError("write", path: stagingName, code: n < 0 ? errno : EIO) }
                done += n
            }
            target += chunk.count
        }
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
        do {
            try flushBuffer()
        } catch {
            throw .io(error)
        }
    }

    private func flushBuffer() throws(IOError) {
        written += buffer.count
        if let packager {
            try packager.stage(UnsafeRawBufferPointer(buffer.bytes))
            buffer.removeAll()
        } else {
            try FileOutput.drain(&buffer, to: fd, name: stagingName)
        }
    }
}

extension OutputError: ScoreImportError {
    public var exitCode: ExitCode {
        switch self {
        case .cannotCreate, .holdsDelivered: .cannotCreate
        case .io: .ioError
        }
    }
}

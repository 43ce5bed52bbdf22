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

/// Output staged in a temporary file (mode 0600) until the run has succeeded, so nothing is half-written:
/// `-o` gets the whole file or none, and stdout gets nothing when `--strict` fails the run.
final class StagedOutput {
    let destination: OutputDestination
    private let fd: Int32
    private var path: String?
    private var written = 0
    var buffer = OutputBuffer()
    /// Start and end of every record's bytes, in output order.
    private let ranges: Spill
    private var headerEnd = 0
    private var footerStart = 0
    private var records = 0

    /// The container the records go into (XLSX), which takes the staged bytes as they come.
    private let packager: (any OutputPackager)?

    init(destination: OutputDestination, packager: (any OutputPackager)? = nil) throws(OutputError) {
        self.destination = destination
        self.packager = packager
        switch destination {
        case .standardOutput:
            do {
                fd = try TemporaryFile.anonymous()
            } catch {
                throw .io(error)
            }
        case .file(let target):
            let (directory, base) = splitPath(target)
            do {
                (fd, path) = try TemporaryFile.create(in: directory, prefix: ".\(base).tmp")
            } catch {
                throw .cannotCreate(path: target, code: error.code)
            }
        }
        do {
            ranges = try Spill()
        } catch {
            throw .io(error)
        }
    }

    deinit {
        close(fd)
        if let path { unlink(path) }
    }

    private var offset: Int { written + buffer.count }

    func endHeader() { headerEnd = offset }

    /// Call around each record: `beginRecord` after its separator, `endRecord` after its bytes.
    func beginRecord() -> Int { offset }

    func endRecord(start: Int) throws(OutputError) {
        do {
            try ranges.append(integer: UInt64(start))
            try ranges.append(integer: UInt64(offset))
            records += 1
            // Drained well before the 1 MiB buffer would have to grow.
            if buffer.count >= 1 << 19 { try flush() }
        } catch {
            throw .io(error)
        }
    }

    func beginFooter() { footerStart = offset }

    /// Writes the staged output to its destination, leaving out the records at `dropped` (sorted ordinals)
    /// and joining the rest with `separator`.
    func commit(dropping dropped: [UInt32], separator: [UInt8]) throws(OutputError) {
        do throws(IOError) {
            try flush()
            let total = written
            // What goes to the destination: the staged bytes as they are, the kept records re-joined, or (XLSX)
            // the kept records packaged.
            let write: (Int32, String) throws(IOError) -> Void
            if let packager {
                let rows = records - dropped.count
                let droppedRanges = try byteRanges(of: dropped)
                write = { (out, name) throws(IOError) in
                    try packager.package(dropping: droppedRanges, rows: rows, into: out, name: name)
                }
            } else if !dropped.isEmpty || destination == .standardOutput {
                write = { (out, name) throws(IOError) in
                    try self.assemble(into: out, name: name, dropped: dropped, separator: separator, total: total)
                }
            } else {
                write = { _, _ throws(IOError) in }
            }
            switch destination {
            case .standardOutput:
                try write(STDOUT_FILENO, "standard output")
            case .file(let target):
                guard let path else { return }
                if packager == nil && dropped.isEmpty {
                    // The staging file is the output: make it durable and put it in place.
                    try AtomicFile.publish(fd, from: path, to: target)
                    self.path = nil
                } else {
                    try AtomicFile.replace(target, prefix: ".assembled.tmp", write: write)
                }
            }
        } catch {
            // Only the file destination renames: a rename that fails means the output cannot be created there.
            if error.operation == AtomicFile.renameOperation, case .file(let target) = destination {
                throw .cannotCreate(path: target, code: error.code)
            }
            throw .io(error)
        }
    }

    private func flush() throws(IOError) {
        written += buffer.count
        guard let packager else {
            try FileOutput.drain(&buffer, to: fd, name: "staging file")
            return
        }
        try packager.stage(UnsafeRawBufferPointer(buffer.bytes))
        buffer.removeAll()
    }

    /// The staged byte ranges of the records at `ordinals` (sorted).
    private func byteRanges(of ordinals: [UInt32]) throws(IOError) -> [Range<Int>] {
        guard !ordinals.isEmpty else { return [] }
        var result: [Range<Int>] = []
        var reader = try ranges.reader()
        var next = ordinals.makeIterator()
        var wanted = next.next()
        var ordinal: UInt32 = 0
        while let wantedOrdinal = wanted, let start = try reader.readInteger(UInt64.self),
            let end = try reader.readInteger(UInt64.self)
        {
            if ordinal == wantedOrdinal {
                result.append(Int(start)..<Int(end))
                wanted = next.next()
            }
            ordinal += 1
        }
        return result
    }

    /// Copies header, kept records and footer from the staging file to `out`.
    private func assemble(into out: Int32, name: String, dropped: [UInt32], separator: [UInt8], total: Int)
        throws(IOError)
    {
        if dropped.isEmpty {
            try FileOutput.copy(from: fd, length: total, to: out, name: name)
            return
        }
        try copy(0..<headerEnd, to: out, name: name)
        var reader = try ranges.reader()
        var next = dropped.makeIterator()
        var skip = next.next()
        var first = true
        var ordinal: UInt32 = 0
        while let start = try reader.readInteger(UInt64.self), let end = try reader.readInteger(UInt64.self) {
            defer { ordinal += 1 }
            if ordinal == skip {
                skip = next.next()
                continue
            }
            if !first && !separator.isEmpty {
                try FileOutput.writeAll(out, separator[...], name: name)
            }
            first = false
            try copy(Int(start)..<Int(end), to: out, name: name)
        }
        try copy(footerStart..<total, to: out, name: name)
    }

    private func copy(_ range: Range<Int>, to out: Int32, name: String) throws(IOError) {
        try FileOutput.copy(from: fd, range: range, to: out, name: name)
    }
}

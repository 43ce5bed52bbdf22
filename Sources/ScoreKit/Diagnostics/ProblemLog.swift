import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// `--problems FILE`: every record problem as a CSV row (file, record, id, field, value, kind, severity,
/// problem) that staff can sort and work through. Written beside its destination as it goes (mode 0600, a
/// temporary name) and put in place at the end of the run, like every output.
final class ProblemLog {
    private let target: String
    private let fd: Int32
    private var path: String?
    private var buffer = OutputBuffer(capacity: 1 << 16)
    private(set) var rows = 0

    init(path target: String) throws(OutputError) {
        self.target = target
        let (directory, name) = splitPath(target)
        do {
            (fd, path) = try TemporaryFile.create(in: directory, prefix: TemporaryFile.prefix(beside: name))
        } catch {
            throw .cannotCreate(path: target, code: error.code)
        }
        for (index, heading) in ["file", "record", "id", "field", "value", "kind", "severity", "problem"].enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(heading)
        }
        buffer.append("\r\n" as StaticString)
    }

    deinit {
        close(fd)
        if let path {
            unlink(path)
            TemporaryFile.unregister(path)
        }
    }

    func add(_ problem: RecordProblem, at location: RecordLocation) {
        let cells = [
            location.file, String(location.record), location.id, problem.field, problem.value, problem.kind,
            problem.severity.rawValue, problem.description,
        ]
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            Self.cell(cell, to: &buffer)
        }
        buffer.append("\r\n" as StaticString)
        rows += 1
        if buffer.count >= 1 << 15 { try? flush() }
    }

    /// Puts the file in place.
    func publish() throws(OutputError) {
        do {
            try flush()
            guard let path else { return }
            try AtomicFile.publish(fd, from: path, to: target)
            self.path = nil
        } catch {
            throw .io(error)
        }
    }

    private func flush() throws(IOError) {
        try FileOutput.drain(&buffer, to: fd, name: target)
    }

    /// RFC 4180, with the formula guard: the file is meant for a spreadsheet.
    private static func cell(_ text: String, to out: inout OutputBuffer) {
        var text = text
        if let first = text.unicodeScalars.first, "=+-@\t\r\n".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            out.append(text)
            return
        }
        out.append("\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
    }
}

/// Where a record problem was found: never a name or a date of birth.
public struct RecordLocation: Sendable {
    public var file: String
    public var record: Int
    /// The TRF or appointment number, or "" when the record has none.
    public var id: String

    public init(file: String, record: Int, id: String) {
        self.file = file
        self.record = record
        self.id = id
    }

    /// "file: record N (id X)".
    public var description: String { "\(file): record \(record) (\(id.isEmpty ? "no id" : "id \(id)"))" }
}

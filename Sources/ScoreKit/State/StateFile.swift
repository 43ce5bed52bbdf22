#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The state of a scheduled fetch: the watermark (the end of the last fully successful window) and the ledger.
/// Stored as JSON, replaced atomically (temporary file, fsync, rename, fsync of the directory), mode 0600.
///
/// Format version 2 (this release) stores ledger fingerprints of any scheme (see ``Fingerprint``); version 1
/// (release 0.1.0) is read as it is, and written back as version 2.
public struct StateFile {
    /// The format this release writes; ``readableVersions`` lists what it reads.
    static let version = "2"
    static let readableVersions: Set<String> = ["1", "2"]

    public var path: String
    /// The service the state belongs to.
    public var service: TestFamily
    /// Seconds since 1970, UTC; nil before the first successful run.
    public var watermark: Int?
    public var ledger: Ledger

    /// Refuses a path that is there but is no file (a directory, a FIFO, a device): checked before the run makes
    /// the lock beside it.
    public static func checkPath(_ path: String) throws(StateError) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw .notAFile(path: path, kind: "a directory")
        case S_IFIFO: throw .notAFile(path: path, kind: "a FIFO")
        case S_IFSOCK: throw .notAFile(path: path, kind: "a socket")
        default: throw .notAFile(path: path, kind: "a device")
        }
    }

    /// Reads the state; a missing file is a first run.
    public static func load(path: String, service: TestFamily) throws(StateError) -> StateFile {
        try checkPath(path)
        let file: InputFile
        do {
            file = try InputFile.open(path)
        } catch {
            if case .missing = error {
                return StateFile(path: path, service: service, watermark: nil, ledger: Ledger())
            }
            throw .corrupt(path: path, detail: error.description)
        }
        var state = StateFile(path: path, service: service, watermark: nil, ledger: Ledger())
        var entries: [String: Ledger.Entry] = [:]
        var version: String?
        var named = false
        do {
            let reader = try JSONReader(source: try file.source())
            try reader.beginObject()
            while try reader.nextMember() {
                switch reader.key {
                case "scoreimportState": version = try reader.readText()
                case "service":
                    named = true
                    let stored = try reader.readString()
                    guard stored == service.argument else {
                        throw StateError.otherService(path: path, stored: stored, service: service.argument)
                    }
                case "watermark":
                    if let text = try reader.readText() {
                        guard let seconds = TimeWindow.parse(text) else {
                            throw reader.error("watermark is not a time")
                        }
                        state.watermark = seconds
                    }
                case "ledger":
                    try reader.beginObject()
                    while try reader.nextMember() {
                        let key = reader.key
                        try reader.beginArray()
                        var fields: [String] = []
                        while try reader.nextElement() { fields.append(try reader.readString()) }
                        guard fields.count == 3, let status = ScoreStatus(ledgerCode: fields[1]),
                            let seen = DateFormat.isoDate.parse(fields[2])
                        else {
                            throw reader.error("ledger entry \"\(key)\" is not [fingerprint, R or C, yyyy-mm-dd]")
                        }
                        entries[key] = Ledger.Entry(fingerprint: fields[0], status: status, seen: seen)
                    }
                default:
                    try reader.skipValue()
                }
            }
            try reader.finish()
        } catch let error as StateError {
            throw error
        } catch let error as JSONReadError {
            throw .corrupt(path: path, detail: error.description)
        } catch {
            throw .corrupt(path: path, detail: "\(error)")
        }
        guard let version, readableVersions.contains(version) else {
            throw .corrupt(
                path: path,
                detail: version.map { "state format \($0) is newer than this release reads" }
                    ?? "not a scoreimport state file")
        }
        if !named { try checkLedgerKeys(entries.keys, path: path, service: service) }
        state.ledger = Ledger(entries: entries)
        return state
    }

    /// A state without a `"service"` member belongs to the service its ledger keys name (`IELTS:ID`, `TOEFL:ID`:
    /// ``TestScore/key``). Every release wrote the member (0.1.0 included), so only a file edited since lacks it;
    /// adopted by the other service, its watermark would set that service's window and its keys would be written
    /// back as that service's state. Keys of the other service are refused as the other service's state (exit 64);
    /// keys of both are no state any release wrote (exit 65). A ledger without the other service's keys, an empty
    /// one included, has nothing to mix up, and is adopted.
    static func checkLedgerKeys(
        _ keys: some Sequence<String>, path: String, service: TestFamily
    ) throws(StateError) {
        var families: Set<TestFamily> = []
        for key in keys {
            guard let colon = key.firstIndex(of: ":"), let family = TestFamily(rawValue: String(key[..<colon])) else {
                continue
            }
            families.insert(family)
        }
        guard let other = families.first(where: { $0 != service }) else { return }
        guard !families.contains(service) else {
            throw .corrupt(path: path, detail: "it names no service, and its ledger holds both IELTS and TOEFL keys")
        }
        throw .otherService(path: path, stored: other.argument, service: service.argument)
    }

    /// Replaces the state file atomically and durably.
    public func save() throws(StateError) {
        var out = OutputBuffer()
        out.append("{\"scoreimportState\": ")
        JSONWriter.string(Self.version, to: &out)
        out.append(", \"service\": ")
        JSONWriter.string(service.argument, to: &out)
        out.append(", \"watermark\": ")
        if let watermark { JSONWriter.string(TimeWindow.format(watermark), to: &out) } else { out.append("null") }
        out.append(", \"ledger\": {")
        var first = true
        for (key, entry) in ledger.entries.sorted(by: { $0.key < $1.key }) {
            out.append(first ? "\n  " : ",\n  ")
            first = false
            JSONWriter.string(key, to: &out)
            out.append(": [")
            JSONWriter.string(entry.fingerprint, to: &out)
            out.append(", ")
            JSONWriter.string(entry.status.ledgerCode, to: &out)
            out.append(", ")
            JSONWriter.string(entry.seen.description, to: &out)
            out.append("]")
        }
        out.append("\n}}\n")
        let bytes = UnsafeRawBufferPointer(out.bytes)
        do {
            try AtomicFile.replace(path) { (fd, temporary) throws(IOError) in
                try FileOutput.writeAll(fd, bytes, name: temporary)
            }
        } catch {
            throw .io(error)
        }
    }
}

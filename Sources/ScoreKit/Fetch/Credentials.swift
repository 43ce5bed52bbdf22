#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Service credentials, from the environment or a private file; never from an option (options show in `ps`).
public struct Credentials: Sendable {
    /// Values by key: client_id, client_secret, authcode, issued.
    public var values: [String: String]
    /// The file the values were read from (nil: the environment), and the line of each key, for messages.
    var path: String?
    var lines: [String: Int] = [:]

    /// Why credentials could not be had (exit 64 for each, a usage error: the file or the environment needs
    /// fixing; 77 is kept for credentials the service rejects). Messages about a file's lines give line numbers and
    /// known key names, never a value or a line's text.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// Neither the environment nor the file holds a required key (exit 64).
        case missing(String)
        /// The file can be read or written by its group or others (exit 64).
        case loosePermissions(path: String, mode: UInt32)
        /// The file belongs to another user, who could change it (exit 64).
        case foreignOwner(path: String, owner: UInt32)
        /// A FIFO, device, socket or directory: never read, as a FIFO would block the run (exit 64).
        case notRegularFile(path: String)
        /// The file cannot be opened or read (exit 64).
        case unreadable(path: String, reason: String)
        /// A key set on more than one line, such as an old `client_secret=` left at renewal: which one was meant
        /// cannot be told (exit 64).
        case duplicateKey(path: String, key: String, lines: [Int])
        /// A key scoreimport does not know (exit 64). `key` is shown only when it is a near miss of a known key
        /// (`clientsecret=`, then `suggestion`); any other is not, since a secret pasted as a line can look like a
        /// key (base64 ends in `=`).
        case unknownKey(path: String, line: Int, key: String?, suggestion: String?)
        /// A line that is neither `key=value`, blank, nor a `#` comment; not shown either (exit 64).
        case notKeyValue(path: String, line: Int)
        /// A key the run needs, on its line with nothing after `=` (exit 64): said so, not as a missing line.
        case emptyValue(path: String, key: String, line: Int)
        /// `issued=` is not a date YYYY-MM-DD (exit 64). Not shown: it may be a secret pasted on the wrong line.
        case invalidIssueDate(path: String, line: Int)
        /// `issued=` is after tomorrow (UTC): a typo that would hold the renewal reminder back as long (exit 64).
        case futureIssueDate(path: String, line: Int, issued: CalendarDate, today: CalendarDate)

        public var description: String {
            switch self {
            case .missing(let what): "no credentials: \(what)"
            case .loosePermissions(let path, let mode):
                "credentials file \(path) can be read by others (mode \(String(mode & 0o777, radix: 8))); "
                    + "refusing it. Run: chmod 600 \(path)"
            case .foreignOwner(let path, let owner):
                "credentials file \(path) belongs to user \(owner), not to the user running scoreimport "
                    + "(\(geteuid())); refusing it. Run: chown \(geteuid()) \(path)"
            case .notRegularFile(let path): "credentials file \(path) is not a regular file; refusing it"
            case .unreadable(let path, let reason): "cannot read credentials file \(path): \(reason)"
            case .duplicateKey(let path, let key, let lines):
                "credentials file \(path) sets \(key)= on lines \(Self.list(lines.map(String.init))): keep one"
            case .unknownKey(let path, let line, let key, let suggestion):
                "credentials file \(path) line \(line): unknown key "
                    + (key.map { "\($0)= " } ?? "(not shown: it may be a secret) ")
                    + "(the keys are \(Self.list(Credentials.keys.map { "\($0)=" })))"
                    + (suggestion.map { "; did you mean \($0)=?" } ?? "")
            case .notKeyValue(let path, let line):
                "credentials file \(path) line \(line) is not key=value, a blank line or a # comment"
            case .emptyValue(let path, let key, let line):
                "credentials file \(path) line \(line): \(key)= is empty"
                    + (key == "issued"
                        ? ": give the day the credentials were issued as YYYY-MM-DD, or no issued= line" : "")
            case .invalidIssueDate(let path, let line):
                "credentials file \(path) line \(line): issued= is not a date as YYYY-MM-DD: give the day the "
                    + "credentials were issued"
            case .futureIssueDate(let path, let line, let issued, let today):
                "credentials file \(path) line \(line): issued= \(issued) is after today (\(today)): give the day the "
                    + "credentials were issued, or the renewal reminder comes too late"
            }
        }

        /// "a, b and c".
        private static func list(_ items: [String]) -> String {
            items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }

    /// The keys a credentials file may set.
    static let keys = ["client_id", "client_secret", "authcode", "issued"]

    /// Reads `key=value` lines (blank lines and `#` comments allowed) from `path`, which must be a regular file
    /// of the running user with mode 0600 or stricter. A UTF-8 BOM is skipped, CRLF line ends work, and a value
    /// in matching single or double quotes loses them. Each key is one of ``keys`` and comes once.
    public static func load(file path: String) throws(Failure) -> Credentials {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notRegularFile(path: path) }
        guard info.st_uid == geteuid() else { throw .foreignOwner(path: path, owner: UInt32(info.st_uid)) }
        let mode = UInt32(info.st_mode)
        guard mode & 0o077 == 0 else { throw .loosePermissions(path: path, mode: mode) }
        var bytes = [UInt8](repeating: 0, count: 65536)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress.unsafelyUnwrapped + count, $0.count - count, off_t(count))
            }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            count += n
        }
        return try parse(bytes[..<count], path: path)
    }

    /// The `key=value` lines of a credentials file; keys lowercased. Messages give line numbers, never a line.
    static func parse(_ bytes: ArraySlice<UInt8>, path: String) throws(Failure) -> Credentials {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var values: [String: String] = [:]
        var lines: [String: [Int]] = [:]
        let text = String(decoding: body, as: UTF8.self)
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let text = String(line).trimmingASCIISpaces()
            if text.isEmpty || text.hasPrefix("#") { continue }
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw .notKeyValue(path: path, line: index + 1)
            }
            let key = String(text[..<equals]).trimmingASCIISpaces().lowercased()
            guard keys.contains(key) else {
                // A near miss of a known key is a typo, safe to show; anything else may be a secret.
                let suggestion = Suggestion.closest(to: key, in: keys)
                throw .unknownKey(path: path, line: index + 1, key: suggestion.map { _ in key }, suggestion: suggestion)
            }
            var value = String(text[text.index(after: equals)...]).trimmingASCIISpaces()
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
            lines[key, default: []].append(index + 1)
        }
        if let (key, numbers) = lines.sorted(by: { $0.value[0] < $1.value[0] }).first(where: { $0.value.count > 1 }) {
            throw .duplicateKey(path: path, key: key, lines: numbers)
        }
        return Credentials(values: values, path: path, lines: lines.mapValues { $0[0] })
    }

    /// From `--credentials PATH` if given, else from the environment variables `environmentKeys` maps to keys.
    public static func resolve(
        file: String?, environment: [String: String], environmentKeys: [String: String], required: [String]
    ) throws(Failure) -> Credentials {
        var credentials = Credentials(values: [:])
        if let file {
            credentials = try load(file: file)
        } else {
            for (variable, key) in environmentKeys {
                if let value = environment[variable], !value.isEmpty { credentials.values[key] = value }
            }
        }
        let missing = required.filter { credentials.values[$0, default: ""].isEmpty }
        guard missing.isEmpty else {
            // A key on a line of its own with no value is said to be empty, the first such line first.
            if let file,
                let (key, line) = missing.compactMap({ key in credentials.lines[key].map { (key, $0) } })
                    .min(by: { $0.1 < $1.1 })
            {
                throw .emptyValue(path: file, key: key, line: line)
            }
            let variables = environmentKeys.filter { required.contains($0.value) }.keys.sorted()
            // A variable set to nothing is named: `TOEFL_AUTHCODE= scoreimport ...` looks set.
            let empty = variables.filter { environment[$0]?.isEmpty == true }
            let said =
                empty.isEmpty ? "" : "\(empty.joined(separator: " and ")) \(empty.count == 1 ? "is" : "are") empty; "
            let source =
                file.map { "\($0) has no \(missing.joined(separator: " or ")) line" }
                ?? said + "set \(variables.joined(separator: " and ")) or pass --credentials FILE "
                + "(lines \(required.map { "\($0)=" }.joined(separator: ", ")))"
            throw .missing(source)
        }
        return credentials
    }

    public subscript(key: String) -> String { values[key, default: ""] }
}

extension Credentials.Failure: ScoreImportError {
    public var exitCode: ExitCode { .usage }
}

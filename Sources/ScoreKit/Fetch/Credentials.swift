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

    /// Why credentials could not be had (exit 64 for each).
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// Neither the environment nor the file holds a required key.
        case missing(String)
        /// The file can be read or written by its group or others.
        case loosePermissions(path: String, mode: UInt32)
        /// The file belongs to another user, who could change it.
        case foreignOwner(path: String, owner: UInt32)
        /// A FIFO, device, socket or directory: never read (a FIFO would block the run).
        case notRegularFile(path: String)
        case unreadable(path: String, reason: String)

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
            }
        }
    }

    /// Reads `key=value` lines (blank lines and `#` comments allowed) from `path`, which must be a regular file
    /// of the running user with mode 0600 or stricter. A UTF-8 BOM is skipped, CRLF line ends work, and a value
    /// in matching single or double quotes loses them.
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
        return Credentials(values: parse(bytes[..<count]))
    }

    /// The `key=value` lines of a credentials file; keys lowercased.
    static func parse(_ bytes: ArraySlice<UInt8>) -> [String: String] {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var values: [String: String] = [:]
        for line in String(decoding: body, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let text = String(line).trimmingASCIISpaces()
            guard !text.hasPrefix("#"), let equals = text.firstIndex(of: "=") else { continue }
            let key = String(text[..<equals]).trimmingASCIISpaces().lowercased()
            var value = String(text[text.index(after: equals)...]).trimmingASCIISpaces()
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        return values
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
            let variables = environmentKeys.filter { required.contains($0.value) }.keys.sorted()
            let source =
                file.map { "\($0) has no \(missing.joined(separator: " or ")) line" }
                ?? "set \(variables.joined(separator: " and ")) or pass --credentials FILE "
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

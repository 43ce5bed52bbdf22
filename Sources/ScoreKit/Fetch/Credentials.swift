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

    /// Why credentials could not be had.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case missing(String)
        case loosePermissions(path: String, mode: UInt32)
        case unreadable(path: String, reason: String)

        public var description: String {
            switch self {
            case .missing(let what): "no credentials: \(what)"
            case .loosePermissions(let path, let mode):
                "credentials file \(path) can be read by others (mode \(String(mode & 0o777, radix: 8))); "
                    + "refusing it. Run: chmod 600 \(path)"
            case .unreadable(let path, let reason): "cannot read credentials file \(path): \(reason)"
            }
        }
    }

    /// Reads `key=value` lines (blank lines and `#` comments allowed) from `path`, which must be private (0600).
    public static func load(file path: String) throws(Failure) -> Credentials {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        let mode = UInt32(info.st_mode)
        guard mode & 0o077 == 0 else { throw .loosePermissions(path: path, mode: mode) }
        let file: InputFile
        let bytes: [UInt8]
        do {
            file = try InputFile.open(path)
            bytes = try file.prefix(65536)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        var values: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let text = String(line).trimmingASCIISpaces()
            guard !text.hasPrefix("#"), let equals = text.firstIndex(of: "=") else { continue }
            let key = String(text[..<equals]).trimmingASCIISpaces().lowercased()
            values[key] = String(text[text.index(after: equals)...]).trimmingASCIISpaces()
        }
        return Credentials(values: values)
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

import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Candidate photos (personal data) held back until the run commits.
///
/// Each photo is decoded into a private folder inside the destination (`DIR/.scoreimport-photos-XXXXXX`, mode
/// 0700, files 0600), named by the record's place among the delivered records, and the record's photo column gets
/// its final name `<trfNumber>.jpg`. ``publish(dropping:)`` renames the photos of the records kept into `DIR`; a run
/// that fails, or is refused under `--strict`, removes the folder and leaves `DIR` as it was.
final class PhotoStaging {
    let directory: String
    private let staging: String
    /// The staging folder, open and locked while the run lives (see ``TemporaryFile/removeLeftovers(in:)``).
    private let lock: Int32
    private var published = false

    /// Creates `directory` (mode 0700) if it does not exist, and the staging folder inside it.
    init(directory: String) throws(OutputError) {
        self.directory = directory
        var info = stat()
        if stat(directory, &info) != 0 {
            guard mkdir(directory, 0o700) == 0 else { throw .cannotCreate(path: directory, code: errno) }
        }
        do {
            (lock, staging) = try TemporaryFile.createFolder(in: directory, prefix: Self.prefix)
        } catch {
            throw .cannotCreate(path: directory, code: error.code)
        }
    }

    deinit {
        if !published { TemporaryFile.removeFolder(staging) }
        TemporaryFile.unregister(staging)
        close(lock)
    }

    /// The name staging folders start with; a later run removes leftovers of a killed one (see ``TemporaryFile``).
    static let prefix = TemporaryFile.besidePrefix + "photos-"

    /// Decodes the record's base64 photo, if any, into the staging folder as delivered record `ordinal`, and puts
    /// the final file name in the record; returns a problem to warn about, or nil.
    func stage(_ score: inout TestScore, ordinal: Int) throws(OutputError) -> RecordProblem? {
        guard !score.photo.isEmpty else { return nil }
        let name = score.id
        guard !name.isEmpty, name.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) })
        else {
            score.photo = ""
            return .photoNotSaved(reason: "the id is not letters and digits only")
        }
        guard let data = Data(base64Encoded: score.photo, options: .ignoreUnknownCharacters) else {
            score.photo = ""
            return .photoNotSaved(reason: "the photo data is not base64")
        }
        let path = "\(staging)/\(ordinal)-\(name).jpg"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(IOError("create", path: path, code: errno)) }
        defer { close(fd) }
        do throws(IOError) {
            try FileOutput.writeAll(fd, [UInt8](data)[...], name: path)
            guard fsync(fd) == 0 else { throw IOError("fsync", path: path, code: errno) }
        } catch {
            throw .io(error)
        }
        score.photo = "\(name).jpg"
        return nil
    }

    /// Moves the photos of the records kept into the destination, skipping `dropped` (ordinals of superseded
    /// records), and removes the staging folder.
    func publish(dropping dropped: Set<Int>) throws(OutputError) {
        for entry in Self.entries(of: staging) {
            guard let dash = entry.firstIndex(of: "-"), let ordinal = Int(entry[..<dash]) else { continue }
            let from = "\(staging)/\(entry)"
            if dropped.contains(ordinal) {
                unlink(from)
                continue
            }
            let to = "\(directory)/\(entry[entry.index(after: dash)...])"
            guard rename(from, to) == 0 else { throw .cannotCreate(path: to, code: errno) }
        }
        published = true
        TemporaryFile.removeFolder(staging)
        do {
            try AtomicFile.syncDirectory(of: "\(directory)/.")
        } catch {
            throw .io(error)
        }
    }

    private static func entries(of path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }
}

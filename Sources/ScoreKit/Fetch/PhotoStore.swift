import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes candidate photos to `DIR/<trfNumber>.jpg` (mode 0600, atomically) and puts the file name in the record.
public struct PhotoStore: Sendable {
    public let directory: String

    public init(directory: String) throws(OutputError) {
        self.directory = directory
        var info = stat()
        if stat(directory, &info) != 0 {
            guard mkdir(directory, 0o700) == 0 else { throw .cannotCreate(path: directory, code: errno) }
        }
    }

    /// Saves the record's base64 photo, if any; returns a problem to warn about, or nil.
    public func save(_ score: inout TestScore) throws(OutputError) -> String? {
        guard !score.photo.isEmpty else { return nil }
        let name = score.id
        guard !name.isEmpty, name.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) })
        else {
            score.photo = ""
            return "photo not saved: the id \"\(name)\" is not letters and digits only"
        }
        guard let data = Data(base64Encoded: score.photo, options: .ignoreUnknownCharacters) else {
            score.photo = ""
            return "photo not saved: the photo data is not base64"
        }
        let file = "\(name).jpg"
        let bytes = [UInt8](data)
        do {
            try AtomicFile.replace("\(directory)/\(file)") { (fd, temporary) throws(IOError) in
                try FileOutput.writeAll(fd, bytes[...], name: temporary)
            }
        } catch {
            throw .io(error)
        }
        score.photo = file
        return nil
    }
}

/// A ``ByteSource`` (a file or a pipe, perhaps transcoded to UTF-8) as an ``XMLSource``: bytes the transcoder
/// cannot decode make a malformed document, other failures an I/O error.
final class XMLByteSource: XMLSource {
    private var source: any ByteSource
    private let file: String

    /// Reads `source`; `file` names the document in the errors of bytes the transcoder cannot decode.
    init(_ source: any ByteSource, file: String) {
        self.source = source
        self.file = file
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        do {
            return try source.read(into: buffer)
        } catch {
            if error.isDecodingFailure { throw .malformed(file: file, detail: error.operation) }
            throw .io(error)
        }
    }
}

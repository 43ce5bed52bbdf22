/// The bytes of an XML document, read in chunks for ``XMLScanner``: a workbook part as it inflates
/// (``ZipEntryReader``), or a file or pipe through ``XMLByteSource``.
protocol XMLSource: AnyObject {
    /// Reads up to `buffer.count` bytes; 0 only at the end of the document.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
}

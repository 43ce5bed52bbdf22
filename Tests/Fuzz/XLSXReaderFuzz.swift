// libFuzzer entry for the XLSX reader: `make fuzz-xlsx` builds it with `swiftc -sanitize=fuzzer,address` together
// with the library's sources. Each input is read twice: as one XML part by the scanner (at several chunk sizes),
// and as a whole file by the workbook reader (ZIP container, parts, rows). Any crash, hang or sanitizer report is a
// bug; errors are expected.

#if canImport(Glibc)
    import Glibc
#endif

/// Bytes in memory, handed out `chunk` at a time.
final class FuzzPart: PartSource {
    let part = "fuzz.xml"
    private let bytes: [UInt8]
    private let chunk: Int
    private var offset = 0

    init(_ bytes: [UInt8], chunk: Int) {
        self.bytes = bytes
        self.chunk = chunk
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let count = min(buffer.count, chunk, bytes.count - offset)
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSXReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for chunk in [1, 7, 4096] {
        let scanner = PartScanner(FuzzPart(bytes, chunk: chunk))
        var text: [UInt8] = []
        while let event = try? scanner.next(), event != .endOfDocument {
            if event == .text { scanner.appendText(to: &text) }
            if event == .start { _ = try? scanner.string("r") }
        }
    }
    guard let fd = try? TemporaryFile.anonymous() else { return 0 }
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    let file = InputFile(spooled: fd, name: "fuzz.xlsx")
    guard let workbook = try? XLSXWorkbook.open(file, sheet: nil), let rows = try? XLSXRows(workbook: workbook) else {
        return 0
    }
    while (try? rows.nextFields()) != nil {}
    return 0
}

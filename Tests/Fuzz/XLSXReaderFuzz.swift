// libFuzzer entry for the XLSX reader: `make fuzz-xlsx` builds it with `swiftc -sanitize=fuzzer,address` together
// with the library's sources. Each input is read twice: as one XML part by the scanner (at several chunk sizes),
// and as a whole file by the workbook reader (ZIP container, parts, rows). Any crash, hang or sanitizer report is a
// bug; errors are expected.

#if canImport(Glibc)
    import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSXReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for chunk in [1, 7, 4096] {
        let scanner = XMLScanner(XMLByteSource(MemorySource(bytes, chunkSize: chunk), file: ""), part: "fuzz.xml")
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

// libFuzzer entry for the JSON reader: `make fuzz` builds it with `swiftc -sanitize=fuzzer` together with the
// reader's sources. Any crash, hang or sanitizer report is a bug; errors are expected.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for chunkSize in [1, 7, 4096] {
        do {
            let reader = try JSONReader(source: MemorySource(bytes, chunkSize: chunkSize), chunkSize: 64)
            try reader.skipValue()
            try reader.finish()
        } catch {
            continue
        }
    }
    return 0
}

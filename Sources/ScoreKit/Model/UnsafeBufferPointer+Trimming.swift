extension UnsafeBufferPointer<UInt8> {
    /// The bytes without leading and trailing spaces, tabs, CR and LF (as `String.trimmingASCIISpaces()`): how
    /// every code a source sends is read, by the readers and the validator alike, without making a String.
    @inline(__always)
    func trimmingASCIISpaces() -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = count
        @inline(__always) func blank(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
        }
        while start < end && blank(self[start]) { start += 1 }
        while end > start && blank(self[end - 1]) { end -= 1 }
        return start == 0 && end == count ? self : UnsafeBufferPointer(rebasing: self[start..<end])
    }
}

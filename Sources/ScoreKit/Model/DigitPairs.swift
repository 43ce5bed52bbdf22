/// Two-digit groups for writing numbers: one load and one store per two digits, instead of a division each.
enum DigitPairs {
    private static let table: StaticString = """
        0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// Writes `value` (0-99) as two ASCII digits at `out`.
    @inline(__always)
    static func write(_ value: Int, to out: UnsafeMutablePointer<UInt8>) {
        let pair = UnsafeRawPointer(table.utf8Start).loadUnaligned(fromByteOffset: value &* 2, as: UInt16.self)
        UnsafeMutableRawPointer(out).storeBytes(of: pair, as: UInt16.self)
    }
}

/// The spellings of tests, modules and genders that heading-based files use, read from bytes without a String.
enum TestNames {
    /// The IELTS module a Module value names: Academic from `Academic`, `AC`, `A`; General Training from
    /// `General Training`, `GT`, `G`, `General`; also the testType names of either. Case and surrounding spaces
    /// are ignored.
    static func module(_ bytes: UnsafeBufferPointer<UInt8>) -> TestKind? {
        // The spellings of E-Delivery downloads, one or two word compares.
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            if bytes.count == 8 && raw.loadUnaligned(as: UInt64.self) == academic { return .ieltsAcademic }
            if bytes.count == 16 && raw.loadUnaligned(as: UInt64.self) == general
                && raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == training
            {
                return .ieltsGeneralTraining
            }
        }
        let text = trimmed(bytes)
        for (name, kind) in moduleNames where matches(text, name) { return kind }
        return nil
    }

    /// The test a testType value names: the display names ("TOEFL iBT 0-120"), the raw names ("toeflIBT"), or a
    /// module name.
    static func test(_ bytes: UnsafeBufferPointer<UInt8>) -> TestKind? {
        let text = trimmed(bytes)
        for kind in TestKind.allCases where matches(text, kind.displayName) || matches(text, kind.rawValue) {
            return kind
        }
        return module(bytes)
    }

    /// Whether a testType value names IELTS without its module (`IELTS`, as written for a record whose module is a
    /// guess).
    static func isIELTSFamily(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        matches(trimmed(bytes), TestFamily.ielts.rawValue)
    }

    /// M, F or U, also spelt `Male` and `Female`; nil for anything else.
    static func gender(_ bytes: UnsafeBufferPointer<UInt8>) -> Gender? {
        let text = trimmed(bytes)
        if text.count == 1 {
            switch text[0] | 0x20 {
            case UInt8(ascii: "m"): return .male
            case UInt8(ascii: "f"): return .female
            case UInt8(ascii: "u"): return .unspecified
            default: return nil
            }
        }
        if matches(text, "male") { return .male }
        if matches(text, "female") { return .female }
        return nil
    }

    /// "Academic", "General ", "Training" as little-endian words.
    private static let academic: UInt64 = 0x6369_6D65_6461_6341
    private static let general: UInt64 = 0x206C_6172_656E_6547
    private static let training: UInt64 = 0x676E_696E_6961_7254

    private static let moduleNames: [(String, TestKind)] = [
        ("academic", .ieltsAcademic), ("ac", .ieltsAcademic), ("a", .ieltsAcademic),
        ("ielts academic", .ieltsAcademic), ("general training", .ieltsGeneralTraining),
        ("gt", .ieltsGeneralTraining), ("g", .ieltsGeneralTraining), ("general", .ieltsGeneralTraining),
        ("ielts general training", .ieltsGeneralTraining),
    ]

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// Whether `bytes` spell `name` (ASCII), ignoring case.
    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ name: String) -> Bool {
        guard bytes.count == name.utf8.count else { return false }
        for (byte, letter) in zip(bytes, name.utf8) {
            let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            let expected = letter >= UInt8(ascii: "A") && letter <= UInt8(ascii: "Z") ? letter | 0x20 : letter
            guard folded == expected else { return false }
        }
        return true
    }
}

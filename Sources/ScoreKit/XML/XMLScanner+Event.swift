#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the current event holds: the element's name, its attributes, the text.
extension XMLScanner {
    /// Whether the current element's local name is `name`.
    func isNamed(_ name: StaticString) -> Bool {
        equal(nameRange, name)
    }

    /// The current element's local name.
    var name: String { String(decoding: bytes(nameRange), as: UTF8.self) }

    /// Appends the current text to `bytes`.
    func appendText(to bytes: inout [UInt8]) {
        if textDecoded {
            bytes += decoded
        } else {
            bytes.append(contentsOf: self.bytes(textRange))
        }
    }

    /// An error at the current text's first character that is not white space, or nil if there is none: for
    /// places where only white space may stand (outside the root element, between records).
    func errorUnlessSpace(_ problem: String) -> InputError? {
        guard let stray = bytes(textRange).firstIndex(where: { !Self.isSpace($0) }) else { return nil }
        return error(problem, at: textRange.lowerBound + stray)
    }

    /// The raw value of the current start tag's unprefixed attribute `name`, valid until the next event; a value
    /// with a reference is handed out undecoded (for attributes that are numbers and letters: r, s, t).
    func rawAttribute(_ name: StaticString) -> UnsafeRawBufferPointer? {
        for index in 0..<attributeCount where equal(attributes[index].name, name) {
            return UnsafeRawBufferPointer(rebasing: buffer[attributes[index].value])
        }
        return nil
    }

    /// The value of the current start tag's attribute with local name `name` and, when `prefixed`, some prefix
    /// (`r:id`), decoded.
    func string(_ name: StaticString, prefixed: Bool = false) throws(InputError) -> String? {
        for index in 0..<attributeCount {
            let qualified = attributes[index].name
            let local = localName(qualified)
            guard prefixed == (local != qualified), equal(local, name) else { continue }
            var value: [UInt8] = []
            try decode(attributes[index].value, into: &value, as: .attribute)
            return String(decoding: value, as: UTF8.self)
        }
        return nil
    }

    /// Whether the bytes of `range` are `name` (the length and first byte decide most comparisons).
    func equal(_ range: Range<Int>, _ name: StaticString) -> Bool {
        let count = range.count
        guard count == name.utf8CodeUnitCount, count > 0 else { return count == name.utf8CodeUnitCount }
        let bytes = buffer.baseAddress.unsafelyUnwrapped + range.lowerBound
        guard bytes.load(as: UInt8.self) == name.utf8Start.pointee else { return false }
        return count == 1 || memcmp(bytes, name.utf8Start, count) == 0
    }
}

/// Walking an object's members: separators, keys (looked up in place where possible) and colons.
extension JSONReader {
    /// Moves to the next member of the open object and reads its key; returns false after consuming its `}`.
    public func nextMember() throws(JSONReadError) -> Bool {
        guard try openMember() else { return false }
        try scanKey()
        try expectColon()
        return true
    }

    /// Moves to the next member like ``nextMember()`` and looks its key up in `table`, trying index `hint` first
    /// (see ``JSONKeyTable/index(of:hint:)``). When the document holds exactly the hinted key, it is recognized in
    /// place, without scanning it as a string first. `index` is the key's index, or -1 if the table lacks it.
    @inline(__always)
    public func nextMember(in table: JSONKeyTable, hint: Int, index: inout Int) throws(JSONReadError) -> Bool {
        // The common case in one pass over the window: a comma (unless the object has just opened), whitespace,
        // a key of the table in quotes (the hinted one first) and its colon. Anything else (the object's end, a
        // key the table lacks, a refill) takes the general path from the same place.
        let base = buffer
        var i = pos
        if needsSeparator {
            guard base[i] == UInt8(ascii: ",") else {
                return try generalNextMember(in: table, hint: hint, index: &index)
            }
            i &+= 1
        }
        while base[i] <= 0x20 && (UInt64(0x1_0000_2600) &>> UInt64(base[i])) & 1 == 1 { i &+= 1 }
        // At the window's end the zero after it stops the loop, and no key starts with it.
        guard inObject, base[i] == UInt8(ascii: "\"") else {
            return try generalNextMember(in: table, hint: hint, index: &index)
        }
        let key = base + (i &+ 1)
        let available = end &- i &- 1
        var found = hint
        var length = table.isKey(hint, at: key, available: available)
        if length == nil { (found, length) = table.anyKey(at: key, available: available, after: hint) }
        guard let count = length, base[i &+ count &+ 2] == UInt8(ascii: ":") else {
            return try generalNextMember(in: table, hint: hint, index: &index)
        }
        keyOffset = i &+ 1
        keyCount = count
        keyInBuffer = true
        pos = i &+ count &+ 3
        needsSeparator = false
        index = found
        return true
    }

    /// ``nextMember(in:hint:index:)`` for any document: whitespace anywhere, refills, errors, keys out of order.
    private func generalNextMember(in table: JSONKeyTable, hint: Int, index: inout Int) throws(JSONReadError)
        -> Bool
    {
        guard try openMember() else { return false }
        if let count = table.isKey(hint, at: buffer + pos + 1, available: end - pos - 1) {
            // Table keys hold no quote, backslash or control byte: these bytes are the whole string.
            keyOffset = pos + 1
            keyCount = count
            keyInBuffer = true
            pos += count + 2
            index = hint
        } else {
            try scanKey()
            index = table.index(of: keyBytes, hint: hint) ?? -1
        }
        try expectColon()
        return true
    }

    /// Consumes the separator before the next member and stands on its key's opening quote; false after
    /// consuming the object's `}`.
    @inline(__always)
    private func openMember() throws(JSONReadError) -> Bool {
        guard inObject else { throw error("internal: nextMember outside an object") }
        var byte = try skipWhitespace()
        if needsSeparator {
            if byte == UInt8(ascii: ",") {
                pos += 1
                byte = try skipWhitespace()
                if byte == UInt8(ascii: "}") { throw error("trailing comma before '}'") }
                guard byte == UInt8(ascii: "\"") else { throw expected("a string key after ','", byte) }
            } else if byte == UInt8(ascii: "}") {
                pos += 1
                pop()
                return false
            } else {
                throw expected("',' or '}' after object member", byte)
            }
        } else {
            if byte == UInt8(ascii: "}") {
                pos += 1
                pop()
                return false
            }
            guard byte == UInt8(ascii: "\"") else { throw expected("a string key or '}'", byte) }
        }
        return true
    }

    @inline(__always)
    private func scanKey() throws(JSONReadError) {
        let key = try scanString()
        if key.baseAddress == UnsafePointer(scratch) {
            // A key with escapes was decoded into scratch, which the next string reuses: copy it out now.
            storeKey(key)
        } else {
            keyOffset = UnsafePointer(buffer).distance(to: key.baseAddress.unsafelyUnwrapped)
            keyCount = key.count
            keyInBuffer = true
        }
    }

    @inline(__always)
    private func expectColon() throws(JSONReadError) {
        if buffer[pos] == UInt8(ascii: ":") {
            pos += 1
            needsSeparator = false
            return
        }
        let byte = try skipWhitespace()
        guard byte == UInt8(ascii: ":") else { throw expected("':' after object key", byte) }
        pos += 1
        needsSeparator = false
    }

    /// The key of the current member, valid until the next call to `nextMember` or the next read.
    public var keyBytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: keyInBuffer ? buffer + keyOffset : keyStore, count: keyCount)
    }

    /// Copies the current key out of the buffer before the buffer moves or is reused.
    @inline(__always)
    func stashKey() {
        if keyInBuffer { storeKey(UnsafeBufferPointer(start: buffer + keyOffset, count: keyCount)) }
    }

    private func storeKey(_ key: UnsafeBufferPointer<UInt8>) {
        if key.count > keyCapacity {
            keyStore.deallocate()
            keyCapacity = key.count * 2
            keyStore = .allocate(capacity: keyCapacity)
        }
        if let base = key.baseAddress { keyStore.update(from: base, count: key.count) }
        keyCount = key.count
        keyInBuffer = false
    }

    /// The key of the current member.
    public var key: String { String(decoding: keyBytes, as: UTF8.self) }
}

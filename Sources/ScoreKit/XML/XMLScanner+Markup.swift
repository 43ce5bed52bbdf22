#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Markup: start and end tags with their attributes, and what `<?` and `<!` start (processing instructions,
/// comments, CDATA sections; a DOCTYPE is refused).
extension XMLScanner {
    /// Runs `scan` on the tag at `start` until the buffer holds all of it: `scan` returns false when it reaches the
    /// buffer's end first.
    func complete(_ scan: () throws(InputError) -> Bool) throws(InputError) {
        while try !scan() {
            if atEnd { throw error("the document ends inside a tag") }
            try refill()
        }
    }

    /// Scans the start tag at `start`: its name onto the open elements, its attributes checked and recorded;
    /// false when the buffer ends inside it.
    func scanStartTag() throws(InputError) -> Bool {
        var index = start + 1
        var local = index
        guard let qualified = try scanName(&index, local: &local) else { return false }
        guard !qualified.isEmpty else { throw error("expected an element name after '<'", at: index) }
        let localStart = local
        attributeCount = 0
        var selfClosing = false
        while true {
            let spaced = skipSpace(&index)
            guard index < end else { return false }
            let byte = buffer[index]
            if byte == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: "/") {
                guard index + 1 < end else { return false }
                guard buffer[index + 1] == UInt8(ascii: ">") else {
                    throw error("expected '>' after '/' in a tag", at: index + 1)
                }
                selfClosing = true
                index += 1
                break
            }
            guard spaced else { throw error("expected white space or the end of the tag", at: index) }
            guard let attributeName = try scanName(&index, local: &local) else { return false }
            guard !attributeName.isEmpty else { throw error("expected an attribute name", at: index) }
            _ = skipSpace(&index)
            guard index < end else { return false }
            guard buffer[index] == UInt8(ascii: "=") else {
                throw error("expected '=' after an attribute name", at: index)
            }
            index += 1
            _ = skipSpace(&index)
            guard index < end else { return false }
            let quote = buffer[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw error("expected a quoted attribute value", at: index)
            }
            index += 1
            var plain = true
            let close = try scanCharacters(from: index, until: quote, plain: &plain, in: "an attribute value")
            guard close < end && buffer[close] == quote else { return false }
            try addAttribute(attributeName, value: index..<close, plain: plain)
            index = close + 1
        }
        if depth == 0 {
            guard !sawRoot else { throw error("a second root element") }
            sawRoot = true
        }
        guard depth < Self.maxDepth else { throw error("elements nested more than \(Self.maxDepth) deep") }
        // Names are written over the bytes of elements already closed.
        let base = stackEnds[depth]
        if stackBytes.count < base + qualified.count {
            let grown = UnsafeMutableRawBufferPointer.allocate(
                byteCount: max(stackBytes.count * 2, base + qualified.count), alignment: 8)
            grown.baseAddress.unsafelyUnwrapped.copyMemory(
                from: stackBytes.baseAddress.unsafelyUnwrapped, byteCount: base)
            stackBytes.deallocate()
            stackBytes = grown
        }
        stackBytes.baseAddress.unsafelyUnwrapped.advanced(by: base).copyMemory(
            from: buffer.baseAddress.unsafelyUnwrapped + qualified.lowerBound, byteCount: qualified.count)
        depth += 1
        stackEnds[depth] = base + qualified.count
        nameRange = localStart..<qualified.upperBound
        pendingEnd = selfClosing
        start = index + 1
        return true
    }

    /// Records an attribute of the tag being scanned: unique, and with its references checked now (a value with
    /// one is decoded only when asked for).
    @inline(__always)
    func addAttribute(_ name: Range<Int>, value: Range<Int>, plain: Bool) throws(InputError) {
        guard attributeCount < Self.maxAttributes else {
            throw error("more than \(Self.maxAttributes) attributes", at: name.lowerBound)
        }
        let base = buffer.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
        // Attributes are few: comparing each with those before it is quicker than any table.
        for other in 0..<attributeCount {
            let earlier = attributes[other].name
            if earlier.count == name.count && base[earlier.lowerBound] == base[name.lowerBound]
                && memcmp(base + earlier.lowerBound, base + name.lowerBound, name.count) == 0
            {
                throw error("an attribute given twice in one tag", at: name.lowerBound)
            }
        }
        if !plain {
            var scratch: [UInt8] = []
            try decode(value, into: &scratch, as: .attribute)
        }
        attributes[attributeCount] = (name, value)
        attributeCount += 1
    }

    /// Scans the end tag at `start`, which must close the innermost open element; false when the buffer ends
    /// inside it.
    func scanEndTag() throws(InputError) -> Bool {
        var index = start + 2
        var local = index
        guard let qualified = try scanName(&index, local: &local) else { return false }
        guard !qualified.isEmpty else { throw error("expected an element name after '</'", at: index) }
        _ = skipSpace(&index)
        guard index < end else { return false }
        guard buffer[index] == UInt8(ascii: ">") else { throw error("expected '>' to end the closing tag", at: index) }
        guard depth > 0 else { throw error("a closing tag with no element open") }
        let open = stackEnds[depth - 1]..<stackEnds[depth]
        guard
            qualified.count == open.count
                && memcmp(
                    stackBytes.baseAddress.unsafelyUnwrapped + open.lowerBound,
                    buffer.baseAddress.unsafelyUnwrapped + qualified.lowerBound, qualified.count) == 0
        else {
            let name = String(decoding: bytes(qualified), as: UTF8.self)
            throw error("</\(name)> where </\(openName)> belongs")
        }
        nameRange = local..<qualified.upperBound
        depth -= 1
        start = index + 1
        return true
    }

    /// Scans what starts with `<?` or `<!` at `start`; returns true for a CDATA section, which is text.
    func scanMarkup() throws(InputError) -> Bool {
        if buffer[start + 1] == UInt8(ascii: "?") {
            let close = try find("?>", from: start + 2, "a processing instruction with no end (?>)")
            var index = start + 2
            var local = index
            guard let target = try scanName(&index, local: &local), !target.isEmpty else {
                throw error("expected a name after '<?'", at: start + 2)
            }
            // The XML declaration may stand only at the very start; other targets may not be named xml.
            if target.count == 3 && bytes(target).map({ $0 | 0x20 }).elementsEqual("xml".utf8)
                && (!equal(target, "xml") || discarded + tokenStart != documentStart)
            {
                throw error("an XML declaration that is not at the start of the document")
            }
            _ = try checkCharacters(index..<close)
            start = close + 2
        } else if try lookingAt("<!--") {
            let close = try find("-->", from: start + 4, "a comment with no end (-->)")
            _ = try checkCharacters((start + 4)..<close)
            // XML keeps "--" out of comments, and a comment may not end in "-" ("--->").
            var dash = start + 4
            while let found = position(of: UInt8(ascii: "-"), from: dash, to: close) {
                if found + 1 == close || buffer[found + 1] == UInt8(ascii: "-") {
                    throw error("'--' inside a comment, which XML does not allow", at: found)
                }
                dash = found + 1
            }
            start = close + 3
        } else if try lookingAt("<![CDATA[") {
            guard depth > 0 else { throw error("a CDATA section outside the root element") }
            let close = try find("]]>", from: start + 9, "a CDATA section with no end (]]>)")
            textRange = (start + 9)..<close
            textDecoded = try checkCharacters(textRange)
            if textDecoded {
                decoded.removeAll(keepingCapacity: true)
                try decode(textRange, into: &decoded, as: .cdata)
            }
            start = close + 3
            return true
        } else if try lookingAt("<!DOCTYPE") {
            throw error("a document type declaration (DOCTYPE), which scoreimport does not read")
        } else {
            throw error("'<!' that starts no comment or CDATA section")
        }
        return false
    }
}

/// A growable byte buffer that writers append to; its owner drains it to a file as it fills.
public struct OutputBuffer: ~Copyable {
    public private(set) var storage: UnsafeMutablePointer<UInt8>
    public private(set) var count = 0
    private var capacity: Int

    public init(capacity: Int = 1 << 20) {
        self.capacity = max(capacity, 64)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    public mutating func removeAll() { count = 0 }

    @inline(__always)
    public mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var grown = capacity * 2
        while grown < count + extra { grown *= 2 }
        let next = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        next.update(from: storage, count: count)
        storage.deallocate()
        storage = next
        capacity = grown
    }

    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        guard let base = bytes.baseAddress else { return }
        Self.copy(base, to: storage + count, count: bytes.count)
        count += bytes.count
    }

    /// Lets `body` write up to `maximum` bytes in place at the end; it returns how many it wrote.
    @inline(__always)
    public mutating func append(upTo maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maximum)
        count += body(storage + count)
    }

    /// Where `count` more bytes go, with room for them and for 8 more that may be read (not written) past them:
    /// a writer copies a cell there, checks it a word at a time in place, and then ``commit(_:)``s it, or writes
    /// something else over it.
    @inline(__always)
    public mutating func tail(reserving count: Int) -> UnsafeMutablePointer<UInt8> {
        reserve(count + 8)
        return storage + self.count
    }

    /// Counts `count` bytes written at ``tail(reserving:)`` as appended.
    @inline(__always)
    public mutating func commit(_ count: Int) {
        self.count += count
    }

    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    public mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Copies `count` bytes. Most cells are short: up to 16 bytes take two overlapping loads and stores of the
    /// widest size that fits, with no loop and no call to memcpy.
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        switch count {
        case 8...16:
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: count &- 8, as: UInt64.self)
        case 4..<8:
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: count &- 4, as: UInt32.self)
        case 2..<4:
            let head = from.loadUnaligned(as: UInt16.self)
            let tail = from.loadUnaligned(fromByteOffset: count &- 2, as: UInt16.self)
            to.storeBytes(of: head, as: UInt16.self)
            to.storeBytes(of: tail, toByteOffset: count &- 2, as: UInt16.self)
        case 1:
            target[0] = source[0]
        case 0:
            break
        default:
            target.update(from: source, count: count)
        }
    }
}

/// The containers a ``JSONReader`` has open, innermost last (`true` for an object): a fixed block sized by the
/// nesting limit, so opening and closing one never checks whether an array is shared or needs to grow.
struct JSONContainerStack {
    private let slots: UnsafeMutablePointer<Bool>
    private(set) var count = 0

    /// Room for `capacity` open containers; ``deallocate()`` frees it.
    init(capacity: Int) {
        slots = .allocate(capacity: max(capacity, 1))
    }

    func deallocate() { slots.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// The innermost open container, or nil at the top level.
    var last: Bool? { count > 0 ? slots[count &- 1] : nil }

    subscript(index: Int) -> Bool { slots[index] }

    /// Opens a container; the reader checks the nesting limit (the capacity) first.
    mutating func append(_ object: Bool) {
        slots[count] = object
        count &+= 1
    }

    mutating func removeLast() { count &-= 1 }

    /// Closes every container above the first `depth`.
    mutating func remove(above depth: Int) { count = min(count, depth) }
}

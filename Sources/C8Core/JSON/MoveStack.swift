/// A stack that hands its top elements over to a new array by moving them.
///
/// The parser pushes every element of an open container here and moves them
/// into an exactly sized array when the container closes: no retain/release
/// pair per element, no growth of per-container arrays.
struct MoveStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        self.base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// The elements from `start` to the top, in order; the stack shrinks to `start`.
    mutating func popArray(from start: Int) -> [Element] {
        let n = count - start
        let result = [Element](unsafeUninitializedCapacity: n) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: base + start, count: n)
            initialized = n
        }
        count = start
        return result
    }

    /// Drops elements down to `newCount`.
    mutating func popCount(to newCount: Int) {
        (base + newCount).deinitialize(count: count - newCount)
        count = newCount
    }

    /// Read access to the element at `index` (below the top).
    subscript(index: Int) -> Element {
        base[index]
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

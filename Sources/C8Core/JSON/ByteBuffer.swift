#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable, uniquely owned byte buffer for writers on hot paths.
///
/// `[UInt8].append` checks uniqueness and capacity on every byte; writers
/// here reserve once per value and then store bytes directly.
public struct ByteBuffer: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    public private(set) var count = 0

    public init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        self.storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    @inline(__always)
    public mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to minimum: Int) {
        var newCapacity = capacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (storage + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    public mutating func append(literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    public mutating func append(repeating byte: UInt8, count n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (storage + count).initialize(repeating: byte, count: n)
        count += n
    }

    public mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        for b in bytes { append(b) }
    }

    /// Writes `value` at `offset` as 4 little-endian bytes, over bytes already
    /// written (used to patch a length once the contents are known).
    public mutating func patchUInt32(_ value: UInt32, at offset: Int) {
        precondition(offset + 4 <= count)
        storage[offset] = UInt8(truncatingIfNeeded: value)
        storage[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
        storage[offset + 2] = UInt8(truncatingIfNeeded: value >> 16)
        storage[offset + 3] = UInt8(truncatingIfNeeded: value >> 24)
    }

    /// Overwrites the byte at `offset`, written before.
    public mutating func patch(_ byte: UInt8, at offset: Int) {
        precondition(offset < count)
        storage[offset] = byte
    }

    /// Moves the bytes from `offset` on `gap` bytes further, leaving `gap`
    /// bytes to overwrite at `offset` (a header that turned out longer than
    /// the space kept for it).
    public mutating func openGap(_ gap: Int, at offset: Int) {
        precondition(offset <= count && gap >= 0)
        reserve(gap)
        memmove(storage + offset + gap, storage + offset, count - offset)  // the ranges overlap
        count += gap
    }

    /// Drops the bytes from `newCount` on (what a failed writer appended).
    public mutating func removeLast(to newCount: Int) {
        precondition(newCount <= count)
        count = max(0, newCount)
    }

    public func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage, count: count))
    }

    /// Empties the buffer, keeping its capacity for reuse.
    public mutating func removeAll() {
        count = 0
    }

    /// Hands the buffer's memory over without copying it: the contents are
    /// the first `count` bytes; the caller frees it with `deallocate()`.
    public consuming func takeAllocation() -> (base: UnsafeMutablePointer<UInt8>, count: Int) {
        let result = (storage, count)
        discard self
        return result
    }

    /// The contents as an array; the buffer is empty afterwards.
    public mutating func takeBytes() -> [UInt8] {
        let result = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            out.baseAddress!.update(from: storage, count: count)
            initialized = count
        }
        count = 0
        return result
    }
}

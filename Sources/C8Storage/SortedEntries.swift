import C8Core

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Key/value pairs in strictly increasing bytewise key order: what
/// ``StorageEngine/ingest(_:)`` loads.
///
/// The order is checked as entries are appended, so a value of this type
/// is always sorted and never repeats a key. Entries either are copied in
/// (``append(key:value:)``, for a few) or point into an ``EntryStore`` the
/// caller filled (``append(key:value:in:)``): a bulk load builds its
/// million keys and values in a few stores and hands them over without
/// copying a byte.
public struct SortedEntries: Sendable {
    private var stores: [EntryStore] = []
    /// Where each store the entries point into is in `stores`.
    private var storeIndexes: [ObjectIdentifier: Int] = [:]
    private var entries: [Entry] = []
    /// Where copied entries go (an index into `stores`), owned by this value
    /// alone: a copy of the value that appends starts a store of its own,
    /// which it knows from the token being shared.
    private var tail = 0
    private var tailToken: TailToken?

    private final class TailToken: Sendable {}

    private struct Entry: Sendable {
        var keyStart: Int
        var valueStart: Int
        var keyCount: UInt32
        var valueCount: UInt32
        var store: Int32
    }

    public init() {}

    /// An empty run with room for `entries` entries.
    public init(reservingCapacity count: Int) {
        entries.reserveCapacity(count)
    }

    /// Sorts `pairs` by key.
    /// - Throws: `C8Error` (internal error) when a key occurs twice.
    public init(sorting pairs: [(key: [UInt8], value: [UInt8])]) throws(C8Error) {
        let sorted = pairs.sorted { Bytes.compare($0.key, $1.key) < 0 }
        self.init(reservingCapacity: sorted.count)
        for pair in sorted { try append(key: pair.key, value: pair.value) }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    /// Bytes of all keys and values.
    public var byteCount: Int { entries.reduce(0) { $0 + Int($1.keyCount) + Int($1.valueCount) } }

    /// Appends a copy of an entry whose key sorts after every key appended
    /// so far.
    /// - Throws: `C8Error` (internal error) when it does not: the caller's
    ///   sort or duplicate check is wrong, and nothing is appended.
    public mutating func append(key: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) throws(C8Error) {
        try checkOrder(of: key)
        // The tail store never grows in place (bytes that entries of a copy
        // of this value point to never move): a full tail is replaced.
        if !isKnownUniquelyReferenced(&tailToken) || !stores[tail].hasRoom(for: key.count + value.count) {
            let store = EntryStore(capacity: max(4096, key.count + value.count))
            stores.append(store)
            tail = stores.count - 1
            storeIndexes[ObjectIdentifier(store)] = tail
            tailToken = TailToken()
        }
        let store = stores[tail]
        let keyStart = store.appendUnchecked(key)
        let valueStart = store.appendUnchecked(value)
        entries.append(Entry(keyStart: keyStart, valueStart: valueStart, keyCount: UInt32(key.count),
                             valueCount: UInt32(value.count), store: Int32(tail)))
    }

    public mutating func append(key: [UInt8], value: [UInt8]) throws(C8Error) {
        try key.withUnsafeBufferPointer { k throws(C8Error) in
            try value.withUnsafeBufferPointer { v throws(C8Error) in try append(key: k, value: v) }
        }
    }

    /// Appends an entry whose key and value are the bytes `key` and `value`
    /// of `store`, without copying them; the key must sort after every key
    /// appended so far. The store is frozen: it can no longer be appended
    /// to, so the bytes stay as they are for as long as the entries live.
    /// - Throws: `C8Error` (internal error) when the key is out of order.
    public mutating func append(key: Range<Int>, value: Range<Int>, in store: EntryStore) throws(C8Error) {
        precondition(key.upperBound <= store.count && value.upperBound <= store.count, "range outside the store")
        try checkOrder(of: store.bytes(key))
        let index = adopt(store)
        entries.append(Entry(keyStart: key.lowerBound, valueStart: value.lowerBound, keyCount: UInt32(key.count),
                             valueCount: UInt32(value.count), store: Int32(index)))
    }

    /// Appends like ``append(key:value:in:)`` without checking the order,
    /// for callers whose keys are sorted and unique by construction (a
    /// merge that compared them already): reading every key back to
    /// compare it can cost more than the rest of the append. Storage checks
    /// the order again as it ingests, so a broken promise fails the
    /// ingestion rather than corrupting the store.
    public mutating func append(uncheckedKey key: Range<Int>, value: Range<Int>, in store: EntryStore) {
        precondition(key.upperBound <= store.count && value.upperBound <= store.count, "range outside the store")
        let index = adopt(store)
        entries.append(Entry(keyStart: key.lowerBound, valueStart: value.lowerBound, keyCount: UInt32(key.count),
                             valueCount: UInt32(value.count), store: Int32(index)))
        isVerified = false
    }

    /// `store`'s index in `stores`, added (and frozen) the first time.
    private mutating func adopt(_ store: EntryStore) -> Int {
        let id = ObjectIdentifier(store)
        if let index = storeIndexes[id] { return index }
        store.freeze()
        stores.append(store)
        storeIndexes[id] = stores.count - 1
        return stores.count - 1
    }

    /// Whether every key is known to sort after the one before (appends
    /// checked them); ``verifyOrder()`` checks when it is not.
    public private(set) var isVerified = true

    /// Throws unless the keys are strictly increasing.
    public func verifyOrder() throws(C8Error) {
        guard !isVerified else { return }
        try verifyOrder(of: 0..<entries.count)
    }

    /// Throws unless the keys of the entries `range`, and the key just
    /// before it, are strictly increasing.
    public func verifyOrder(of range: Range<Int>) throws(C8Error) {
        guard !isVerified else { return }
        var previous = max(0, range.lowerBound - 1)
        for index in max(1, range.lowerBound)..<max(1, range.upperBound) {
            let order = withKey(at: previous) { a in withKey(at: index) { b in Bytes.compare(a, b) } }
            guard order < 0 else {
                throw C8Error(.internalError, "entries to ingest must have strictly increasing keys; "
                                  + (order == 0 ? "a key repeats" : "a key is out of order"))
            }
            previous = index
        }
    }

    private func withKey<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let entry = entries[index]
        return body(stores[Int(entry.store)].bytes(entry.keyStart..<entry.keyStart + Int(entry.keyCount)))
    }

    private func checkOrder(of key: UnsafeBufferPointer<UInt8>) throws(C8Error) {
        guard let last = entries.last else { return }
        let order = Bytes.compare(stores[Int(last.store)].bytes(last.keyStart..<last.keyStart + Int(last.keyCount)), key)
        guard order < 0 else {
            throw C8Error(.internalError, "entries to ingest must have strictly increasing keys; "
                              + (order == 0 ? "a key repeats" : "a key is out of order"))
        }
    }

    /// The entry at `index` (0-based), copied.
    public subscript(index: Int) -> (key: [UInt8], value: [UInt8]) {
        withEntry(at: index) { (Array($0), Array($1)) }
    }

    /// Calls `body` with the key and value of entry `index`. The buffers
    /// are valid only during the call.
    public func withEntry<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> R) -> R {
        let entry = entries[index]
        let store = stores[Int(entry.store)]
        return body(store.bytes(entry.keyStart..<entry.keyStart + Int(entry.keyCount)),
                    store.bytes(entry.valueStart..<entry.valueStart + Int(entry.valueCount)))
    }

    /// Calls `body` with each key and value in order. The buffers are valid
    /// only during the call.
    public func forEach<E: Error>(
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) throws(E) -> Void
    ) throws(E) {
        for entry in entries {
            let store = stores[Int(entry.store)]
            try body(store.bytes(entry.keyStart..<entry.keyStart + Int(entry.keyCount)),
                     store.bytes(entry.valueStart..<entry.valueStart + Int(entry.valueCount)))
        }
    }
}

/// A growable byte buffer that ``SortedEntries`` can point into: fill it
/// (from one thread), then hand ranges of it to
/// ``SortedEntries/append(key:value:in:)``, which freezes it.
///
/// It grows with `realloc`, which moves large buffers by remapping pages
/// rather than copying them.
public final class EntryStore: @unchecked Sendable {
    // @unchecked: appended to by one thread while it is being filled;
    // frozen (read-only) before anything is shared. Exclusivity is not
    // checked at run time: the properties are touched per entry of a
    // million-entry load, and no access ever overlaps another.
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) public private(set) var count = 0
    @exclusivity(unchecked) public private(set) var isFrozen = false

    public init(capacity: Int = 4096) {
        self.capacity = max(64, capacity)
        base = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(base) }

    /// Appends `bytes`; returns where they start.
    @discardableResult
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        precondition(!isFrozen, "an EntryStore that entries point into cannot grow")
        return appendUnchecked(bytes)
    }

    @discardableResult
    public func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        append(bytes.assumingMemoryBound(to: UInt8.self))
    }

    /// The bytes in `range`, valid while the store lives and does not grow.
    public func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// Compares the bytes at `a` with those at `b` (bytewise, shorter first
    /// on a tie) — without building buffers, for sorts over a store.
    @inline(__always)
    public static func compare(_ storeA: EntryStore, _ a: Int, _ countA: Int,
                               _ storeB: EntryStore, _ b: Int, _ countB: Int) -> Int {
        let c = memcmp(storeA.base + a, storeB.base + b, min(countA, countB))
        if c != 0 { return c < 0 ? -1 : 1 }
        return countA == countB ? 0 : (countA < countB ? -1 : 1)
    }

    fileprivate func freeze() { isFrozen = true }

    fileprivate func hasRoom(for byteCount: Int) -> Bool { count + byteCount <= capacity }

    /// Appends without the frozen check: ``SortedEntries`` appends to its
    /// own tail store while its entries point into it (only when there is
    /// room, so that the bytes do not move).
    fileprivate func appendUnchecked(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let start = count
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return start }
        if count + bytes.count > capacity {
            var grown = capacity * 2
            while grown < count + bytes.count { grown *= 2 }
            base = realloc(base, grown)!.assumingMemoryBound(to: UInt8.self)
            capacity = grown
        }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
        return start
    }
}

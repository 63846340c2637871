import C8Core

/// An ordered key/value store: the one thing the engine asks of storage.
///
/// Keys and values are bytes; keys sort bytewise. Every change goes through
/// a ``WriteBatch`` so a document and its index entries land together or not
/// at all. Two implementations share one test suite: ``RocksDBEngine``
/// (durable, the default) and ``MemoryEngine`` (tests, ephemeral demos).
public protocol StorageEngine: AnyObject, Sendable {
    /// The value stored under `key`, if any.
    func get(_ key: [UInt8]) throws(C8Error) -> [UInt8]?

    /// Reads `keys` together and hands `body` each value found, with its
    /// key's position in `keys`: what `get` answers for each, but the bytes
    /// are lent in place, valid only during the call — a reader that keeps
    /// a transformed copy (the presented document) makes one copy, not two.
    func getMany(
        _ keys: [[UInt8]], _ body: (_ position: Int, _ value: UnsafeBufferPointer<UInt8>) throws(C8Error) -> Void
    ) throws(C8Error)

    /// Applies every operation of `batch` atomically. With `sync`, the
    /// write-ahead log is on disk before this returns (`waitForSync`).
    func write(_ batch: WriteBatch, sync: Bool) throws(C8Error)

    /// An iterator over the keys in `range`, in key order (or reverse). It
    /// reads a consistent snapshot taken when it is made.
    func makeIterator(_ range: KeyRange, reverse: Bool) -> any StorageIterator

    /// Loads many entries at once, atomically: afterwards every entry is
    /// stored, or (on a throw) none is. For bulk loads — RocksDB writes them
    /// as one sorted table file and links it into the tree, bypassing the
    /// write-ahead log and the memtable — and durable once it returns.
    ///
    /// Ingestion *overwrites*: an entry replaces whatever its key held,
    /// and keys between the entries are left alone. Callers that need
    /// insert semantics (no overwriting) must make sure the key ranges they
    /// load are empty, as C8Engine's `DocumentCollection.bulkInsert` does by loading
    /// only into an empty collection under its writer lock. Reads that run
    /// meanwhile see all of the entries or none of them.
    func ingest(_ entries: SortedEntries) throws(C8Error)

    /// Forces everything written so far to stable storage.
    func sync() throws(C8Error)

    /// Rewrites the whole store into as few sorted runs as it can (the
    /// bulk-load step, like SQLite's `ANALYZE` or PostgreSQL's `VACUUM`):
    /// after a bulk import and index builds the data is spread over several
    /// levels, and every iterator seek has to position each of them.
    /// Contents are unchanged. Refused like a write when writes are refused.
    /// Stores without levels (``MemoryEngine``) have nothing to do.
    func compact() throws(C8Error)

    /// Whether the store was opened read-only (its directory could not be
    /// written): every write is refused, reads are served.
    var isReadOnly: Bool { get }

    /// Approximate bytes stored under `range` (for figures).
    func approximateSize(_ range: KeyRange) -> Int

    /// Releases the store; later calls fail.
    func close()
}

extension StorageEngine {
    public var isReadOnly: Bool { false }

    /// Stores without levels or runs are always as compact as they get.
    public func compact() throws(C8Error) {}

    /// Stores without a batched read answer key by key.
    public func getMany(
        _ keys: [[UInt8]], _ body: (_ position: Int, _ value: UnsafeBufferPointer<UInt8>) throws(C8Error) -> Void
    ) throws(C8Error) {
        for (position, key) in keys.enumerated() {
            guard let value = try get(key) else { continue }
            try value.withUnsafeBufferPointer { (bytes) throws(C8Error) in try body(position, bytes) }
        }
    }

    /// The values stored under `keys`, in their order (nil where none):
    /// ``getMany(_:_:)`` with each value copied out.
    public func getMany(_ keys: [[UInt8]]) throws(C8Error) -> [[UInt8]?] {
        var values = [[UInt8]?](repeating: nil, count: keys.count)
        try getMany(keys) { (position, bytes) throws(C8Error) in values[position] = Array(bytes) }
        return values
    }

    public func put(_ key: [UInt8], _ value: [UInt8], sync: Bool = false) throws(C8Error) {
        var batch = WriteBatch()
        batch.put(key, value)
        try write(batch, sync: sync)
    }

    public func delete(_ key: [UInt8], sync: Bool = false) throws(C8Error) {
        var batch = WriteBatch()
        batch.delete(key)
        try write(batch, sync: sync)
    }

    /// Calls `body` with each key and value in `range` until it returns false.
    /// The buffers are valid only during the call.
    public func scan(
        _ range: KeyRange, reverse: Bool = false,
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) throws -> Bool
    ) rethrows {
        let iterator = makeIterator(range, reverse: reverse)
        while iterator.next() {
            if try !body(iterator.key, iterator.value) { break }
        }
    }

    /// Counts the keys in `range`.
    public func count(_ range: KeyRange) -> Int {
        let iterator = makeIterator(range, reverse: false)
        var n = 0
        while iterator.next() { n += 1 }
        return n
    }
}

/// A pull-based cursor over a key range.
///
/// `key` and `value` are valid until the next call to `next()`; copy them
/// to keep them.
public protocol StorageIterator: AnyObject {
    /// Moves to the next entry; false at the end of the range.
    func next() -> Bool
    var key: UnsafeBufferPointer<UInt8> { get }
    var value: UnsafeBufferPointer<UInt8> { get }
    /// Repositions so that the next `next()` lands on the first key ≥ `key`
    /// (≤ `key` when iterating in reverse).
    func seek(_ key: [UInt8])
}

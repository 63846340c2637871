import C8Core
import Synchronization

/// The in-memory ``StorageEngine``: for tests and ephemeral demos. Nothing
/// survives the process.
///
/// Entries live in sorted chunks (``SortedChunks``), a value type, so an
/// iterator takes a snapshot by copying it: copy-on-write makes that O(number
/// of chunks), and later writes never disturb a running scan.
public final class MemoryEngine: StorageEngine {
    private let state = Mutex<State>(State())

    private struct State {
        var chunks = SortedChunks()
        var closed = false
    }

    public init() {}

    public func get(_ key: [UInt8]) throws(C8Error) -> [UInt8]? {
        try state.withLock { state throws(C8Error) in
            if state.closed { throw C8Error(.internalError, "storage is closed") }
            return state.chunks.get(key)
        }
    }

    public func write(_ batch: WriteBatch, sync: Bool) throws(C8Error) {
        try state.withLock { state throws(C8Error) in
            if state.closed { throw C8Error(.internalError, "storage is closed") }
            for operation in batch.operations {
                switch operation {
                case .put(let key, let value): state.chunks.put(key, value)
                case .delete(let key): state.chunks.delete(key)
                case .deleteRange(let start, let end): state.chunks.deleteRange(KeyRange(start, end))
                }
            }
        }
    }

    /// Puts every entry under the lock: iterators made before see none of
    /// them, those made after see all.
    public func ingest(_ entries: SortedEntries) throws(C8Error) {
        try entries.verifyOrder()
        try state.withLock { state throws(C8Error) in
            if state.closed { throw C8Error(.internalError, "storage is closed") }
            entries.forEach { key, value in state.chunks.put(Array(key), Array(value)) }
        }
    }

    public func makeIterator(_ range: KeyRange, reverse: Bool) -> any StorageIterator {
        MemoryIterator(snapshot: state.withLock { $0.chunks }, range: range, reverse: reverse)
    }

    public func sync() throws(C8Error) {}

    public func approximateSize(_ range: KeyRange) -> Int {
        var size = 0
        scan(range) { key, value in
            size += key.count + value.count
            return true
        }
        return size
    }

    public func close() {
        state.withLock { $0.closed = true }
    }
}

/// Iterates a snapshot of the chunks within a range.
final class MemoryIterator: StorageIterator {
    private let snapshot: SortedChunks
    private let range: KeyRange
    private let reverse: Bool
    private var position: SortedChunks.Position?
    private var started = false
    private var pendingSeek: [UInt8]?
    private var current: SortedChunks.Entry?

    init(snapshot: SortedChunks, range: KeyRange, reverse: Bool) {
        self.snapshot = snapshot
        self.range = range
        self.reverse = reverse
    }

    var key: UnsafeBufferPointer<UInt8> {
        current!.key.withUnsafeBufferPointer { $0 }
    }

    var value: UnsafeBufferPointer<UInt8> {
        current!.value.withUnsafeBufferPointer { $0 }
    }

    func seek(_ key: [UInt8]) {
        pendingSeek = key
        started = false
    }

    func next() -> Bool {
        if !started {
            started = true
            let target = pendingSeek ?? (reverse ? range.upperBound : range.lowerBound)
            pendingSeek = nil
            if reverse {
                // Last key < upper bound, or ≤ an explicit seek target.
                position = snapshot.lastPosition(before: target, inclusive: target != range.upperBound)
            } else {
                position = snapshot.firstPosition(atOrAfter: target)
            }
        } else if let p = position {
            position = reverse ? snapshot.position(before: p) : snapshot.position(after: p)
        }
        guard let p = position else { current = nil; return false }
        let entry = snapshot.entry(at: p)
        let inRange = entry.key.withUnsafeBufferPointer { range.contains($0) }
        guard inRange else {
            position = nil
            current = nil
            return false
        }
        current = entry
        return true
    }
}

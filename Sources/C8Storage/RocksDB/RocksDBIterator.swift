import CRocksDB
import Synchronization

/// A RocksDB iterator confined to a key range. RocksDB pins a consistent
/// view for the iterator's lifetime.
///
/// Each step runs inside the store's ``OperationGate``; once the store
/// closes, `next()` answers false and the RocksDB iterator has been
/// destroyed by the close (``RocksDBIteratorHandles``): RocksDB must not
/// be closed with iterators alive, and a query cursor may hold one past a
/// server's stop.
final class RocksDBIterator: StorageIterator {
    private let handles: RocksDBIteratorHandles
    private let gate: OperationGate
    private let registry: RocksDBIteratorRegistry
    private var iterator: OpaquePointer { handles.iterator }
    private let reverse: Bool
    private var pendingSeek: [UInt8]?
    private var started = false
    private(set) var key = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private(set) var value = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    init(db: OpaquePointer, gate: OperationGate, registry: RocksDBIteratorRegistry,
         range: KeyRange, reverse: Bool) {
        self.reverse = reverse
        self.gate = gate
        self.registry = registry
        handles = RocksDBIteratorHandles(db: db, range: range)
        registry.add(handles)
    }

    deinit {
        // After the store's close the handles are gone with it.
        guard gate.enter() else { return }
        defer { gate.leave() }
        registry.destroy(handles)
    }

    func seek(_ target: [UInt8]) {
        pendingSeek = target
        started = false
    }

    func next() -> Bool {
        guard gate.enter() else { return finished() }
        defer { gate.leave() }
        if !started {
            started = true
            if let target = pendingSeek {
                pendingSeek = nil
                target.withUnsafeBufferPointer { t in
                    t.withMemoryRebound(to: CChar.self) { c in
                        if reverse {
                            rocksdb_iter_seek_for_prev(iterator, c.baseAddress, c.count)
                        } else {
                            rocksdb_iter_seek(iterator, c.baseAddress, c.count)
                        }
                    }
                }
            } else if reverse {
                rocksdb_iter_seek_to_last(iterator)
            } else {
                handles.lower.withMemoryRebound(to: CChar.self) { rocksdb_iter_seek(iterator, $0.baseAddress, handles.lowerCount) }
            }
        } else if reverse {
            rocksdb_iter_prev(iterator)
        } else {
            rocksdb_iter_next(iterator)
        }
        guard rocksdb_iter_valid(iterator) != 0 else { return finished() }
        var keyLength = 0
        var valueLength = 0
        let k = rocksdb_iter_key(iterator, &keyLength)
        let v = rocksdb_iter_value(iterator, &valueLength)
        key = UnsafeBufferPointer(start: UnsafeRawPointer(k)?.assumingMemoryBound(to: UInt8.self), count: keyLength)
        value = UnsafeBufferPointer(start: UnsafeRawPointer(v)?.assumingMemoryBound(to: UInt8.self), count: valueLength)
        return true
    }

    private func finished() -> Bool {
        key = UnsafeBufferPointer(start: nil, count: 0)
        value = key
        return false
    }
}

/// The RocksDB objects behind one iterator, freed exactly once: by the
/// iterator when it goes, or by the store's close when the iterator
/// outlives the store.
final class RocksDBIteratorHandles: @unchecked Sendable {
    // @unchecked: freed under the registry's lock, used only by the
    // iterator's owner inside the operation gate.
    let iterator: OpaquePointer
    private let readOptions: OpaquePointer
    // The bounds must outlive the iterator: RocksDB keeps pointers to them.
    let lower: UnsafeMutableBufferPointer<UInt8>
    private let upper: UnsafeMutableBufferPointer<UInt8>
    let lowerCount: Int

    init(db: OpaquePointer, range: KeyRange) {
        let lower = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(range.lowerBound.count, 1))
        _ = lower.initialize(from: range.lowerBound)
        let upper = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(range.upperBound.count, 1))
        _ = upper.initialize(from: range.upperBound)
        let readOptions = rocksdb_readoptions_create()!
        lower.withMemoryRebound(to: CChar.self) {
            rocksdb_readoptions_set_iterate_lower_bound(readOptions, $0.baseAddress, range.lowerBound.count)
        }
        upper.withMemoryRebound(to: CChar.self) {
            rocksdb_readoptions_set_iterate_upper_bound(readOptions, $0.baseAddress, range.upperBound.count)
        }
        iterator = rocksdb_create_iterator(db, readOptions)
        self.lower = lower
        self.upper = upper
        self.readOptions = readOptions
        lowerCount = range.lowerBound.count
    }

    fileprivate func free() {
        rocksdb_iter_destroy(iterator)
        rocksdb_readoptions_destroy(readOptions)
        lower.deallocate()
        upper.deallocate()
    }
}

/// The store's live iterators, so that its close can free the ones still
/// held before it closes RocksDB.
final class RocksDBIteratorRegistry: Sendable {
    private let live = Mutex<[ObjectIdentifier: RocksDBIteratorHandles]>([:])

    func add(_ handles: RocksDBIteratorHandles) {
        live.withLock { $0[ObjectIdentifier(handles)] = handles }
    }

    func destroy(_ handles: RocksDBIteratorHandles) {
        guard let removed = live.withLock({ $0.removeValue(forKey: ObjectIdentifier(handles)) }) else { return }
        removed.free()
    }

    /// Frees every iterator still alive (the store is closing).
    func destroyAll() {
        let all = live.withLock { live in
            defer { live = [:] }
            return live
        }
        for handles in all.values { handles.free() }
    }
}

/// What a closed store hands out for an iterator: nothing.
final class ClosedStoreIterator: StorageIterator {
    let key = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var value: UnsafeBufferPointer<UInt8> { key }
    func next() -> Bool { false }
    func seek(_ key: [UInt8]) {}
}

import CRocksDB

/// A RocksDB iterator confined to a key range. RocksDB pins a consistent
/// view for the iterator's lifetime.
final class RocksDBIterator: StorageIterator {
    private let iterator: OpaquePointer
    private let readOptions: OpaquePointer
    // The bounds must outlive the iterator: RocksDB keeps pointers to them.
    private let lower: UnsafeMutableBufferPointer<UInt8>
    private let upper: UnsafeMutableBufferPointer<UInt8>
    private let reverse: Bool
    private var pendingSeek: [UInt8]?
    private var started = false
    private(set) var key = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private(set) var value = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    /// - Parameter fillCache: whether the blocks read go into the block
    ///   cache (off for full scans).
    init(db: OpaquePointer, range: KeyRange, reverse: Bool, fillCache: Bool = true) {
        self.reverse = reverse
        let lower = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(range.lowerBound.count, 1))
        _ = lower.initialize(from: range.lowerBound)
        let upper = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(range.upperBound.count, 1))
        _ = upper.initialize(from: range.upperBound)
        let readOptions = rocksdb_readoptions_create()!
        if !fillCache { rocksdb_readoptions_set_fill_cache(readOptions, 0) }
        lower.withMemoryRebound(to: CChar.self) {
            rocksdb_readoptions_set_iterate_lower_bound(readOptions, $0.baseAddress, range.lowerBound.count)
        }
        upper.withMemoryRebound(to: CChar.self) {
            rocksdb_readoptions_set_iterate_upper_bound(readOptions, $0.baseAddress, range.upperBound.count)
        }
        self.lower = lower
        self.upper = upper
        self.readOptions = readOptions
        iterator = rocksdb_create_iterator(db, readOptions)
        lowerCount = range.lowerBound.count
    }

    private let lowerCount: Int

    deinit {
        rocksdb_iter_destroy(iterator)
        rocksdb_readoptions_destroy(readOptions)
        lower.deallocate()
        upper.deallocate()
    }

    func seek(_ target: [UInt8]) {
        pendingSeek = target
        started = false
    }

    func next() -> Bool {
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
                lower.withMemoryRebound(to: CChar.self) { rocksdb_iter_seek(iterator, $0.baseAddress, lowerCount) }
            }
        } else if reverse {
            rocksdb_iter_prev(iterator)
        } else {
            rocksdb_iter_next(iterator)
        }
        guard rocksdb_iter_valid(iterator) != 0 else {
            key = UnsafeBufferPointer(start: nil, count: 0)
            value = key
            return false
        }
        var keyLength = 0
        var valueLength = 0
        let k = rocksdb_iter_key(iterator, &keyLength)
        let v = rocksdb_iter_value(iterator, &valueLength)
        key = UnsafeBufferPointer(start: UnsafeRawPointer(k)?.assumingMemoryBound(to: UInt8.self), count: keyLength)
        value = UnsafeBufferPointer(start: UnsafeRawPointer(v)?.assumingMemoryBound(to: UInt8.self), count: valueLength)
        return true
    }
}

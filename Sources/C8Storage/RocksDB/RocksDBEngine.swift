import C8Core
import CRocksDB
import Foundation
import Synchronization

/// The durable ``StorageEngine``: RocksDB with its write-ahead log always on.
///
/// Writes are acknowledged once they are in the WAL's OS buffers (a process
/// crash loses nothing); `sync: true` (`waitForSync`) also fsyncs the WAL.
/// The data dir is locked for one process at a time (``DataDirLock``).
///
/// A data dir that exists but cannot be written (a read-only mount, no
/// write permission) is opened read-only: everything in it — the tables
/// and the write-ahead log's tail — is served, and every write is refused
/// from the start with errorNum 1004 (HTTP 503), as after a write the disk
/// refused. Operators can then still read and export what a failing disk holds.
public final class RocksDBEngine: StorageEngine, @unchecked Sendable {
    // @unchecked: the RocksDB handles are thread-safe per RocksDB's contract.
    private let db: OpaquePointer
    private let defaultFamily: OpaquePointer
    private let options: OpaquePointer
    private let tableOptions: OpaquePointer
    private let readOptions: OpaquePointer
    private let asyncWrite: OpaquePointer
    private let syncWrite: OpaquePointer
    private let lock: DataDirLock
    /// Every call into RocksDB runs inside it, so that ``close()`` waits
    /// for calls in flight and later ones are refused.
    private let gate = OperationGate()
    private let iterators = RocksDBIteratorRegistry()
    private let ingestCount = Atomic<Int>(0)
    /// The error of the first write RocksDB refused (a full disk, a
    /// read-only file system, an I/O error). RocksDB's write-ahead-log
    /// writer must not be appended to, flushed or synced again after a
    /// failed append — Debian's librocksdb asserts and the whole server
    /// died on the next write (Docs/RELIABILITY.md, disk faults) — so from
    /// then on every write, sync and ingest is refused with it, reads go
    /// on, and a restart (with the cause fixed) clears it.
    private let writeFailure = Mutex<C8Error?>(nil)
    public let directory: String
    /// Whether the data dir was found unwritable and opened read-only.
    public let isReadOnly: Bool

    /// Where ``ingest(_:)`` writes its table files before RocksDB links them
    /// into the store (inside the data dir: a hard link needs the same file
    /// system). Anything left there by a crash is removed on open.
    var ingestDirectory: String { directory + "/ingest" }

    /// Opens (creating if needed) the store in `directory`.
    /// - Throws: `C8Error` when the directory is used by another process
    ///   ("data dir … is in use by pid N") or RocksDB cannot open it.
    public init(directory: String) throws(C8Error) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw C8Error(.internalError, "cannot create data dir \(directory): \(error.localizedDescription)")
        }
        isReadOnly = !Self.isWritable(directory)
        lock = try DataDirLock(directory: directory, shared: isReadOnly)
        if isReadOnly {
            writeFailure.withLock {
                $0 = C8Error(.readOnly, "read only: the data directory \(directory) is not writable — writes are refused; "
                             + "reads are served. Make it writable and restart to write again", httpStatus: 503)
            }
        }

        if !isReadOnly { Self.removeEmptyWriteAheadLogs(in: directory) }
        options = rocksdb_options_create()
        rocksdb_options_set_create_if_missing(options, 1)
        rocksdb_options_increase_parallelism(options, Int32(max(2, ProcessInfo.processInfo.activeProcessorCount)))
        // Tables stay uncompressed and are read through mmap: a point read
        // behind an index then parses its block straight from the page
        // cache — no pread copy, no LZ4 — like SQLite reading its pages.
        // Equality on an index 1606 → 1049 µs, full scan 940 → 817 ms, for
        // twice the disk (Docs/DECISIONS.md "Storage: uncompressed, mmap").
        rocksdb_options_set_compression(options, Int32(rocksdb_no_compression))
        rocksdb_options_set_allow_mmap_reads(options, 1)
        rocksdb_options_set_write_buffer_size(options, 64 << 20)
        rocksdb_options_set_max_open_files(options, 512)
        rocksdb_options_set_keep_log_file_num(options, 3)
        // RocksDB's info LOG keeps fatal messages only. Debian's librocksdb
        // is built with assertions, and once an append to LOG has failed
        // (a full disk) the next log line aborts the process — the
        // full-disk recovery thread logs one within seconds, so a full
        // disk killed `c8 serve` (Docs/RELIABILITY.md, disk faults).
        rocksdb_options_set_info_log_level(options, 4)
        tableOptions = rocksdb_block_based_options_create()
        // No block cache: RocksDB caches only blocks it owns, and a block of
        // an uncompressed table read through mmap is the page cache's — the
        // cache held nothing (88 bytes after any query workload) and cost
        // every block read a lookup that missed (Docs/DECISIONS.md).
        rocksdb_block_based_options_set_no_block_cache(tableOptions, 1)
        rocksdb_block_based_options_set_filter_policy(tableOptions, rocksdb_filterpolicy_create_bloom(10))
        // Index and filter blocks stay with their table readers, outside the
        // block cache: a bulk-loaded table of 1 M documents has a ~2 MB index
        // and filter, and when data blocks evicted them every random read
        // re-read and re-parsed them (100 µs a lookup instead of 10).
        rocksdb_block_based_options_set_cache_index_and_filter_blocks(tableOptions, 0)
        rocksdb_options_set_block_based_table_factory(options, tableOptions)

        var error: UnsafeMutablePointer<CChar>?
        // Opened through the column-family call only to get the handle of
        // the default family, which batched MultiGet (``getMany(_:)``) needs;
        // c8 keeps everything in that one family.
        var familyNames: [UnsafePointer<CChar>?] = [UnsafePointer(strdup("default"))]
        defer { for name in familyNames { free(UnsafeMutablePointer(mutating: name)) } }
        var familyOptions: [OpaquePointer?] = [options]
        var families: [OpaquePointer?] = [nil]
        let opened = isReadOnly
            ? rocksdb_open_for_read_only_column_families(options, directory, 1, &familyNames, &familyOptions, &families, 0, &error)
            : rocksdb_open_column_families(options, directory, 1, &familyNames, &familyOptions, &families, &error)
        guard let handle = opened, let family = families[0] else {
            let message = RocksDBEngine.take(error) ?? "unknown error"
            rocksdb_options_destroy(options)
            rocksdb_block_based_options_destroy(tableOptions)
            lock.release()
            throw C8Error(.internalError, "cannot open data dir \(directory): \(message)")
        }
        db = handle
        defaultFamily = family
        readOptions = rocksdb_readoptions_create()
        asyncWrite = rocksdb_writeoptions_create()
        syncWrite = rocksdb_writeoptions_create()
        rocksdb_writeoptions_set_sync(syncWrite, 1)
        if !isReadOnly { try? FileManager.default.removeItem(atPath: ingestDirectory) }
    }

    /// Deletes the write-ahead log files that hold nothing. Each open
    /// starts a new log, and RocksDB only lets an old one go when a flush
    /// moves the store past it — which a session that wrote nothing never
    /// does — so every `c8 query` on a data dir left one more empty
    /// `NNNNNN.log` behind, without end. An empty file holds no record to
    /// recover (preallocation keeps the size at 0 until something is
    /// written), and the data dir's lock is held, so no other process is
    /// writing one.
    private static func removeEmptyWriteAheadLogs(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasSuffix(".log") && name.dropLast(4).allSatisfy(\.isNumber) && name.count > 4 {
            let path = directory + "/" + name
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue == 0 {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }

    /// False only when the directory says it cannot be written: a
    /// read-only file system or no write permission.
    private static func isWritable(_ directory: String) -> Bool {
        access(directory, W_OK) == 0 || (errno != EROFS && errno != EACCES)
    }

    deinit { close() }

    public func get(_ key: [UInt8]) throws(C8Error) -> [UInt8]? {
        var value: [UInt8]?
        try withValue(key) { (bytes) throws(C8Error) in value = Array(bytes) }
        return value
    }

    /// Lends `body` the value under `key` in place (RocksDB's pinned block),
    /// when there is one.
    private func withValue(_ key: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws(C8Error) -> Void) throws(C8Error) {
        try enter()
        defer { gate.leave() }
        var error: UnsafeMutablePointer<CChar>?
        let slice = key.withUnsafeBufferPointer { k in
            k.withMemoryRebound(to: CChar.self) { rocksdb_get_pinned(db, readOptions, $0.baseAddress, $0.count, &error) }
        }
        if let message = RocksDBEngine.take(error) { throw C8Error(.internalError, "storage read failed: \(message)") }
        guard let slice else { return }
        defer { rocksdb_pinnableslice_destroy(slice) }
        try body(Self.bytes(of: slice))
    }

    private static func bytes(of slice: OpaquePointer) -> UnsafeBufferPointer<UInt8> {
        var length = 0
        let pointer = rocksdb_pinnableslice_value(slice, &length)
        return UnsafeBufferPointer(start: UnsafeRawPointer(pointer)?.assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// One batched `MultiGet`: RocksDB sorts the keys, looks up each table's
    /// index and filter once for all keys in it and reads the data blocks
    /// together — cheaper than one `Get` per key behind an index scan. The
    /// values are lent straight from RocksDB's pinned blocks (the mmap'd
    /// table or the memtable).
    public func getMany(
        _ keys: [[UInt8]], _ body: (_ position: Int, _ value: UnsafeBufferPointer<UInt8>) throws(C8Error) -> Void
    ) throws(C8Error) {
        if keys.isEmpty { return }
        // One key: a plain `Get` costs less than MultiGet's set-up.
        if keys.count == 1 { return try withValue(keys[0]) { (bytes) throws(C8Error) in try body(0, bytes) } }
        try enter()
        defer { gate.leave() }
        var pointers: [UnsafePointer<CChar>?] = []
        var sizes: [Int] = []
        pointers.reserveCapacity(keys.count)
        sizes.reserveCapacity(keys.count)
        var values = [OpaquePointer?](repeating: nil, count: keys.count)
        var errors = [UnsafeMutablePointer<CChar>?](repeating: nil, count: keys.count)
        // The key arrays stay alive (and unmoved) for the whole call.
        withExtendedLifetime(keys) {
            for key in keys {
                key.withUnsafeBufferPointer { k in
                    pointers.append(UnsafeRawPointer(k.baseAddress)?.assumingMemoryBound(to: CChar.self))
                    sizes.append(k.count)
                }
            }
            rocksdb_batched_multi_get_cf(db, readOptions, defaultFamily, keys.count, &pointers, &sizes, &values, &errors, false)
        }
        // Every slice is released, also when `body` throws.
        defer { for value in values { if let value { rocksdb_pinnableslice_destroy(value) } } }
        var failure: String?
        for error in errors { if let message = RocksDBEngine.take(error) { failure = failure ?? message } }
        if let failure { throw C8Error(.internalError, "storage read failed: \(failure)") }
        for (position, value) in values.enumerated() {
            guard let value else { continue }
            try body(position, Self.bytes(of: value))
        }
    }

    public func write(_ batch: WriteBatch, sync: Bool) throws(C8Error) {
        try enterWritable()
        defer { gate.leave() }
        let rocksBatch = rocksdb_writebatch_create()
        defer { rocksdb_writebatch_destroy(rocksBatch) }
        for operation in batch.operations {
            switch operation {
            case .put(let key, let value):
                key.withUnsafeBufferPointer { k in
                    value.withUnsafeBufferPointer { v in
                        k.withMemoryRebound(to: CChar.self) { kc in
                            v.withMemoryRebound(to: CChar.self) { vc in
                                rocksdb_writebatch_put(rocksBatch, kc.baseAddress, kc.count, vc.baseAddress, vc.count)
                            }
                        }
                    }
                }
            case .delete(let key):
                key.withUnsafeBufferPointer { k in
                    k.withMemoryRebound(to: CChar.self) { rocksdb_writebatch_delete(rocksBatch, $0.baseAddress, $0.count) }
                }
            case .deleteRange(let start, let end):
                start.withUnsafeBufferPointer { s in
                    end.withUnsafeBufferPointer { e in
                        s.withMemoryRebound(to: CChar.self) { sc in
                            e.withMemoryRebound(to: CChar.self) { ec in
                                rocksdb_writebatch_delete_range(rocksBatch, sc.baseAddress, sc.count, ec.baseAddress, ec.count)
                            }
                        }
                    }
                }
            }
        }
        var error: UnsafeMutablePointer<CChar>?
        rocksdb_write(db, sync ? syncWrite : asyncWrite, rocksBatch, &error)
        if let message = RocksDBEngine.take(error) { throw refuseWrites(after: message, doing: "write") }
    }

    /// Turns RocksDB's per-thread perf counters off for the calling thread
    /// (they are per thread, and calls come from whichever thread a
    /// Dispatch queue runs on). c8 never reads them, and counting cost
    /// every key comparison two thread-local lookups through the shared
    /// library (`__tls_get_addr`): ~3 % of the server's instructions in
    /// stream publishing, ~4 % of a point read behind an index
    /// (Docs/BENCHMARKS.md).
    private static func stopPerfCounting() {
        rocksdb_set_perf_level(Int32(rocksdb_disable))
    }

    /// Refuses writes from now on (see ``writeFailure``); the error for
    /// this write, ArangoDB-numbered by its cause.
    private func refuseWrites(after message: String, doing operation: String) -> C8Error {
        let error = Self.writeError(message, operation: operation)
        writeFailure.withLock { failure in
            if failure == nil {
                failure = C8Error(code: error.code, errorNum: error.errorNum,
                                  message: error.message + " — writes are refused until the server is restarted")
            }
        }
        return error
    }

    /// A full disk is errorNum 1104 (ArangoDB's filesystem full, HTTP 507),
    /// a read-only or unwritable file system 1004 (read only, HTTP 503: the
    /// server's trouble, not the caller's), anything else 4 (internal).
    static func writeError(_ message: String, operation: String) -> C8Error {
        if message.contains("No space left on device") || message.contains("NoSpace") {
            return C8Error(.filesystemFull, "filesystem full: storage \(operation) failed: \(message)", httpStatus: 507)
        }
        if message.contains("Read-only file system") || message.contains("Permission denied") {
            return C8Error(.readOnly, "read only: the data directory is not writable: storage \(operation) failed: \(message)",
                           httpStatus: 503)
        }
        return C8Error(.internalError, "storage \(operation) failed: \(message)")
    }

    /// Enters the gate for a write (``enter()``), or throws the first
    /// refused write's error once there has been one.
    private func enterWritable() throws(C8Error) {
        try enter()
        if let failure = writeFailure.withLock({ $0 }) {
            gate.leave()
            throw failure
        }
    }

    /// Writes `entries` into SST files with `SstFileWriter` (the store's own
    /// options: LZ4, bloom filters) under ``ingestDirectory`` and ingests
    /// them with one `IngestExternalFile`, moving (hard-linking) the files
    /// rather than copying them. A large run is cut into consecutive key
    /// ranges written on every core at once (each file sorted, the files
    /// not overlapping). RocksDB ingests the files of one call atomically
    /// — all are in the tree after its version edit, or none — and durably
    /// (files and manifest synced). The files are deleted whatever happens.
    /// Overwrites what the keys held; see the protocol.
    public func ingest(_ entries: SortedEntries) throws(C8Error) {
        try enterWritable()
        defer { gate.leave() }
        guard !entries.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: ingestDirectory, withIntermediateDirectories: true)
        } catch {
            throw C8Error(.internalError, "cannot create \(ingestDirectory): \(error.localizedDescription)")
        }
        let batch = ingestCount.add(1, ordering: .relaxed).newValue
        let base = ingestDirectory + "/bulk-\(getpid())-\(batch)"
        // Parts of at least 64 MB of entries: fewer, larger files for small loads.
        let partCount = max(1, min(Parallel.coreCount, entries.byteCount / (64 << 20)))
        let bounds = (0...partCount).map { entries.count * $0 / partCount }
        // Each table writer refuses keys out of order within its part; the
        // parts must not overlap either (unless the appends checked it all).
        for part in 1..<partCount where bounds[part] > 0 { try entries.verifyOrder(of: bounds[part]..<bounds[part] + 1) }
        let paths = (0..<partCount).map { base + "-\($0).sst" }
        defer { for path in paths { try? FileManager.default.removeItem(atPath: path) } }

        let failures = Parallel.mapChunks(count: partCount, minimumChunk: 1) { parts -> [String] in
            parts.compactMap { part in self.writeTable(entries, bounds[part]..<bounds[part + 1], to: paths[part]) }
        }.flatMap { $0 }
        if let message = failures.first { throw C8Error(.internalError, message) }

        let ingestOptions = rocksdb_ingestexternalfileoptions_create()
        defer { rocksdb_ingestexternalfileoptions_destroy(ingestOptions) }
        rocksdb_ingestexternalfileoptions_set_move_files(ingestOptions, 1)
        var error: UnsafeMutablePointer<CChar>?
        let cPaths = paths.map { strdup($0) }
        defer { for path in cPaths { free(path) } }
        var list: [UnsafePointer<CChar>?] = cPaths.map { UnsafePointer($0) }
        rocksdb_ingest_external_file(db, &list, list.count, ingestOptions, &error)
        if let message = RocksDBEngine.take(error) { throw C8Error(.internalError, "storage ingest failed: \(message)") }
    }

    /// Writes the entries `range` of `entries` into the SST file `path`;
    /// the error text, or nil.
    private func writeTable(_ entries: SortedEntries, _ range: Range<Int>, to path: String) -> String? {
        let envOptions = rocksdb_envoptions_create()
        defer { rocksdb_envoptions_destroy(envOptions) }
        let writer = rocksdb_sstfilewriter_create(envOptions, options)
        defer { rocksdb_sstfilewriter_destroy(writer) }
        var error: UnsafeMutablePointer<CChar>?
        rocksdb_sstfilewriter_open(writer, path, &error)
        if let message = Self.take(error) { return "cannot write \(path): \(message)" }
        for index in range {
            entries.withEntry(at: index) { key, value in
                key.withMemoryRebound(to: CChar.self) { k in
                    value.withMemoryRebound(to: CChar.self) { v in
                        rocksdb_sstfilewriter_put(writer, k.baseAddress, k.count, v.baseAddress, v.count, &error)
                    }
                }
            }
            if let message = Self.take(error) { return "cannot write \(path): \(message)" }
        }
        rocksdb_sstfilewriter_finish(writer, &error)
        if let message = Self.take(error) { return "cannot write \(path): \(message)" }
        return nil
    }

    /// A closed store's iterators are empty.
    public func makeIterator(_ range: KeyRange, reverse: Bool) -> any StorageIterator {
        guard (try? enter()) != nil else { return ClosedStoreIterator() }
        defer { gate.leave() }
        // (`enter` turned the perf counters off: an iterator is mostly
        // stepped on the thread that made it.)
        return RocksDBIterator(db: db, gate: gate, registry: iterators, range: range, reverse: reverse)
    }

    public func sync() throws(C8Error) {
        try enterWritable()
        defer { gate.leave() }
        var error: UnsafeMutablePointer<CChar>?
        rocksdb_flush_wal(db, 1, &error)
        if let message = RocksDBEngine.take(error) { throw refuseWrites(after: message, doing: "sync") }
    }

    /// One manual `CompactRange` over every key, into the bottommost level
    /// (level 6, moved there when the data ends higher up).
    /// Bottommost-level compaction is forced so that ingested table files,
    /// which `IngestExternalFile` places straight into the lowest free
    /// level, are rewritten into the one run too rather than moved as they
    /// are. The memtables are flushed first (RocksDB does that for a manual
    /// compaction overlapping them). New tables get the store's options:
    /// uncompressed, bloom filters. Blocks until done; reads and writes go
    /// on meanwhile.
    public func compact() throws(C8Error) {
        try enterWritable()
        defer { gate.leave() }
        let compactOptions = rocksdb_compactoptions_create()
        defer { rocksdb_compactoptions_destroy(compactOptions) }
        rocksdb_compactoptions_set_exclusive_manual_compaction(compactOptions, 1)
        // BottommostLevelCompaction::kForce
        rocksdb_compactoptions_set_bottommost_level_compaction(compactOptions, 2)
        // A store whose data sits in level 0 only would otherwise end in
        // level 1; the last level is where later ingests and compactions
        // expect the bulk of the data.
        rocksdb_compactoptions_set_change_level(compactOptions, 1)
        rocksdb_compactoptions_set_target_level(compactOptions, Int32(RocksDBEngine.levelCount - 1))
        // The C call reports no error; a compaction that failed (a full
        // disk) leaves the old files in place and surfaces as RocksDB's
        // background error on the next write.
        rocksdb_compact_range_opt(db, compactOptions, nil, 0, nil, 0)
    }

    /// How many table files each level holds (`rocksdb.num-files-at-levelN`),
    /// level 0 first: for tests and figures.
    func filesPerLevel() -> [Int] {
        guard gate.enter() else { return [] }
        defer { gate.leave() }
        // A string property (not one `rocksdb_property_int` answers).
        return (0..<RocksDBEngine.levelCount).map { level in
            guard let text = rocksdb_property_value(db, "rocksdb.num-files-at-level\(level)") else { return 0 }
            defer { rocksdb_free(text) }
            return Int(String(cString: text)) ?? 0
        }
    }

    /// RocksDB's default `num_levels`, which the store keeps.
    static let levelCount = 7

    public func approximateSize(_ range: KeyRange) -> Int {
        guard gate.enter() else { return 0 }
        defer { gate.leave() }
        var size: UInt64 = 0
        var error: UnsafeMutablePointer<CChar>?
        range.lowerBound.withUnsafeBufferPointer { lo in
            range.upperBound.withUnsafeBufferPointer { hi in
                lo.withMemoryRebound(to: CChar.self) { l in
                    hi.withMemoryRebound(to: CChar.self) { h in
                        var starts: [UnsafePointer<CChar>?] = [l.baseAddress]
                        var startLengths = [l.count]
                        var limits: [UnsafePointer<CChar>?] = [h.baseAddress]
                        var limitLengths = [h.count]
                        rocksdb_approximate_sizes(db, 1, &starts, &startLengths, &limits, &limitLengths, &size, &error)
                    }
                }
            }
        }
        _ = RocksDBEngine.take(error)
        return Int(size)
    }

    /// Waits for the calls in flight (later ones are refused), frees the
    /// iterators still held, then closes RocksDB.
    public func close() {
        guard gate.close() else { return }
        iterators.destroyAll()
        if writeFailure.withLock({ $0 }) == nil {
            // After a refused write the log must not be touched again (see
            // writeFailure); what was acknowledged is in it already.
            var error: UnsafeMutablePointer<CChar>?
            rocksdb_flush_wal(db, 1, &error)
            _ = RocksDBEngine.take(error)
            flushMemtablesIfLarge()
        }
        rocksdb_column_family_handle_destroy(defaultFamily)
        rocksdb_close(db)
        rocksdb_readoptions_destroy(readOptions)
        rocksdb_writeoptions_destroy(asyncWrite)
        rocksdb_writeoptions_destroy(syncWrite)
        rocksdb_options_destroy(options)
        rocksdb_block_based_options_destroy(tableOptions)
        lock.release()
    }

    /// Writes the memtables to a table file when they hold more than
    /// ``closeFlushBytes``: RocksDB keeps them only in the write-ahead log
    /// over a clean close, and the next open re-inserts every entry — after
    /// building an index on 100 k documents, 60 % of the next start's work.
    /// Small ones are left to the log (a flush costs a file and an fsync).
    private func flushMemtablesIfLarge() {
        var bytes: UInt64 = 0
        guard rocksdb_property_int(db, "rocksdb.cur-size-all-mem-tables", &bytes) == 0,
              bytes >= RocksDBEngine.closeFlushBytes else { return }
        let flush = rocksdb_flushoptions_create()
        defer { rocksdb_flushoptions_destroy(flush) }
        rocksdb_flushoptions_set_wait(flush, 1)
        var error: UnsafeMutablePointer<CChar>?
        rocksdb_flush(db, flush, &error)
        _ = RocksDBEngine.take(error)  // the log still has everything
    }

    static let closeFlushBytes: UInt64 = 4 << 20

    /// Enters the gate (the caller leaves it when its RocksDB call is
    /// done) and turns the calling thread's perf counters off.
    private func enter() throws(C8Error) {
        guard gate.enter() else { throw C8Error(.internalError, "storage is closed") }
        Self.stopPerfCounting()
    }

    /// The text of a RocksDB error, freeing it.
    static func take(_ error: UnsafeMutablePointer<CChar>?) -> String? {
        guard let error else { return nil }
        defer { rocksdb_free(error) }
        return String(cString: error)
    }
}

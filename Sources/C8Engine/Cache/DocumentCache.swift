import C8Core
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a region's document cache holds and has done (for figures and
/// tests). All zero when the cache is disabled.
public struct DocumentCacheStatistics: Sendable, Equatable {
    /// The byte bound (``EngineLimits/documentCacheBytes``).
    public var capacity = 0
    /// Bytes accounted to the cached documents (never above `capacity`).
    public var bytes = 0
    public var entries = 0
    public var hits: UInt64 = 0
    public var misses: UInt64 = 0
    /// Reads that went to storage because a write of their key (or of the
    /// whole collection) was in flight.
    public var bypasses: UInt64 = 0
    public var evictions: UInt64 = 0

    public init() {}
}

/// One engine's cache of documents as readers see them — the binary form
/// (``BinaryJSON``) with `_id` already in place — keyed by collection object
/// id and `_key`, bounded by bytes. A second instance holds edge lists
/// (``EngineContext/edgeCache``): the same bytes-by-key table and writers'
/// protocol, with edge-list keys and values.
///
/// It keeps the binary form rather than decoded `JSON` trees: about 200
/// bytes of a typical small document against ~750 as a tree, so the same
/// bound holds 2.5× the documents; a hit decodes (a few hundred ns), a miss
/// reads storage (µs).
///
/// **Layout.** Keys are spread by a hash over 1–64 shards (each at least
/// 1 MiB of the bound), each with its own lock and an open-addressing table
/// (linear probing) of 16-byte entries: the key's hash and one array — the
/// collection id, the `_key` and the document's bytes — so a hit touches one
/// table line and then the document itself. Eviction is CLOCK: a hit sets
/// the entry's reference bit; the hand clears set bits and evicts entries
/// whose bit is clear.
///
/// **Consistency.** A cached entry equals what storage holds whenever a
/// reader may use it, so a hit is as good as a storage read at that
/// instant. Writers bracket their storage write (under the collection's
/// writer lock):
///
/// 1. ``beginWrite(collection:keys:)`` marks the keys pending, removes
///    their entries and bumps the shard's version;
/// 2. the storage write;
/// 3. ``endWrite(collection:keys:)`` removes their entries again, clears
///    the marks and bumps the version — whether the write succeeded or not.
///
/// Reads of a pending key bypass the cache (storage is read and nothing is
/// cached), so while the write is in flight no reader gets the old document
/// from the cache after another got the new one from storage. A read that
/// misses gets a ``Ticket`` holding the shard version
/// *before* it reads storage, and its result is cached only if the version
/// is unchanged: so a reader that read the old value while a writer
/// committed can never cache it after the writer's step 3. Whole-collection
/// changes (truncate, drop, rename — `_id` changes — and property changes)
/// do the same with ``beginWrite(collection:)`` / ``endWrite(collection:)``,
/// which sweep the collection's entries from every shard.
final class DocumentCache: Sendable {
    /// Bytes accounted per entry besides its block (collection id, key and
    /// document bytes): its table entry (16 bytes at a load factor between
    /// 0.35 and 0.7), the block array's header (32) and malloc's bookkeeping
    /// and rounding (~16). Checked against resident memory: with 632 k
    /// cached documents of ~200 bytes, 295 bytes per entry resident against
    /// 302 accounted.
    static let entryOverhead = 80

    /// The byte bound over all shards.
    let capacity: Int
    private let shards: [Shard]
    private let shardMask: Int
    /// Bumped first by every writer step, before its shards change: see
    /// ``writeEpoch`` and ``insert(_:_:readAtEpoch:)``.
    private let epoch = Atomic<UInt64>(0)

    /// A miss's claim to cache what it then reads from storage.
    struct Ticket: Sendable {
        fileprivate let shard: Int
        fileprivate let version: UInt64
        fileprivate let hash: UInt64
        fileprivate let collection: UInt64
        fileprivate let key: String
    }

    enum Lookup<Value> {
        case hit(Value)
        case miss(Ticket)
        /// A write of the key is in flight: read storage, cache nothing.
        case bypass
    }

    /// Nil when `capacity` is 0 (or less): the cache is disabled.
    init?(capacity: Int) {
        guard capacity > 0 else { return nil }
        var count = 1
        while count < 64 && capacity / (count * 2) >= 1 << 20 { count *= 2 }
        self.capacity = capacity
        let perShard = capacity / count
        shards = (0..<count).map { _ in Shard(capacity: perShard) }
        shardMask = count - 1
    }

    // MARK: - Readers

    /// A hit's presented binary form is handed to `decode` under the
    /// shard's lock, as a slice of the entry's array: shared, not copied.
    func lookup<Value: Sendable>(
        collection: UInt64, key: String,
        decode: (ArraySlice<UInt8>) throws(C8Error) -> Value
    ) throws(C8Error) -> Lookup<Value> {
        let hash = Self.hash(collection, key)
        let shard = shardIndex(hash)
        return try shards[shard].table.withLock { t throws(C8Error) -> Lookup<Value> in
            if t.isPending(hash: hash, collection: collection) {
                t.bypasses &+= 1
                return .bypass
            }
            if let i = t.find(hash: hash, collection: collection, key: key) {
                t.hits &+= 1
                t.markReferenced(i)
                let block = t.entries[i].block
                return .hit(try decode(block[CachedDocument.presentedStart(of: block)...]))
            }
            t.misses &+= 1
            return .miss(Ticket(shard: shard, version: t.version, hash: hash, collection: collection, key: key))
        }
    }

    /// The count of writer steps so far. A reader that reads its misses
    /// through one snapshot taken before some of its tickets (an iterator
    /// kept for a whole graph walk) takes this before making the snapshot
    /// and passes it to ``insert(_:_:readAtEpoch:)``: a write that began or
    /// ended after it may be missing from the snapshot though its ticket is
    /// newer.
    var writeEpoch: UInt64 { epoch.load(ordering: .sequentiallyConsistent) }

    /// Caches `presented` (the binary form read after `ticket` was issued)
    /// unless a write touched the shard since — or, with `readAtEpoch`, the
    /// engine at all since that ``writeEpoch``.
    func insert(_ ticket: Ticket, _ presented: [UInt8], readAtEpoch: UInt64? = nil) {
        insert(ticket, block: CachedDocument.block(collection: ticket.collection, key: ticket.key, presented: presented),
               readAtEpoch: readAtEpoch)
    }

    /// ``insert(_:_:readAtEpoch:)`` of an entry already laid out — the
    /// presented form written after ``CachedDocument/prefix(collection:key:)``
    /// of the ticket's key — which the cache keeps as it is: the reader that
    /// read it shares the array.
    func insert(_ ticket: Ticket, block: [UInt8], readAtEpoch: UInt64? = nil) {
        let cost = block.count + Self.entryOverhead
        shards[ticket.shard].table.withLock { t in
            guard t.version == ticket.version, cost <= t.capacity else { return }
            // Checked under the shard's lock: a writer bumps the epoch before
            // it takes the lock, so one that began after this check removes
            // the entry again.
            if let readAtEpoch, epoch.load(ordering: .sequentiallyConsistent) != readAtEpoch { return }
            if t.find(hash: ticket.hash, collection: ticket.collection, key: ticket.key) != nil { return }
            t.makeRoom(for: cost)
            t.add(hash: ticket.hash, block: block)
        }
    }

    // MARK: - Writers

    /// Step 1 of a write of `keys` of `collection` (see the type's notes).
    func beginWrite(collection: UInt64, keys: some Sequence<String>) {
        epoch.add(1, ordering: .sequentiallyConsistent)
        for key in keys {
            let hash = Self.hash(collection, key)
            shards[shardIndex(hash)].table.withLock { t in
                t.pendingKeys[hash, default: 0] += 1
                t.remove(hash: hash, collection: collection, key: key)
                t.version &+= 1
            }
        }
    }

    /// Step 3 of a write of `keys`: after the storage write, before the
    /// writer lock is released.
    func endWrite(collection: UInt64, keys: some Sequence<String>) {
        epoch.add(1, ordering: .sequentiallyConsistent)
        for key in keys {
            let hash = Self.hash(collection, key)
            shards[shardIndex(hash)].table.withLock { t in
                t.remove(hash: hash, collection: collection, key: key)
                if let n = t.pendingKeys[hash], n > 1 { t.pendingKeys[hash] = n - 1 } else { t.pendingKeys[hash] = nil }
                t.version &+= 1
            }
        }
    }

    /// Step 1 of a change to every document of `collection` as readers see
    /// them (truncate, drop, rename, properties).
    func beginWrite(collection: UInt64) {
        epoch.add(1, ordering: .sequentiallyConsistent)
        for shard in shards {
            shard.table.withLock { t in
                t.pendingCollections[collection, default: 0] += 1
                t.version &+= 1
            }
        }
    }

    /// Step 3 of a whole-collection change: sweeps its entries.
    func endWrite(collection: UInt64) {
        epoch.add(1, ordering: .sequentiallyConsistent)
        for shard in shards {
            shard.table.withLock { t in
                t.removeAll(collection: collection)
                if let n = t.pendingCollections[collection], n > 1 {
                    t.pendingCollections[collection] = n - 1
                } else {
                    t.pendingCollections[collection] = nil
                }
                t.version &+= 1
            }
        }
    }

    // MARK: - Figures

    var statistics: DocumentCacheStatistics {
        var s = DocumentCacheStatistics()
        s.capacity = capacity
        for shard in shards {
            shard.table.withLock { t in
                s.bytes += t.bytes
                s.entries += t.count
                s.hits &+= t.hits
                s.misses &+= t.misses
                s.bypasses &+= t.bypasses
                s.evictions &+= t.evictions
            }
        }
        return s
    }

    // MARK: - Hashing

    /// Shards by bits 56–61 (tables index by the low bits; bits 62–63 are
    /// the table entries' flags).
    @inline(__always)
    private func shardIndex(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash >> 56) & shardMask
    }

    /// FNV-1a over the key's bytes, seeded with the collection id, then
    /// MurmurHash3's finalizer so that high (shard) and low (slot) bits both
    /// mix; the top two bits are cleared for the table's flags.
    static func hash(_ collection: UInt64, _ key: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ (collection &* 0x9E37_79B9_7F4A_7C15)
        var key = key
        key.withUTF8 { bytes in
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h & Entry.hashBits
    }
}

/// A cached document: one array holding the collection id (8 bytes), the
/// `_key` (a length byte and the bytes) and then the presented binary form.
enum CachedDocument {
    /// `presented` behind the header of `key` of `collection`, copied into
    /// one new array (readers that splice `_id` write it there at once:
    /// ``prefix(collection:key:reserving:)``).
    static func block(collection: UInt64, key: String, presented: [UInt8]) -> [UInt8] {
        var block = prefix(collection: collection, key: key, reserving: presented.count)
        block.append(contentsOf: presented)
        return block
    }

    /// What comes before the presented form in a block of `key` of
    /// `collection`: the collection id and the key; with room for
    /// `reserving` more bytes.
    static func prefix(collection: UInt64, key: String, reserving: Int = 0) -> [UInt8] {
        var prefix: [UInt8] = []
        prefix.reserveCapacity(prefixCount(key) + reserving)
        withPrefix(collection: collection, key: key) { prefix.append(contentsOf: $0) }
        return prefix
    }

    /// Lends `body` the prefix of ``prefix(collection:key:reserving:)`` in
    /// a buffer on the stack: for a block written in one go behind it.
    static func withPrefix<R, E: Error>(
        collection: UInt64, key: String, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
    ) throws(E) -> R {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: prefixCount(key)) { (buffer) throws(E) -> R in
            withUnsafeBytes(of: collection.littleEndian) { id in
                for i in 0..<8 { buffer[i] = id[i] }
            }
            buffer[8] = UInt8(truncatingIfNeeded: key.utf8.count)  // keys are at most 254 bytes
            _ = UnsafeMutableBufferPointer(rebasing: buffer[9...]).initialize(from: key.utf8)
            return try body(UnsafeBufferPointer(buffer))
        }
    }

    private static func prefixCount(_ key: String) -> Int { 9 + key.utf8.count }

    /// Where the presented form starts in `block`.
    @inline(__always)
    static func presentedStart(of block: [UInt8]) -> Int { 9 + Int(block[8]) }

    static func collection(of block: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var id: UInt64 = 0
        for i in 0..<8 { id |= UInt64(block[i]) << (8 * UInt64(i)) }
        return id
    }

    /// Whether `block` caches `key` of `collection`.
    @inline(__always)
    static func matches(_ block: UnsafeBufferPointer<UInt8>, collection: UInt64, key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Int(block[8]) == key.count, Self.collection(of: block) == collection else { return false }
        return key.isEmpty || memcmp(block.baseAddress! + 9, key.baseAddress!, key.count) == 0
    }
}

/// A table entry: the key's hash with two flags, and the cached block
/// (empty when the entry is free).
private struct Entry {
    var word: UInt64
    var block: [UInt8]

    static let hashBits: UInt64 = (1 << 62) - 1
    static let occupied: UInt64 = 1 << 62
    static let referenced: UInt64 = 1 << 63
    static let free = Entry(word: 0, block: [])
}

private final class Shard: Sendable {
    let table: Mutex<Table>
    init(capacity: Int) { table = Mutex(Table(capacity: capacity)) }
}

/// A shard's entries: open addressing with linear probing and
/// backward-shift deletion (no tombstones), at most 70 % full, with a
/// CLOCK hand over the entries.
private struct Table {
    static let initialSize = 64

    let capacity: Int
    var entries = [Entry](repeating: .free, count: Table.initialSize)
    var count = 0
    var hand = 0
    var bytes = 0
    /// Bumped by every change a writer makes; see ``DocumentCache/Ticket``.
    var version: UInt64 = 0
    /// Hashes of keys being written (a collision only costs a bypass).
    var pendingKeys: [UInt64: Int32] = [:]
    /// Collections being changed as a whole.
    var pendingCollections: [UInt64: Int32] = [:]
    var hits: UInt64 = 0
    var misses: UInt64 = 0
    var bypasses: UInt64 = 0
    var evictions: UInt64 = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    @inline(__always)
    func isPending(hash: UInt64, collection: UInt64) -> Bool {
        (!pendingKeys.isEmpty && pendingKeys[hash] != nil)
            || (!pendingCollections.isEmpty && pendingCollections[collection] != nil)
    }

    private var mask: Int { entries.count - 1 }

    func find(hash: UInt64, collection: UInt64, key: String) -> Int? {
        var key = key
        return key.withUTF8 { keyBytes in
            let wanted = hash | Entry.occupied
            var i = Int(truncatingIfNeeded: hash) & mask
            while true {
                let word = entries[i].word
                if word == 0 { return nil }
                if word & ~Entry.referenced == wanted,
                   entries[i].block.withUnsafeBufferPointer({ CachedDocument.matches($0, collection: collection, key: keyBytes) }) {
                    return i
                }
                i = (i + 1) & mask
            }
        }
    }

    @inline(__always)
    mutating func markReferenced(_ i: Int) {
        if entries[i].word & Entry.referenced == 0 { entries[i].word |= Entry.referenced }
    }

    mutating func add(hash: UInt64, block: [UInt8]) {
        if (count + 1) * 10 > entries.count * 7 { resize(entries.count * 2) }
        place(Entry(word: hash | Entry.occupied, block: block))
        count += 1
        bytes += block.count + DocumentCache.entryOverhead
    }

    /// Puts `entry` in the first free position of its probe sequence.
    private mutating func place(_ entry: Entry) {
        var i = Int(truncatingIfNeeded: entry.word) & mask
        while entries[i].word != 0 { i = (i + 1) & mask }
        entries[i] = entry
    }

    mutating func remove(hash: UInt64, collection: UInt64, key: String) {
        if let i = find(hash: hash, collection: collection, key: key) { remove(at: i) }
    }

    /// Frees position `index`, moving later entries of the probe run back
    /// so that every entry stays reachable from its home position.
    mutating func remove(at index: Int) {
        bytes -= entries[index].block.count + DocumentCache.entryOverhead
        count -= 1
        var hole = index
        var j = index
        while true {
            j = (j + 1) & mask
            let word = entries[j].word
            if word == 0 { break }
            let home = Int(truncatingIfNeeded: word) & mask
            // The entry at j may move to the hole unless its home lies
            // cyclically in (hole, j].
            let stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j)
            if !stays {
                entries.swapAt(hole, j)
                hole = j
            }
        }
        entries[hole] = .free
    }

    /// Evicts (CLOCK) until `cost` more bytes fit.
    mutating func makeRoom(for cost: Int) {
        while bytes + cost > capacity && count > 0 {
            if hand >= entries.count { hand = 0 }
            let word = entries[hand].word
            if word & Entry.referenced != 0 {
                entries[hand].word = word & ~Entry.referenced
                hand += 1
            } else if word != 0 {
                remove(at: hand)  // may move a later entry here: look at it next
                evictions &+= 1
            } else {
                hand += 1
            }
        }
        if count == 0 { reset() }
    }

    mutating func removeAll(collection: UInt64) {
        func cached(_ entry: Entry) -> Bool {
            entry.word != 0 && entry.block.withUnsafeBufferPointer { CachedDocument.collection(of: $0) } == collection
        }
        guard count > 0, entries.contains(where: cached) else { return }
        var kept: [Entry] = []
        for entry in entries where entry.word != 0 {
            if entry.block.withUnsafeBufferPointer({ CachedDocument.collection(of: $0) }) == collection {
                bytes -= entry.block.count + DocumentCache.entryOverhead
            } else {
                kept.append(entry)
            }
        }
        count = kept.count
        var size = Table.initialSize
        while count * 10 > size * 7 { size *= 2 }
        entries = [Entry](repeating: .free, count: size)
        hand = 0
        for entry in kept { place(entry) }
    }

    /// Gives back the memory of an emptied table.
    private mutating func reset() {
        entries = [Entry](repeating: .free, count: Table.initialSize)
        hand = 0
        bytes = 0
    }

    private mutating func resize(_ size: Int) {
        let old = entries
        entries = [Entry](repeating: .free, count: size)
        hand = 0
        for entry in old where entry.word != 0 { place(entry) }
    }
}

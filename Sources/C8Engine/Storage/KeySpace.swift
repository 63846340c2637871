import C8Storage

/// Where everything lives in the one ordered key space of a region's storage.
///
/// The first byte names the kind of data; ids are 8-byte big-endian object
/// ids from the catalog, so each collection's documents and each index's
/// entries are one contiguous, ordered range.
///
/// | prefix | key                                  | value                         |
/// |--------|--------------------------------------|-------------------------------|
/// | 0x01   | catalog: kind byte + name/id bytes   | BinaryJSON definition         |
/// | 0x02   | document: collection id + `_key`     | BinaryJSON document (no `_id`) |
/// | 0x03   | index entry: index id + encoded values (+ `_key` unless unique) | `_key` bytes (geo: lat, lon doubles, then `_key`) |
/// | 0x04   | counter: collection id + shard byte  | UInt64 LE document count       |
/// | 0x05   | key generator: collection id         | UInt64 LE last value           |
/// | 0x06   | streams (C8Streams): catalog, message logs, cursors — layout in Docs/STREAMS.md | per sub-kind |
/// | 0x07   | tombstone: collection id + `_key` (replicated collections) | UInt64 LE removal stamp (HLC) |
/// | 0x08   | reserved (replication state lives under 0xF0, outside the nodes) | |
/// | 0xC0+n | storage node n's namespace (C8Cluster `NodeStorage`): the keys above, for the shards node n holds | as above |
/// | 0xF0   | region-level state outside the nodes (C8Cluster): region names, spot-capable regions, the replication log, applied vector, stream replicator positions — Docs/REGIONS.md | per sub-kind |
public enum KeySpace {
    public static let catalog: UInt8 = 0x01
    public static let document: UInt8 = 0x02
    public static let indexEntry: UInt8 = 0x03
    public static let counter: UInt8 = 0x04
    public static let keyGenerator: UInt8 = 0x05
    public static let streams: UInt8 = 0x06
    public static let tombstone: UInt8 = 0x07
    public static let replication: UInt8 = 0x08
    /// Where the storage nodes' namespaces begin (`0xC0 + node`).
    public static let storageNodes: UInt8 = 0xC0
    /// Keys from here up belong to the region, not to its storage nodes.
    public static let regionMetadata: UInt8 = 0xF0

    public static func documentKey(collection: UInt64, key: String) -> [UInt8] {
        keyed(document, collection, key)
    }

    public static func documents(of collection: UInt64) -> KeyRange {
        KeyRange(prefix: prefix(document, collection))
    }

    /// The start of every entry of index `index`.
    public static func indexPrefix(_ index: UInt64) -> [UInt8] {
        prefix(indexEntry, index)
    }

    public static func indexEntries(of index: UInt64) -> KeyRange {
        KeyRange(prefix: indexPrefix(index))
    }

    public static func tombstoneKey(collection: UInt64, key: String) -> [UInt8] {
        keyed(tombstone, collection, key)
    }

    /// `kind` + collection id + `_key`: a document's key and its tombstone's.
    private static func keyed(_ kind: UInt8, _ collection: UInt64, _ key: String) -> [UInt8] {
        var bytes = prefix(kind, collection, reserving: key.utf8.count)
        bytes.append(contentsOf: key.utf8)
        return bytes
    }

    public static func tombstones(of collection: UInt64) -> KeyRange {
        KeyRange(prefix: prefix(tombstone, collection))
    }

    public static func counterKey(collection: UInt64, shard: Int) -> [UInt8] {
        var bytes = prefix(counter, collection)
        bytes.append(UInt8(shard))
        return bytes
    }

    public static func counters(of collection: UInt64) -> KeyRange {
        KeyRange(prefix: prefix(counter, collection))
    }

    public static func keyGeneratorKey(collection: UInt64) -> [UInt8] {
        prefix(keyGenerator, collection)
    }

    public static func catalogKey(_ kind: UInt8, _ name: String) -> [UInt8] {
        var bytes: [UInt8] = [catalog, kind]
        bytes.append(contentsOf: name.utf8)
        return bytes
    }

    public static func catalogRange(_ kind: UInt8) -> KeyRange {
        KeyRange(prefix: [catalog, kind])
    }

    /// `kind` and the big-endian `id`, with room for `extra` more bytes in
    /// the same allocation (a literal `[kind]` grown afterwards allocated
    /// twice — for every document read).
    static func prefix(_ kind: UInt8, _ id: UInt64, reserving extra: Int = 24) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(9 + extra)
        bytes.append(kind)
        var big = id.bigEndian
        withUnsafeBytes(of: &big) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The little-endian UInt64 stored in counter and generator values.
    public static func encodeCount(_ value: UInt64) -> [UInt8] {
        var little = value.littleEndian
        return withUnsafeBytes(of: &little) { Array($0) }
    }

    public static func decodeCount(_ bytes: some Swift.Collection<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for (i, b) in bytes.prefix(8).enumerated() { value |= UInt64(b) << (8 * UInt64(i)) }
        return value
    }
}

import C8Core
import C8Engine
import C8Storage

/// A region's replication state in its own storage, so a restart loses
/// nothing in flight: the changes it made that some region has not applied
/// yet, and how many of each region's changes it has applied.
///
/// | key                         | value                               |
/// |-----------------------------|-------------------------------------|
/// | 0xF0 `l` + sequence (BE)    | the entry (``ReplicationEntry/encoded()``) |
/// | 0xF0 `v`                    | applied vector: UInt64 LE per region |
/// | 0xF0 `s` + topic            | where the global stream replicator of that stream stopped (entry, UInt64 LE) |
/// | 0xF0 `r`                    | the federation's region names, comma-separated |
/// | 0xF0 `c`                    | the spot-capable regions (local region only), comma-separated |
///
/// The entry and the vector that counts it are written in one batch. A
/// change reaches the log just after its own commit (the change listener),
/// so a crash between the two loses that change's replication — the same
/// window as collection streams, recorded in Docs/DECISIONS.md.
struct ReplicationLog {
    let storage: any StorageEngine

    // Region-level state, outside the storage nodes (written once, not on
    // two nodes): the log is the region's outbox, not the data it serves.
    private static let entryPrefix: [UInt8] = [KeySpace.regionMetadata, UInt8(ascii: "l")]
    private static let vectorKey: [UInt8] = [KeySpace.regionMetadata, UInt8(ascii: "v")]
    /// Outside the storage nodes, so it can be read before they are set up.
    private static let regionsKey: [UInt8] = [KeySpace.regionMetadata, UInt8(ascii: "r")]
    private static let spotCapableKey: [UInt8] = [KeySpace.regionMetadata, UInt8(ascii: "c")]

    private static func entryKey(_ sequence: UInt64) -> [UInt8] {
        var key = entryPrefix
        var big = sequence.bigEndian
        withUnsafeBytes(of: &big) { key.append(contentsOf: $0) }
        return key
    }

    /// Appends this region's changes (each with its operation's stored
    /// form) together with the vector that now counts them, in one batch.
    func append(_ entries: [(entry: ReplicationEntry, operation: [UInt8])], vector: VectorClock) throws(C8Error) {
        var batch = WriteBatch()
        for (entry, operation) in entries { batch.put(Self.entryKey(entry.sequence), entry.encoded(operation: operation)) }
        batch.put(Self.vectorKey, Self.encode(vector))
        try storage.write(batch, sync: false)
    }

    func save(_ vector: VectorClock) throws(C8Error) {
        try storage.put(Self.vectorKey, Self.encode(vector))
    }

    /// The stored vector, nil on a region's first start.
    func loadVector(regions: Int) throws(C8Error) -> VectorClock? {
        guard let bytes = try storage.get(Self.vectorKey) else { return nil }
        var vector = VectorClock(regions: regions)
        for index in 0..<min(regions, bytes.count / 8) {
            vector[index] = KeySpace.decodeCount(bytes[(index * 8)..<(index * 8 + 8)])
        }
        return vector
    }

    /// This region's logged changes `first...last`, in order.
    func entries(_ sequences: ClosedRange<UInt64>) throws(C8Error) -> [ReplicationEntry] {
        let range = KeyRange(Self.entryKey(sequences.lowerBound), Self.entryKey(sequences.upperBound + 1))
        let iterator = storage.makeIterator(range, reverse: false)
        var entries: [ReplicationEntry] = []
        while iterator.next() { entries.append(try ReplicationEntry.decode(Array(iterator.value))) }
        return entries
    }

    /// Forgets the changes up to `sequence`: every region has applied them.
    func truncate(through sequence: UInt64) throws(C8Error) {
        guard sequence > 0 else { return }
        var batch = WriteBatch()
        batch.deleteRange(KeyRange(Self.entryKey(0), Self.entryKey(sequence + 1)))
        try storage.write(batch, sync: false)
    }

    private static func streamPositionKey(_ topic: String) -> [UInt8] {
        [KeySpace.regionMetadata, UInt8(ascii: "s")] + Array(topic.utf8)
    }

    /// Where the global stream replicator of `topic` stopped (the entry of
    /// the last message it handled), nil when it has not started.
    func streamPosition(_ topic: String) throws(C8Error) -> UInt64? {
        try storage.get(Self.streamPositionKey(topic)).map { KeySpace.decodeCount($0) }
    }

    func save(streamPosition entry: UInt64, of topic: String) throws(C8Error) {
        try storage.put(Self.streamPositionKey(topic), KeySpace.encodeCount(entry))
    }

    /// The region names this storage was last opened with, nil before the first.
    func regionNames() throws(C8Error) -> [String]? {
        try storage.get(Self.regionsKey).map { String(decoding: $0, as: UTF8.self).split(separator: ",").map(String.init) }
    }

    func save(regionNames: [String]) throws(C8Error) {
        try storage.put(Self.regionsKey, Array(regionNames.joined(separator: ",").utf8), sync: true)
    }

    /// The regions marked spot-capable, as the local region stores them
    /// (nil before anyone marked any).
    func spotCapableRegions() throws(C8Error) -> [String]? {
        try storage.get(Self.spotCapableKey).map { String(decoding: $0, as: UTF8.self).split(separator: ",").map(String.init) }
    }

    func save(spotCapableRegions names: [String]) throws(C8Error) {
        try storage.put(Self.spotCapableKey, Array(names.joined(separator: ",").utf8), sync: true)
    }

    private static func encode(_ vector: VectorClock) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(vector.counts.count * 8)
        for count in vector.counts { bytes.append(contentsOf: KeySpace.encodeCount(count)) }
        return bytes
    }
}

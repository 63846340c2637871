import C8Core
import C8Storage

/// Reads the edge links (``EdgeLink``) of many vertices of one edge
/// collection through one storage iterator per direction, seeked from
/// vertex to vertex.
///
/// A traversal expands thousands of vertices; making and destroying a
/// RocksDB iterator for each (``EdgeIndex/links(of:direction:in:)``) cost
/// about a fifth of a 1..3-hop walk. The iterators are made on first use,
/// so each sees the store as it was then: a reader belongs to one walk
/// (one traversal from one start vertex) — make a new one for the next.
///
/// With the engine's edge cache (``EngineContext/edgeCache``), a vertex's
/// list is looked up there first and a list read from storage is cached —
/// as ArangoDB caches its edge index: a warm walk then seeks no iterator
/// (each seek is an index-block search and a block checksum in RocksDB).
/// The iterators' snapshot may be older than a miss's ticket, so a list
/// is cached only if no edge was written since the snapshot
/// (``DocumentCache/writeEpoch``).
public final class EdgeLinkReader {
    private let index: EdgeIndex
    private let storage: any StorageEngine
    private let cache: DocumentCache?
    /// The edge collection's object id: the cache's namespace.
    private let collection: UInt64
    /// The cache's write epoch before the first iterator was made.
    private var snapshotEpoch: UInt64?
    private var fromIterator: (any StorageIterator)?
    private var toIterator: (any StorageIterator)?
    /// Reused for the seek target, a list as cached, and the `.any`
    /// halves: no allocation per vertex.
    private var target: [UInt8] = []
    private var encoded: [UInt8] = []
    private var outbound: [EdgeLink] = []
    private var inbound: [EdgeLink] = []

    /// A reader without a cache.
    public convenience init(index: EdgeIndex, storage: any StorageEngine) {
        self.init(index: index, storage: storage, cache: nil, collection: 0)
    }

    init(index: EdgeIndex, storage: any StorageEngine, cache: DocumentCache?, collection: UInt64) {
        self.index = index
        self.storage = storage
        self.cache = cache
        self.collection = collection
    }

    /// Replaces `links` with the edges of `vertexId` in `direction`, in
    /// `_key` order, a loop once even for `.any`: what
    /// ``EdgeIndex/links(of:direction:in:)`` answers.
    public func links(of vertexId: String, direction: EdgeIndex.Direction, into links: inout [EdgeLink]) {
        links.removeAll(keepingCapacity: true)
        switch direction {
        case .outbound: read(EdgeIndex.fromByte, vertexId, into: &links)
        case .inbound: read(EdgeIndex.toByte, vertexId, into: &links)
        case .any:
            read(EdgeIndex.fromByte, vertexId, into: &outbound)
            read(EdgeIndex.toByte, vertexId, into: &inbound)
            EdgeIndex.mergeDistinct(outbound, inbound, into: &links)
        }
    }

    private func read(_ byte: UInt8, _ vertex: String, into links: inout [EdgeLink]) {
        links.removeAll(keepingCapacity: true)
        guard let cache, let key = EdgeIndex.cacheKey(byte, vertex) else {
            readStorage(byte, vertex, into: &links, encoding: false)
            return
        }
        // Decoding a cached list cannot fail.
        let lookup = (try? cache.lookup(collection: collection, key: key) { bytes in
            bytes.withUnsafeBufferPointer { Self.decode($0, byte: byte, vertex: vertex, into: &links) }
        }) ?? .bypass
        switch lookup {
        case .hit: return
        case .bypass: readStorage(byte, vertex, into: &links, encoding: false)
        case .miss(let ticket):
            readStorage(byte, vertex, into: &links, encoding: true)
            if let snapshotEpoch { cache.insert(ticket, encoded, readAtEpoch: snapshotEpoch) }
        }
    }

    /// Reads `vertex`'s entries in direction `byte`; with `encoding`, also
    /// their values as the cache keeps them (``decode(_:byte:vertex:into:)``).
    private func readStorage(_ byte: UInt8, _ vertex: String, into links: inout [EdgeLink], encoding: Bool) {
        let iterator = iterator(byte)
        // Local buffers, swapped with the properties once: each access to
        // a class's array property is checked for exclusivity at run time,
        // and per entry those checks cost a 1..3-hop walk ~0.6 %.
        var target: [UInt8] = [], encoded: [UInt8] = []
        swap(&target, &self.target)
        swap(&encoded, &self.encoded)
        defer {
            swap(&target, &self.target)
            swap(&encoded, &self.encoded)
        }
        target.removeAll(keepingCapacity: true)
        index.appendVertexPrefix(byte, vertex, to: &target)
        if encoding { encoded.removeAll(keepingCapacity: true) }
        iterator.seek(target)
        // The iterator spans the whole direction: stop where the vertex's entries end.
        while iterator.next(), Bytes.hasPrefix(iterator.key, target) {
            let value = iterator.value
            links.append(EdgeIndex.link(value: value, byte: byte, vertex: vertex))
            if encoding {
                encoded.append(UInt8(truncatingIfNeeded: value.count))
                encoded.append(UInt8(truncatingIfNeeded: value.count >> 8))
                encoded.append(contentsOf: value)
            }
        }
    }

    /// A cached list: each entry's value after its length (two bytes, little
    /// endian: a value is a `_key` and an `_id`, well under 64 KiB).
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, byte: UInt8, vertex: String, into links: inout [EdgeLink]) {
        var offset = 0
        while offset + 2 <= bytes.count {
            let start = offset + 2
            let end = start + (Int(bytes[offset]) | Int(bytes[offset + 1]) << 8)
            guard end <= bytes.count else { return }
            links.append(EdgeIndex.link(value: UnsafeBufferPointer(rebasing: bytes[start..<end]), byte: byte, vertex: vertex))
            offset = end
        }
    }

    private func iterator(_ byte: UInt8) -> any StorageIterator {
        if snapshotEpoch == nil, let cache { snapshotEpoch = cache.writeEpoch }
        if byte == EdgeIndex.fromByte {
            if let fromIterator { return fromIterator }
            let made = storage.makeIterator(index.directionRange(byte), reverse: false)
            fromIterator = made
            return made
        }
        if let toIterator { return toIterator }
        let made = storage.makeIterator(index.directionRange(byte), reverse: false)
        toIterator = made
        return made
    }
}

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
public final class EdgeLinkReader {
    private let index: EdgeIndex
    private let storage: any StorageEngine
    private var fromIterator: (any StorageIterator)?
    private var toIterator: (any StorageIterator)?
    /// Reused for the seek target and the `.any` halves: no allocation per vertex.
    private var target: [UInt8] = []
    private var outbound: [EdgeLink] = []
    private var inbound: [EdgeLink] = []

    public init(index: EdgeIndex, storage: any StorageEngine) {
        self.index = index
        self.storage = storage
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
        let iterator = iterator(byte)
        target.removeAll(keepingCapacity: true)
        index.appendVertexPrefix(byte, vertex, to: &target)
        iterator.seek(target)
        // The iterator spans the whole direction: stop where the vertex's entries end.
        while iterator.next(), Bytes.hasPrefix(iterator.key, target) {
            links.append(EdgeIndex.link(value: iterator.value, byte: byte, vertex: vertex))
        }
    }

    private func iterator(_ byte: UInt8) -> any StorageIterator {
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

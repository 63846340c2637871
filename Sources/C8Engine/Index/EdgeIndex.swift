import C8Core
import C8Storage

/// The built-in index of an edge collection: from a vertex `_id` to the
/// edges leaving it (`_from`) and the edges arriving at it (`_to`). Graph
/// traversals and `GET /edges` run on it.
///
/// One index object covers both directions, reported as one index
/// `collection/1` of type `edge` over `["_from", "_to"]` (ArangoDB's
/// MMFiles layout; its RocksDB engine reports two, `/1` and `/2` — id 2 stays
/// reserved so that remains possible). Entry layout after
/// ``KeySpace/indexPrefix(_:)``:
///
/// | key                                                            | value        |
/// |----------------------------------------------------------------|--------------|
/// | direction byte (0x01 `_from`, 0x02 `_to`), encoded vertex `_id` string, encoded `_key` string | `_key` UTF-8, 0x00, the other end's `_id` UTF-8 |
///
/// so a vertex's edges in one direction are one contiguous range, in
/// `_key` order, and walking a graph needs no edge document when only the
/// edge's `_key`/`_id`/`_from`/`_to` are used (``EdgeLink``). A `_key`
/// never holds 0x00, so an entry written before the other end was added
/// (value: the `_key` alone) is told apart and read through the document.
public struct EdgeIndex: DocumentIndex {
    /// Which edges of a vertex to read.
    public enum Direction: Sendable, Hashable {
        /// Edges whose `_from` is the vertex.
        case outbound
        /// Edges whose `_to` is the vertex.
        case inbound
        /// Both, each edge once.
        case any
    }

    /// The local id and name of the edge index in every edge collection.
    public static let localId = 1
    public static let name = "edge"

    static let fromByte: UInt8 = 0x01
    static let toByte: UInt8 = 0x02

    public let definition: IndexDefinition
    private let prefix: [UInt8]

    public init(definition: IndexDefinition) {
        precondition(definition.type == .edge, "EdgeIndex needs an edge definition")
        self.definition = definition
        self.prefix = KeySpace.indexPrefix(definition.objectId)
    }

    /// The definition of the edge index of an edge collection whose index
    /// entries live under `objectId`.
    public static func definition(objectId: UInt64) -> IndexDefinition {
        // Both names parse: they are plain attribute names.
        let fields = ["_from", "_to"].map { try! AttributePath(parsing: $0) }
        return IndexDefinition(objectId: objectId, localId: localId, name: name, type: .edge, fields: fields)
    }

    public func entries(for document: JSON, key: String) -> [IndexEntry] {
        var entries: [IndexEntry] = []
        for (attribute, byte, other) in [("_from", Self.fromByte, "_to"), ("_to", Self.toByte, "_from")] {
            guard case .string(let vertex) = document[attribute] else { continue }
            var bytes = vertexPrefix(byte, vertex)
            IndexKeyEncoding.append(.string(key), to: &bytes)
            var value = Array(key.utf8)
            if case .string(let end) = document[other] {
                value.append(Self.endSeparator)
                value.append(contentsOf: end.utf8)
            }
            entries.append(IndexEntry(key: bytes, value: value))
        }
        return entries
    }

    /// The keys of the edge lists `document` (an edge) is in, under which
    /// ``EdgeLinkReader`` caches them: the direction byte and the vertex
    /// `_id`.
    func cacheKeys(of document: JSON) -> [String] {
        var keys: [String] = []
        for (attribute, byte) in [("_from", Self.fromByte), ("_to", Self.toByte)] {
            if case .string(let vertex) = document[attribute], let key = Self.cacheKey(byte, vertex) { keys.append(key) }
        }
        return keys
    }

    /// The cache key of `vertex`'s edge list in direction `byte`; nil when
    /// it is too long to cache (``DocumentCache`` keys are at most 254 bytes).
    static func cacheKey(_ byte: UInt8, _ vertex: String) -> String? {
        guard vertex.utf8.count < 254 else { return nil }
        return String(UnicodeScalar(byte)) + vertex
    }

    /// Separates the `_key` from the other end in an entry's value.
    static let endSeparator: UInt8 = 0x00

    /// The `_key`s of the edges of `vertexId` in `direction`, in `_key`
    /// order. A loop (an edge from a vertex to itself) appears once even for
    /// `.any`.
    public func edges(of vertexId: String, direction: Direction, in storage: any StorageEngine) -> [String] {
        links(of: vertexId, direction: direction, in: storage).map(\.key)
    }

    /// The edges of `vertexId` in `direction` as their index entries tell
    /// them (``EdgeLink``), in `_key` order; a loop once even for `.any`.
    public func links(of vertexId: String, direction: Direction, in storage: any StorageEngine) -> [EdgeLink] {
        switch direction {
        case .outbound: return links(Self.fromByte, vertexId, storage)
        case .inbound: return links(Self.toByte, vertexId, storage)
        case .any: return Self.mergeDistinct(links(Self.fromByte, vertexId, storage), links(Self.toByte, vertexId, storage))
        }
    }

    private func links(_ byte: UInt8, _ vertex: String, _ storage: any StorageEngine) -> [EdgeLink] {
        let walker = RangeWalker(storage: storage, ranges: [KeyRange(prefix: vertexPrefix(byte, vertex))], reverse: false)
        var result: [EdgeLink] = []
        while walker.next() { result.append(Self.link(value: walker.value, byte: byte, vertex: vertex)) }
        return result
    }

    /// The link an entry of `vertex`'s `byte` direction holds in `value`.
    static func link(value: UnsafeBufferPointer<UInt8>, byte: UInt8, vertex: String) -> EdgeLink {
        guard let separator = value.firstIndex(of: endSeparator) else {
            return EdgeLink(key: String(decoding: value, as: UTF8.self), ends: nil)
        }
        let key = String(decoding: UnsafeBufferPointer(rebasing: value[..<separator]), as: UTF8.self)
        let other = String(decoding: UnsafeBufferPointer(rebasing: value[(separator + 1)...]), as: UTF8.self)
        let ends = byte == fromByte ? EdgeLink.Ends(from: vertex, to: other) : EdgeLink.Ends(from: other, to: vertex)
        return EdgeLink(key: key, ends: ends)
    }

    /// Every entry of one direction (`fromByte`/`toByte`).
    func directionRange(_ byte: UInt8) -> KeyRange {
        var bytes = prefix
        bytes.append(byte)
        return KeyRange(prefix: bytes)
    }

    /// Appends the key prefix of `vertex`'s entries in direction `byte` to `bytes`.
    func appendVertexPrefix(_ byte: UInt8, _ vertex: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: prefix)
        bytes.append(byte)
        IndexKeyEncoding.append(.string(vertex), to: &bytes)
    }

    private func vertexPrefix(_ byte: UInt8, _ vertex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        appendVertexPrefix(byte, vertex, to: &bytes)
        return bytes
    }

    /// Merges two lists ascending by `_key` into one without repeats.
    static func mergeDistinct(_ a: [EdgeLink], _ b: [EdgeLink]) -> [EdgeLink] {
        var result: [EdgeLink] = []
        mergeDistinct(a, b, into: &result)
        return result
    }

    /// ``mergeDistinct(_:_:)`` appending to `result` (a reader's reused buffer).
    static func mergeDistinct(_ a: [EdgeLink], _ b: [EdgeLink], into result: inout [EdgeLink]) {
        result.reserveCapacity(result.count + a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            let order = i == a.count ? 1 : (j == b.count ? -1 : a[i].key.utf8Compare(b[j].key))
            if order <= 0 {
                result.append(a[i])
                i += 1
                if order == 0 { j += 1 }
            } else {
                result.append(b[j])
                j += 1
            }
        }
    }
}

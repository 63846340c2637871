import C8Core
import C8Storage

/// The TTL index: documents expire `expireAfter` seconds after the time in
/// their indexed attribute, and the ``TTLReaper`` removes them.
///
/// The attribute holds a Unix timestamp in seconds (any number) or an ISO
/// 8601 date string (``ISO8601Time``). A document without a valid time is
/// not indexed and never expires. Entry layout after
/// ``KeySpace/indexPrefix(_:)``:
///
/// | key                                                     | value        |
/// |---------------------------------------------------------|--------------|
/// | encoded expiry time (double: time + expireAfter), encoded `_key` string | `_key` UTF-8 |
///
/// so the expired documents are always the first entries of the index.
public struct TTLIndex: DocumentIndex {
    public let definition: IndexDefinition
    private let prefix: [UInt8]
    private let expireAfter: Double

    public init(definition: IndexDefinition) {
        precondition(definition.type == .ttl && definition.fields.count == 1, "TTLIndex needs a ttl definition")
        self.definition = definition
        self.prefix = KeySpace.indexPrefix(definition.objectId)
        self.expireAfter = definition.expireAfter ?? 0
    }

    public func entries(for document: JSON, key: String) -> [IndexEntry] {
        guard let expiry = expiryTime(of: document) else { return [] }
        var bytes = prefix
        IndexKeyEncoding.append(.double(expiry), to: &bytes)
        IndexKeyEncoding.append(.string(key), to: &bytes)
        return [IndexEntry(key: bytes, value: Array(key.utf8))]
    }

    /// When `document` expires (seconds since the epoch), if it has a valid
    /// time at all.
    public func expiryTime(of document: JSON) -> Double? {
        guard let values = definition.fields[0].values(in: document), let value = values.first else { return nil }
        let time: Double?
        switch value {
        case .int, .double: time = value.doubleValue
        case .string(let text): time = ISO8601Time.seconds(from: text)
        default: time = nil
        }
        guard let time, time.isFinite else { return nil }
        return time + expireAfter
    }

    /// Up to `limit` keys of documents expired at `now` (expiry ≤ now),
    /// earliest expiry first.
    public func expiredKeys(now: Double, limit: Int, in storage: any StorageEngine) -> [String] {
        guard limit > 0 else { return [] }
        var end = prefix
        IndexKeyEncoding.append(.double(now), to: &end)
        let cursor = IndexCursor(storage: storage, ranges: [KeyRange(prefix, KeyRange.successor(ofPrefix: end))])
        return Array(cursor.prefix(limit))
    }
}

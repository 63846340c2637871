import C8Core

/// The kinds of index a collection can have.
public enum IndexType: String, Sendable, CaseIterable {
    case primary, edge, persistent, hash, skiplist, ttl, fulltext, geo

    /// hash and skiplist are persistent indexes under older names.
    public var isPersistentFamily: Bool { self == .persistent || self == .hash || self == .skiplist }
}

/// An index as stored in the catalog and reported by the API.
public struct IndexDefinition: Sendable, Hashable {
    /// Storage object id (keys of the index's entries start with it).
    public var objectId: UInt64
    /// The `N` of the id `collection/N`; the primary index is 0, edge 1 and 2.
    public var localId: Int
    public var name: String
    public var type: IndexType
    public var fields: [AttributePath]
    public var unique: Bool
    public var sparse: Bool
    public var deduplicate: Bool
    /// ttl: seconds after the field's time the document expires.
    public var expireAfter: Double?
    /// fulltext: the shortest word indexed.
    public var minLength: Int?
    /// geo: one field holds `[lon, lat]` (GeoJSON order) instead of `[lat, lon]`.
    public var geoJson: Bool

    public init(
        objectId: UInt64, localId: Int, name: String, type: IndexType, fields: [AttributePath],
        unique: Bool = false, sparse: Bool = false, deduplicate: Bool = true,
        expireAfter: Double? = nil, minLength: Int? = nil, geoJson: Bool = false
    ) {
        self.objectId = objectId
        self.localId = localId
        self.name = name
        self.type = type
        self.fields = fields
        self.unique = unique
        self.sparse = sparse
        self.deduplicate = deduplicate
        self.expireAfter = expireAfter
        self.minLength = minLength
        self.geoJson = geoJson
    }

    /// The API form: `{id: "coll/N", name, type, fields, unique, sparse, …}`.
    public func json(collection: String) -> JSON {
        var object = JSONObject()
        object["id"] = .string("\(collection)/\(localId)")
        object["name"] = .string(name)
        object["type"] = .string(type.rawValue)
        object["fields"] = .array(fields.map { .string($0.description) })
        object["unique"] = .bool(unique)
        object["sparse"] = .bool(sparse)
        if type.isPersistentFamily { object["deduplicate"] = .bool(deduplicate) }
        if let expireAfter { object["expireAfter"] = .double(expireAfter) }
        if let minLength { object["minLength"] = .int(Int64(minLength)) }
        if type == .geo { object["geoJson"] = .bool(geoJson) }
        if type == .primary || type == .edge { object["selectivityEstimate"] = 1 }
        return .object(object)
    }
}

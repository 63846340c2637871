import C8Core

/// Document (2) or edge (3), the ArangoDB type numbers the API uses.
public enum CollectionType: Int, Sendable {
    case document = 2
    case edge = 3
}

/// How a collection is exposed: documents, or key/value pairs.
public enum CollectionModel: String, Sendable {
    case document = "DOC"
    case keyValue = "KV"
}

/// Everything the catalog keeps about a collection.
public struct CollectionProperties: Sendable {
    public var objectId: UInt64
    public var name: String
    public var type: CollectionType
    public var model: CollectionModel
    public var waitForSync: Bool
    public var keyOptions: KeyOptions
    public var shardKeys: [String]
    /// Spot (strongly consistent) collection: writes go to the fabric's spot region.
    public var isSpot: Bool
    /// Lives in one region only, never replicated.
    public var isLocal: Bool
    /// Publishes every change on a collection stream.
    public var hasStream: Bool
    public var isSystem: Bool
    /// Key/value collections: whether `expireAt` is honoured.
    public var expiration: Bool
    /// Whether reads of the collection's documents go through the engine's
    /// document cache (ArangoDB's `cacheEnabled`). On by default in c8 —
    /// unlike ArangoDB — because the cache is one per engine, bounded by
    /// ``EngineLimits/documentCacheBytes``, and kept exactly consistent with
    /// writes; turn it off for collections whose reads should not displace
    /// hotter ones.
    public var cacheEnabled: Bool
    public var globallyUniqueId: String

    /// The default shard keys: documents are placed by `_key`.
    public static let defaultShardKeys = ["_key"]

    public var hasDefaultShardKeys: Bool { shardKeys == Self.defaultShardKeys }

    /// The change listeners that hear this collection's writes.
    var changeScope: ChangeScope {
        var scope: ChangeScope = isLocal ? [] : .replicated
        if hasStream { scope.insert(.streamed) }
        return scope
    }

    /// The API form (`GET /_api/collection/{name}` and list items).
    public func json() -> JSON {
        var object = JSONObject()
        object["id"] = .string(String(objectId))
        object["name"] = .string(name)
        object["status"] = 3
        object["type"] = .int(Int64(type.rawValue))
        object["collectionModel"] = .string(model.rawValue)
        object["isSpot"] = .bool(isSpot)
        object["strongConsistency"] = .bool(isSpot)
        object["isLocal"] = .bool(isLocal)
        object["hasStream"] = .bool(hasStream)
        object["waitForSync"] = .bool(waitForSync)
        object["isSystem"] = .bool(isSystem)
        object["globallyUniqueId"] = .string(globallyUniqueId)
        object["searchEnabled"] = false
        object["cacheEnabled"] = .bool(cacheEnabled)
        object["keyOptions"] = keyOptions.json
        object["shardKeys"] = .array(shardKeys.map { .string($0) })
        object["numberOfShards"] = .int(Int64(Sharding.shardCount))
        object["replicationFactor"] = 2
        if model == .keyValue { object["expiration"] = .bool(expiration) }
        return .object(object)
    }

    /// Reads the catalog form back (the same shape as ``json()``).
    init(catalog json: JSON) throws(C8Error) {
        guard let id = json["id"].stringValue.flatMap({ UInt64($0) }), let name = json["name"].stringValue else {
            throw C8Error(.internalError, "corrupt collection entry in the catalog")
        }
        objectId = id
        self.name = name
        type = CollectionType(rawValue: Int(json["type"].intValue ?? 2)) ?? .document
        model = CollectionModel(rawValue: json["collectionModel"].stringValue ?? "DOC") ?? .document
        isSpot = json["isSpot"].boolValue ?? false
        isLocal = json["isLocal"].boolValue ?? false
        hasStream = json["hasStream"].boolValue ?? false
        waitForSync = json["waitForSync"].boolValue ?? false
        isSystem = json["isSystem"].boolValue ?? false
        expiration = json["expiration"].boolValue ?? false
        cacheEnabled = json["cacheEnabled"].boolValue ?? true
        globallyUniqueId = json["globallyUniqueId"].stringValue ?? "c\(id)"
        keyOptions = try KeyOptions(json: json["keyOptions"])
        shardKeys = json["shardKeys"].arrayValue?.compactMap(\.stringValue) ?? Self.defaultShardKeys
    }

    init(objectId: UInt64, name: String, options: CollectionOptions) {
        self.objectId = objectId
        self.name = name
        type = options.type
        model = options.model
        waitForSync = options.waitForSync
        keyOptions = options.keyOptions
        shardKeys = options.shardKeys
        isSpot = options.isSpot
        isLocal = options.isLocal
        hasStream = options.hasStream
        isSystem = options.isSystem
        expiration = options.expiration
        cacheEnabled = options.cacheEnabled
        globallyUniqueId = "c\(objectId)"
    }
}

/// What a create-collection request may say (C8-API.md §1.7), with defaults.
public struct CollectionOptions: Sendable {
    public var type: CollectionType = .document
    public var model: CollectionModel = .document
    public var waitForSync = false
    public var keyOptions: KeyOptions = .default
    public var shardKeys: [String] = CollectionProperties.defaultShardKeys
    public var isSpot = false
    public var isLocal = false
    public var hasStream = false
    public var isSystem = false
    public var expiration = false
    /// See ``CollectionProperties/cacheEnabled``.
    public var cacheEnabled = true

    public init(type: CollectionType = .document, model: CollectionModel = .document) {
        self.type = type
        self.model = model
    }

    /// Parses a request body: `{name, type, waitForSync, keyOptions,
    /// shardKeys, isSpot | strongConsistency, isLocal, stream | hasStream,
    /// isSystem, collectionModel, cacheEnabled}`.
    public init(json: JSON) throws(C8Error) {
        switch json["type"] {
        case .null: break
        case .int(2): type = .document
        case .int(3): type = .edge
        case .string("document"): type = .document
        case .string("edge"): type = .edge
        default: throw C8Error(.collectionTypeInvalid, detail: "type must be 2 (document) or 3 (edge)")
        }
        if let model = json["collectionModel"].stringValue {
            guard let parsed = CollectionModel(rawValue: model.uppercased()) else {
                throw C8Error(.badParameter, "collectionModel must be DOC or KV")
            }
            self.model = parsed
        }
        waitForSync = try Self.bool(json, "waitForSync") ?? false
        keyOptions = try KeyOptions(json: json["keyOptions"])
        if case .array(let keys) = json["shardKeys"] {
            let names = keys.compactMap(\.stringValue)
            guard names.count == keys.count, !names.isEmpty, names.count <= 8, Set(names).count == names.count else {
                throw C8Error(.badParameter, "shardKeys must be 1 to 8 distinct attribute names")
            }
            guard !names.contains(where: { $0 == "_id" || $0 == "_rev" }) else {
                throw C8Error(.badParameter, "_id and _rev cannot be shard keys")
            }
            shardKeys = names
        }
        let isSpot = try Self.bool(json, "isSpot") ?? false
        let strongConsistency = try Self.bool(json, "strongConsistency") ?? false
        self.isSpot = isSpot || strongConsistency
        isLocal = try Self.bool(json, "isLocal") ?? false
        let stream = try Self.bool(json, "stream") ?? false
        let hasStream = try Self.bool(json, "hasStream") ?? false
        self.hasStream = stream || hasStream
        isSystem = try Self.bool(json, "isSystem") ?? false
        expiration = try Self.bool(json, "expiration") ?? false
        cacheEnabled = try Self.bool(json, "cacheEnabled") ?? true
        if isSpot && isLocal {
            throw C8Error(.badParameter, "a collection cannot be both spot (strongly consistent) and local")
        }
        if !hasDefaultShardKeys && model == .keyValue {
            throw C8Error(.badParameter, "key/value collections are sharded by _key")
        }
    }

    var hasDefaultShardKeys: Bool { shardKeys == CollectionProperties.defaultShardKeys }

    /// The request form: ``init(json:)`` reads it back to equal options.
    public var json: JSON {
        var object = JSONObject()
        object["type"] = .int(Int64(type.rawValue))
        object["collectionModel"] = .string(model.rawValue)
        object["waitForSync"] = .bool(waitForSync)
        object["keyOptions"] = keyOptions.json
        object["shardKeys"] = .array(shardKeys.map { .string($0) })
        object["isSpot"] = .bool(isSpot)
        object["isLocal"] = .bool(isLocal)
        object["hasStream"] = .bool(hasStream)
        object["isSystem"] = .bool(isSystem)
        object["expiration"] = .bool(expiration)
        object["cacheEnabled"] = .bool(cacheEnabled)
        return .object(object)
    }

    /// Accepts JSON booleans and the strings pyC8 sometimes sends ("True").
    private static func bool(_ json: JSON, _ name: String) throws(C8Error) -> Bool? {
        switch json[name] {
        case .null: return nil
        case .bool(let b): return b
        case .string(let s) where s.lowercased() == "true": return true
        case .string(let s) where s.lowercased() == "false": return false
        default: throw C8Error(.badParameter, "\(name) must be a boolean")
        }
    }
}

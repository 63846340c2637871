import C8Core
import C8Engine
import C8Net

/// Key/value collections (C8-PROTOCOL.md §9): create, list, drop; set, get
/// and remove pairs; keys, values and counts.
struct KeyValueRoutes: RouteGroup {
    let services: APIServices

    /// GDN's errorNum for a missing key/value collection.
    static let collectionNotFound = 101000

    var routes: [Route] {
        let named = RouteValue.path("collection")
        return [
            Route(.get, "/kv", access: .fabric(.read), list),
            Route(.post, "/kv/{collection}", access: .fabric(.administer), create),
            Route(.delete, "/kv/{collection}", access: .fabric(.administer), drop),
            Route(.put, "/kv/{collection}/value", access: .collection(named, .write), set),
            Route(.get, "/kv/{collection}/value/{key}", access: .collection(named, .read), get),
            Route(.delete, "/kv/{collection}/value/{key}", access: .collection(named, .write), remove),
            Route(.delete, "/kv/{collection}/values", access: .collection(named, .write), removeMany),
            Route(.post, "/kv/{collection}/values", access: .collection(named, .read), values),
            Route(.get, "/kv/{collection}/keys", access: .collection(named, .read), keys),
            Route(.get, "/kv/{collection}/count", access: .collection(named, .read), count),
            Route(.put, "/kv/{collection}/truncate", access: .collection(named, .write), truncate),
        ]
    }

    /// The key/value store the URL names.
    /// - Throws: 404 (101000) when it is missing or not a key/value collection.
    private func store(_ context: RouteContext) throws(C8Error) -> KeyValueStore {
        let name = try context.parameter("collection")
        let fabric = try context.fabric()
        guard fabric.hasCollection(name), let store = try? KeyValueStore(try fabric.collection(name)) else {
            throw C8Error(code: 404, errorNum: Self.collectionNotFound, message: "key/value collection not found: \(name)")
        }
        return store
    }

    /// A pair as the API shows it: `expireAt` null when it never expires.
    private func json(_ pair: KeyValuePair) -> JSON {
        ["_key": .string(pair.key), "value": pair.value, "expireAt": pair.expireAt < 0 ? .null : .int(pair.expireAt)]
    }

    private func named(_ name: String) -> JSONObject { ["name": .string(name)] }

    func list(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let fabric = try context.fabric()
        let collections = fabric.keyValueCollections().filter { context.caller.lists(.collection($0.name), in: fabric.name) }
        return APIResponse.result(200, .array(collections.map { ["name": .string($0.name), "expiration": .bool($0.expiration)] }))
    }

    /// `POST /kv/{name}?expiration=bool` with an optional body of collection
    /// options (`stream`, `waitForSync`, `cacheEnabled`) → `{name}`.
    func create(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let name = try context.parameter("collection")
        let options = try CollectionOptions(json: try context.objectBody())
        let expiration = try context.query.bool("expiration", default: false)
        _ = try context.fabric().createKeyValueCollection(name, expiration: expiration, options: options)
        return APIResponse.envelope(200, named(name))
    }

    func drop(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let store = try self.store(context)
        let name = store.collection.name
        try context.fabric().dropCollection(name)
        return APIResponse.envelope(200, named(name))
    }

    /// Upserts `[{_key, value, expireAt?}]` (a single object is one pair):
    /// 202 with one item per pair, invalid pairs as error items.
    func set(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let store = try self.store(context)
        let items: [JSON]
        switch try context.body() {
        case .array(let array): items = array
        case .object(let object): items = [.object(object)]
        default: throw C8Error(.badParameter, "the body must be an array of {_key, value} pairs")
        }
        var parsed: [Result<KeyValuePair, C8Error>] = []
        for item in items {
            do throws(C8Error) { parsed.append(.success(try KeyValuePair(json: item))) } catch { parsed.append(.failure(error)) }
        }
        let waitForSync = try context.query.bool("waitForSync", default: false)
        var written = try store.set(parsed.compactMap { try? $0.get() }, waitForSync: waitForSync).makeIterator()
        var results: [Result<DocumentResult, C8Error>] = []
        for item in parsed {
            switch item {
            case .success: results.append(written.next() ?? .failure(C8Error(.internalError, "missing result of a pair")))
            case .failure(let error): results.append(.failure(error))
            }
        }
        return DocumentResponses.batch(results, options: WriteOptions(), status: waitForSync ? 201 : 202)
    }

    /// `{_id, _key, _rev, value[, expireAt]}`; expired pairs are gone (1202).
    func get(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let store = try self.store(context)
        let key = try context.parameter("key")
        guard try store.get(key) != nil, var document = try store.collection.document(key)?.objectValue else {
            throw C8Error(.documentNotFound, detail: "\(store.collection.name)/\(key)")
        }
        if case .null? = document["expireAt"] { document.removeValue(forKey: "expireAt") }
        return APIResponse.json(200, .object(document), headers: Revisions.headers(document["_rev"]?.stringValue))
    }

    func remove(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let store = try self.store(context)
        let result = try store.collection.remove(DocumentSelector(key: try context.parameter("key")))
        return APIResponse.json(202, result.json, headers: Revisions.headers(result.rev))
    }

    /// The body lists keys, or `{_key}` objects (pyC8's tests send those).
    func removeMany(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let store = try self.store(context)
        guard case .array(let keys) = try context.body() else {
            throw C8Error(.badParameter, "the body must be an array of keys")
        }
        guard keys.count <= 1000 else { throw C8Error(.badParameter, "at most 1000 keys per request") }
        return DocumentResponses.batch(try store.collection.remove(many: keys), options: WriteOptions(), status: 202)
    }

    /// `POST /kv/{name}/values[?offset=&limit=]`, optionally with an array of
    /// keys (at most 100) → `{result: [{_key, value, expireAt}]}`.
    func values(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let store = try self.store(context)
        var keys: [String]?
        switch try context.body() {
        case .null: keys = nil
        case .array(let items):
            keys = items.compactMap { $0.stringValue ?? $0["_key"].stringValue }
            guard keys?.count == items.count else { throw C8Error(.badParameter, "keys must be strings or {_key} objects") }
        default: throw C8Error(.badParameter, "the body must be an array of keys")
        }
        let pairs = try store.values(
            keys: keys, offset: try context.query.int("offset") ?? 0, limit: try context.query.int("limit") ?? Self.defaultLimit)
        return APIResponse.result(200, .array(pairs.map(json)))
    }

    /// GDN's page size when a request gives no `limit`.
    static let defaultLimit = 20

    func keys(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let store = try self.store(context)
        let keys = try store.keys(
            offset: try context.query.int("offset") ?? 0, limit: try context.query.int("limit") ?? Self.defaultLimit,
            descending: try context.query.descendingOrder())
        return APIResponse.result(200, .array(keys.map { .string($0) }))
    }

    func count(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let store = try self.store(context)
        var body = named(store.collection.name)
        body["count"] = .int(Int64(try store.count()))
        return APIResponse.envelope(200, body)
    }

    func truncate(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let store = try self.store(context)
        try store.truncate()
        return APIResponse.envelope(200, named(store.collection.name))
    }
}

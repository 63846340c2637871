import C8Core
import C8Engine
import C8Net

/// Indexes (C8-PROTOCOL.md §7): list and create with `?collection=C`
/// (generically or at `/index/{type}`), read and drop by name or id. Ids
/// are `collection/N`; the primary index is `collection/0`.
struct IndexRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        let queried = RouteValue.query("collection")
        let named = RouteValue.path("collection")
        return [
            Route(.get, "/index", access: .collection(queried, .read), list),
            Route(.post, "/index", access: .collection(queried, .administer), create),
            Route(.post, "/index/{type}", access: .collection(queried, .administer), createTyped),
            Route(.get, "/index/{collection}/{index}", access: .collection(named, .read), describe),
            Route(.delete, "/index/{collection}/{index}", access: .collection(named, .administer), drop),
        ]
    }

    private func queriedCollection(_ context: RouteContext) throws(C8Error) -> DocumentCollection {
        guard let name = context.query["collection"], !name.isEmpty else { throw C8Error(.collectionParameterMissing) }
        return try context.fabric().collection(name)
    }

    /// `{indexes: [...], identifiers: {id: index}}`.
    func list(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try queriedCollection(context)
        let indexes = collection.indexDefinitions.map { $0.json(collection: collection.name) }
        let identifiers = JSONObject(members: indexes.map { JSONObject.Member($0["id"].stringValue ?? "", $0) })
        return APIResponse.envelope(200, ["indexes": .array(indexes), "identifiers": .object(identifiers)])
    }

    func create(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try createIndex(context, type: nil)
    }

    /// `/index/{type}`; `/index/general` takes the type from the body.
    func createTyped(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let text = try context.parameter("type")
        if text == "general" { return try createIndex(context, type: nil) }
        guard let type = IndexType(rawValue: text) else { throw C8Error(.badParameter, "invalid index type '\(text)'") }
        return try createIndex(context, type: type)
    }

    /// 201 with `isNewlyCreated: true`, or 200 with false when an equal
    /// index exists already.
    private func createIndex(_ context: RouteContext, type: IndexType?) throws(C8Error) -> HTTPResponse {
        let collection = try queriedCollection(context)
        let (definition, created) = try collection.createIndex(try context.objectBody(), type: type)
        var description = definition.json(collection: collection.name).objectValue ?? JSONObject()
        description["isNewlyCreated"] = .bool(created)
        return APIResponse.envelope(created ? 201 : 200, description)
    }

    func describe(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        let definition = try collection.index(try context.parameter("index"))
        return APIResponse.envelope(200, merging: definition.json(collection: collection.name))
    }

    /// Answers with the dropped index's id, as ArangoDB does.
    func drop(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        let definition = try collection.index(try context.parameter("index"))
        try collection.dropIndex(definition.name)
        return APIResponse.envelope(200, ["id": .string("\(collection.name)/\(definition.localId)")])
    }
}

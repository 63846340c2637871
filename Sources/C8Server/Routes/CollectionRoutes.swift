import C8Core
import C8Engine
import C8Net

/// Collections (C8-PROTOCOL.md §5): list, create with every option, read,
/// properties, count, figures, truncate, rename, drop. Descriptions are
/// answered inside the envelope: `{"error":false,"code":200,"id":…,"name":…}`.
struct CollectionRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        let named = RouteValue.path("collection")
        return [
            Route(.get, "/collection", access: .fabric(.read), list),
            Route(.post, "/collection", access: .fabric(.administer), create),
            Route(.get, "/collection/{collection}", access: .collection(named, .read), describe),
            Route(.delete, "/collection/{collection}", access: .fabric(.administer), drop),
            Route(.get, "/collection/{collection}/properties", access: .collection(named, .read), describe),
            Route(.put, "/collection/{collection}/properties", access: .fabric(.administer), setProperties),
            Route(.get, "/collection/{collection}/count", access: .collection(named, .read), count),
            Route(.get, "/collection/{collection}/figures", access: .collection(named, .read), figures),
            Route(.put, "/collection/{collection}/truncate", access: .collection(named, .write), truncate),
            Route(.put, "/collection/{collection}/rename", access: .fabric(.administer), rename),
        ]
    }

    func list(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let excludeSystem = try context.query.bool("excludeSystem", default: false)
        let fabric = try context.fabric()
        let collections = fabric.collections(excludeSystem: excludeSystem)
            .filter { context.caller.lists(.collection($0.name), in: fabric.name) }
        return APIResponse.result(200, .array(collections.map { $0.properties.json() }))
    }

    /// `{name, type, waitForSync, keyOptions, isSpot | strongConsistency,
    /// isLocal, stream | hasStream, isSystem, shardKeys, cacheEnabled, …}`;
    /// the query's `waitForSyncReplication` and `enforceReplicationFactor`
    /// are accepted and have nothing to change in one process.
    func create(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let body = try context.objectBody()
        let name = try context.requiredString(body, "name")
        _ = try context.query.bool("waitForSyncReplication")
        _ = try context.query.bool("enforceReplicationFactor")
        let collection = try context.fabric().createCollection(name, options: try CollectionOptions(json: body))
        return APIResponse.envelope(200, merging: collection.properties.json())
    }

    func describe(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        APIResponse.envelope(200, merging: try context.collection().properties.json())
    }

    /// ArangoDB answers a drop with the collection's id.
    func drop(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        let id = collection.properties.json()["id"]
        try context.fabric().dropCollection(collection.name, isSystem: try context.query.bool("isSystem", default: false))
        return APIResponse.envelope(200, ["id": id])
    }

    /// Only `waitForSync`, `hasStream` and `cacheEnabled` can change.
    func setProperties(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let body = try context.objectBody()
        let collection = try context.collection()
        try collection.setProperties(
            waitForSync: try LenientBoolean.member(body, "waitForSync"),
            hasStream: try LenientBoolean.member(body, "hasStream"),
            cacheEnabled: try LenientBoolean.member(body, "cacheEnabled"))
        return APIResponse.envelope(200, merging: collection.properties.json())
    }

    func count(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        var description = collection.properties.json().objectValue ?? JSONObject()
        description["count"] = .int(Int64(collection.count))
        return APIResponse.envelope(200, description)
    }

    func figures(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        APIResponse.envelope(200, merging: try context.collection().figures())
    }

    func truncate(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        try collection.truncate(waitForSync: try context.query.bool("waitForSync", default: false))
        return APIResponse.envelope(200, merging: collection.properties.json())
    }

    func rename(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let newName = try context.requiredString(try context.objectBody(), "name")
        let fabric = try context.fabric()
        try fabric.renameCollection(try context.parameter("collection"), to: newName)
        return APIResponse.envelope(200, merging: try fabric.collection(newName).properties.json())
    }
}

import C8Core
import C8Net

/// Compaction on request, as ArangoDB offers it: `PUT /_admin/compact`
/// (3.8+, the whole server) and `PUT /_api/collection/{name}/compact`.
/// Both rewrite every region's whole store (``StoreCompaction``): a
/// collection's documents and index entries are spread over the storage
/// nodes' namespaces of one store, and one pass over everything is what
/// a bulk load needs afterwards. Blocking: the answer comes when it is done.
struct CompactionRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        [
            // The whole server, every tenant's data: server admins only
            // (ArangoDB requires superuser access).
            Route(.put, "/_admin/compact", in: .server, access: .serverAdmin, compactServer),
            // Rewrites data of others too, so it is the fabric's
            // administrators' (rw on the fabric), not every writer's.
            Route(.put, "/collection/{collection}/compact", access: .fabric(.administer), compactCollection),
        ]
    }

    /// Body (optional): `{"changeLevel": bool, "compactBottomMostLevel": bool}`,
    /// both false by default in ArangoDB. Compaction here always moves the
    /// data to the bottommost level and rewrites that level too (ingested
    /// tables must join the one run), so the options are checked and read
    /// as requests c8 always grants. Answers `{"error": false, "code": 200}`.
    func compactServer(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let body = try context.objectBody()
        for option in ["changeLevel", "compactBottomMostLevel"] where !body[option].isNull && body[option].boolValue == nil {
            throw C8Error(.badParameter, "'\(option)' must be a boolean")
        }
        try services.compaction.compactAll()
        return APIResponse.envelope(200)
    }

    /// Answers with the collection's description, as ArangoDB does;
    /// an unknown collection is 404 (errorNum 1203).
    func compactCollection(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let collection = try context.collection()
        try services.compaction.compactAll()
        return APIResponse.envelope(200, merging: collection.properties.json())
    }
}

import C8Core
import C8Net
import C8Query

/// RESTQL, GDN's saved queries ("query workers", C8-PROTOCOL.md §9):
/// create, list, update, delete, import, execute by name and fetch further
/// batches.
struct SavedQueryRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        let named = RouteValue.path("name")
        return [
            Route(.post, "/restql", access: .fabric(.write), create),
            Route(.get, "/restql/user", access: .fabric(.read), list),
            Route(.post, "/restql/import", access: .fabric(.write), importQueries),
            Route(.post, "/restql/execute/{name}", access: .savedQuery(named, .read), execute),
            Route(.put, "/restql/fetch/{id}", access: .fabric(.read), fetch),
            Route(.put, "/restql/{name}", access: .savedQuery(named, .write), update),
            Route(.delete, "/restql/{name}", access: .savedQuery(named, .write), delete),
        ]
    }

    private func saved(_ context: RouteContext) throws(C8Error) -> SavedQueries {
        SavedQueries(fabric: try context.fabric(), engine: services.queries)
    }

    /// `{query: {name, value, parameter?, type?}}` → 201 `{result: {_key,
    /// name, value, type, tenant, fabric, userid, parameter}}`.
    func create(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let saved = try self.saved(context)
        let query = try saved.create(try context.objectBody())
        return APIResponse.result(201, query.json(fabric: saved.fabric, user: context.caller.user))
    }

    func list(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let saved = try self.saved(context)
        let visible = try saved.list().filter { context.caller.lists(.savedQuery($0.name), in: saved.fabric.name) }
        return APIResponse.result(200, .array(visible.map { $0.json(fabric: saved.fabric, user: context.caller.user) }))
    }

    /// `{queries: [{name, value, …}], details}` → 201 `{result: {created, errors}}`.
    func importQueries(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let body = try context.objectBody()
        guard body["queries"].arrayValue != nil else { throw C8Error(.badParameter, "'queries' must be an array of saved queries") }
        let (created, errors) = try saved(context).importQueries(body)
        return APIResponse.result(201, ["created": .int(Int64(created)), "errors": .int(Int64(errors))])
    }

    /// `{bindVars?, batchSize?}` → 201, cursor-shaped; `PUT /restql/fetch/{id}` continues.
    func execute(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let body = try context.objectBody()
        let name = try context.parameter("name")
        let saved = try self.saved(context)
        let query = try saved.get(name)
        let bindVariables = try QueryBody.bindVariables(body)
        let batchSize = try QueryBody.batchSize(body)
        let first = try saved.execute(
            name, bindVariables: bindVariables, batchSize: batchSize, user: context.caller.user,
            access: QueryAccess.check(context))
        return CursorResponder(services: services).first(
            first, query: query.value, bindVariables: bindVariables, timeToLive: nil, context: context)
    }

    func fetch(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try CursorResponder(services: services).next(try context.parameter("id"), context: context)
    }

    /// `{query: {value?, parameter?, type?}}` → 200 `{result: {…}}`.
    func update(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let saved = try self.saved(context)
        let query = try saved.update(try context.parameter("name"), try context.objectBody())
        return APIResponse.result(200, query.json(fabric: saved.fabric, user: context.caller.user))
    }

    func delete(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try saved(context).delete(try context.parameter("name"))
        return APIResponse.result(200, true)
    }
}

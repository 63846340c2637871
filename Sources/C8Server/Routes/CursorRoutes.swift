import C8Core
import C8Net
import C8Query

/// Cursors (C8-PROTOCOL.md §8): `POST /cursor` runs a query and returns the
/// first batch; `PUT /cursor/{id}` (and ArangoDB's `POST`) the next one;
/// `DELETE /cursor/{id}` frees it.
struct CursorRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        [
            Route(.post, "/cursor", access: .fabric(.read), open),
            Route(.put, "/cursor/{id}", access: .fabric(.read), next),
            Route(.post, "/cursor/{id}", access: .fabric(.read), next),
            Route(.delete, "/cursor/{id}", access: .fabric(.read), delete),
            Route(.post, "/cursor/sql", access: .fabric(.read), sql),
        ]
    }

    private var responder: CursorResponder { CursorResponder(services: services) }

    func open(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let request = try CursorRequest(try context.objectBody())
        let run = try services.queries.execute(
            request.query, bindVariables: request.bindVariables, fabric: try context.fabric(),
            options: request.options, user: context.caller.user, access: QueryAccess.check(context))
        let opened = try services.queries.cursors.open(
            run, batchSize: request.batchSize, timeToLive: request.timeToLive, count: request.count)
        return responder.first(opened.body, query: request.query, bindVariables: request.bindVariables,
                               timeToLive: request.timeToLive, context: context)
    }

    func next(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try responder.next(try context.parameter("id"), context: context)
    }

    func delete(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try responder.delete(try context.parameter("id"), context: context)
    }

    /// GDN's SQL dialect is not part of c8.
    func sql(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        throw C8Error(.httpNotImplemented, "SQL queries are not supported; use C8QL with POST /_api/cursor")
    }
}

import C8Core
import C8Net

/// Streams (C8-PROTOCOL.md §10, §11) arrive with the streams issue. Until
/// then every stream endpoint — REST, and the websocket paths under
/// `/_ws/` — answers 501 with a message saying so, rather than a 404 that
/// would read as "no such stream". The streams routes will replace these
/// by registering the same shapes.
struct StreamRoutes: RouteGroup {
    static let message = "streams are not available on this server yet"

    var routes: [Route] {
        let methods: [HTTPMethod] = [.get, .post, .put, .delete, .patch]
        return methods.map { Route($0, "/streams/{path*}", access: .fabric(.read), unavailable) }
            + [Route(.get, "/_ws/{path*}", in: .server, access: .authenticated, unavailable)]
    }

    func unavailable(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        throw C8Error(.httpNotImplemented, Self.message)
    }
}

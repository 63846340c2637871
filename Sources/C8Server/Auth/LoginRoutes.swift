import C8Core
import C8Engine
import C8Net

/// `POST /_open/auth`: a password login answered with a session token,
/// `{"jwt","tenant","username"}`; and `POST /_api/key/validate`.
struct LoginRoutes: RouteGroup {
    let authenticator: Authenticator

    var routes: [Route] {
        [
            Route(.post, "/_open/auth", in: .server, access: .open, login),
            Route(.post, "/key/validate", access: .open, validateKey),
        ]
    }

    /// `{email, password}` or `{tenant, username, password}`. pyC8 posts it
    /// without a Content-Type; the body is JSON all the same.
    func login(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let body = try context.objectBody()
        let password = try context.requiredString(body, "password")
        let session: Session
        if let email = body["email"].stringValue, !email.isEmpty {
            session = try authenticator.login(email: email, password: password)
        } else if let tenant = body["tenant"].stringValue, let user = body["username"].stringValue {
            session = try authenticator.login(tenant: tenant, user: user, password: password)
        } else {
            throw C8Error(.badParameter, "send either email and password, or tenant, username and password")
        }
        return APIResponse.json(200, ["jwt": .string(session.jwt), "tenant": .string(session.tenant), "username": .string(session.user)])
    }

    /// `{apikey}` → `{tenant, keyid, user}` when the key is valid, else 401.
    func validateKey(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let principal = try authenticator.principal(apiKey: try context.requiredString(try context.objectBody(), "apikey"))
        guard case .apiKey(let keyId) = principal.holder else { throw .notAuthenticated("not an API key") }
        return APIResponse.result(200, ["tenant": .string(principal.tenant), "keyid": .string(keyId), "user": .string(principal.user)])
    }
}

import C8Core
import C8Engine
import C8Net

/// `/_api/key…`: the tenant's API keys. A key's secret appears once, in
/// the answer that creates it.
struct APIKeyRoutes: RouteGroup {
    let authority: AccountAuthority

    var routes: [Route] {
        [
            Route(.post, "/key", access: .authenticated, create),
            Route(.get, "/key", access: .authenticated, list),
            Route(.get, "/key/{keyid}", access: .authenticated, get),
            Route(.delete, "/key/{keyid}", access: .authenticated, remove),
        ]
    }

    /// `{keyid*, user, isSystem}` → 201 `{key, keyid, tenant, user, isSystem}`.
    func create(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let request = try authority.admin(context)
        let body = try context.objectBody()
        guard let keyId = body["keyid"].stringValue else { throw C8Error(.badParameter, "'keyid' is required") }
        let user = body["user"].stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? TenantAccess.rootUser
        let issued = try request.access.createAPIKey(keyId, user: user, isSystem: body["isSystem"].boolValue ?? false)
        var members = issued.key.wireJSON(tenant: request.access.tenant)
        members["key"] = .string(issued.secret)
        return APIResponse.envelope(201, members)
    }

    func list(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let request = try authority.admin(context)
        let keys = try request.access.apiKeys().map { JSON.object($0.wireJSON(tenant: request.access.tenant)) }
        return APIResponse.result(200, .array(keys))
    }

    func get(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let keyId = try context.parameter("keyid")
        let request = try authority.adminOrSelf(context, .apiKey(keyId))
        return APIResponse.envelope(200, try request.access.apiKey(keyId).wireJSON(tenant: request.access.tenant))
    }

    func remove(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let request = try authority.admin(context)
        try request.access.removeAPIKey(try context.parameter("keyid"))
        return APIResponse.envelope(200)
    }
}

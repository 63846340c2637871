import C8Core
import C8Engine
import C8Net

/// `/_api/user…` (also under `/_fabric/{f}/_api/`, where pyC8's tenant
/// object sends it): the tenant's users. Admins manage everyone; a user
/// reads itself.
struct UserRoutes: RouteGroup {
    let authority: AccountAuthority

    var routes: [Route] {
        [
            Route(.get, "/user", access: .authenticated, list),
            Route(.post, "/user", access: .authenticated, create),
            Route(.get, "/user/{user}", access: .authenticated, get),
            Route(.patch, "/user/{user}", access: .authenticated, update),
            Route(.delete, "/user/{user}", access: .authenticated, remove),
        ]
    }

    /// Everyone for an admin, else the caller's own record. Never empty:
    /// pyC8 takes the tenant name from `result[0].tenant` whatever the
    /// credential, so a principal whose user has no record (the `root` of
    /// `--admin-key`) is listed by name.
    func list(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let request = try authority.request(context)
        let tenant = request.access.tenant
        var users: [UserAccount] = []
        if request.isAdmin {
            users = try request.access.users()
        } else if let own = try ownUser(request) {
            users = [own]
        }
        var result = users.map { JSON.object($0.wireJSON(tenant: tenant)) }
        if !users.contains(where: { $0.user == request.principal.user }) {
            result.insert(.object(UserAccount.placeholderWireJSON(tenant: tenant, user: request.principal.user)), at: 0)
        }
        return APIResponse.result(200, .array(result))
    }

    /// `{email*, passwd*, displayName, active, extra, user}` → 201 with the user.
    func create(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let request = try authority.admin(context)
        let body = try context.objectBody()
        var new = NewUser(email: try context.requiredString(body, "email"), password: try context.requiredString(body, "passwd"))
        new.user = body["user"].stringValue.flatMap { $0.isEmpty ? nil : $0 }
        new.displayName = body["displayName"].stringValue
        new.active = try optionalBool(body, "active") ?? true
        if !body["extra"].isNull { new.extra = body["extra"] }
        let user = try request.access.createUser(new)
        return APIResponse.envelope(201, user.wireJSON(tenant: request.access.tenant))
    }

    func get(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let name = try context.parameter("user")
        let request = try authority.adminOrSelf(context, .user(name))
        return APIResponse.envelope(200, try request.access.user(name).wireJSON(tenant: request.access.tenant))
    }

    /// `{passwd, displayName, active, extra, newEmail: {email}}`; users may
    /// change their own record except `active`.
    func update(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let name = try context.parameter("user")
        let request = try authority.adminOrSelf(context, .user(name))
        let body = try context.objectBody()
        var changes = UserChanges()
        changes.password = body["passwd"].stringValue
        changes.displayName = body["displayName"].stringValue
        changes.email = body["newEmail"]["email"].stringValue
        changes.active = try optionalBool(body, "active")
        if !body["extra"].isNull { changes.extra = body["extra"] }
        if changes.active != nil, !request.isAdmin { throw .accessDenied("only admins activate or deactivate users") }
        let user = try request.access.updateUser(name, changes)
        return APIResponse.envelope(200, user.wireJSON(tenant: request.access.tenant))
    }

    /// 202 `{"error":false,"code":202}`, as GDN answers.
    func remove(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let request = try authority.admin(context)
        try request.access.removeUser(try context.parameter("user"))
        return APIResponse.envelope(202)
    }

    private func ownUser(_ request: AccountRequest) throws(C8Error) -> UserAccount? {
        do {
            return try request.access.user(request.principal.user)
        } catch where error.matches(.userNotFound) {
            return nil
        }
    }

    private func optionalBool(_ body: JSON, _ name: String) throws(C8Error) -> Bool? {
        let value = body[name]
        if value.isNull { return nil }
        guard let flag = value.boolValue else { throw C8Error(.badParameter, "'\(name)' must be true or false") }
        return flag
    }
}

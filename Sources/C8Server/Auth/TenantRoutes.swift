import C8Core
import C8Engine
import C8Net

/// `/_api/tenants` and `/_api/tenant/{t}`: the root tenant's administration
/// of the others, for server admins only.
struct TenantRoutes: RouteGroup {
    let authority: AccountAuthority

    var directory: TenantDirectory { TenantDirectory(engine: authority.engine) }

    var routes: [Route] {
        [
            Route(.get, "/tenants", access: .authenticated, list),
            Route(.post, "/tenant", access: .authenticated, create),
            Route(.get, "/tenant/{tenant}", access: .authenticated, get),
            Route(.patch, "/tenant/{tenant}", access: .authenticated, update),
            Route(.delete, "/tenant/{tenant}", access: .authenticated, remove),
        ]
    }

    func list(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        _ = try authority.serverAdmin(context)
        return APIResponse.result(200, .array(try directory.list().map { .object($0.wireJSON) }))
    }

    /// `{email*, passwd, name, displayName, plan, dcList, metadata, contact, extra}`;
    /// `dcList` as `"dc1,dc2"` or an array (pyC8 sends a list), empty for every region.
    func create(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        _ = try authority.serverAdmin(context)
        let body = try context.objectBody()
        var new = NewTenant(email: try context.requiredString(body, "email"))
        new.password = body["passwd"].stringValue.flatMap { $0.isEmpty ? nil : $0 }
        new.name = body["name"].stringValue.flatMap { $0.isEmpty ? nil : $0 }
        new.displayName = body["displayName"].stringValue
        if let plan = body["plan"].stringValue { new.plan = plan }
        new.dcList = try Self.regions(body["dcList"])
        if !body["metadata"].isNull { new.metadata = body["metadata"] }
        if !body["contact"].isNull { new.contact = body["contact"] }
        if !body["extra"].isNull { new.extra = body["extra"] }
        return APIResponse.result(201, .object(try directory.create(new).wireJSON))
    }

    func get(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        _ = try authority.serverAdmin(context)
        return APIResponse.result(200, .object(try directory.profile(try context.parameter("tenant")).wireJSON))
    }

    /// `{passwd, displayName, plan, dcList, active, metadata, contact, extra}`.
    func update(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        _ = try authority.serverAdmin(context)
        let body = try context.objectBody()
        var changes = TenantChanges()
        changes.password = body["passwd"].stringValue.flatMap { $0.isEmpty ? nil : $0 }
        changes.displayName = body["displayName"].stringValue
        changes.plan = body["plan"].stringValue
        changes.active = body["active"].boolValue
        if !body["dcList"].isNull { changes.dcList = try Self.regions(body["dcList"]) }
        if !body["metadata"].isNull { changes.metadata = body["metadata"] }
        if !body["contact"].isNull { changes.contact = body["contact"] }
        if !body["extra"].isNull { changes.extra = body["extra"] }
        return APIResponse.result(200, .object(try directory.update(try context.parameter("tenant"), changes).wireJSON))
    }

    /// `{"result": true}`; 1228 for an unknown tenant (pyC8's `ignore_missing`).
    /// The tenant's streams go with its fabrics.
    func remove(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        _ = try authority.serverAdmin(context)
        let name = try context.parameter("tenant")
        let fabrics = (try? authority.engine.tenant(name).fabrics().map(\.name)) ?? []
        try directory.delete(name)
        for fabric in fabrics { context.services.streams.dropFabric(tenant: name, fabric: fabric) }
        return APIResponse.result(200, true)
    }

    static func regions(_ value: JSON) throws(C8Error) -> [String] {
        switch value {
        case .null: return []
        case .string(let text): return text.split(separator: ",").map { String($0).trimmingBlanks }.filter { !$0.isEmpty }
        case .array(let items):
            var names: [String] = []
            for item in items {
                guard let name = item.stringValue else { throw C8Error(.badParameter, "dcList holds region names") }
                names.append(name)
            }
            return names
        default: throw C8Error(.badParameter, "dcList is a comma-separated string or an array of region names")
        }
    }
}

private extension String {
    var trimmingBlanks: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

import C8Core
import C8Engine
import C8Net

/// The permission and attribute routes that users and API keys share,
/// below `/_api/user/{id}/…` and `/_api/key/{id}/…`:
///
/// - `database[?full=true]`, `database/{fabric}` (GET, PUT `{grant}`, DELETE)
/// - `database/{fabric}/collection|stream|restql`, and `…/{name}` (GET, PUT, DELETE)
/// - `billing` (GET, PUT `{grant}`, DELETE)
/// - `attributes` (GET, PUT), `attributes/truncate`, `attributes/{name}` (DELETE)
///
/// Reads answer the level that applies (after resolution), so a cleared
/// collection reads as its fabric's level. Admins change grants; an
/// account reads its own.
struct GrantRoutes: RouteGroup {
    /// Which accounts: `user` or `key`.
    enum Holders: String, Sendable {
        case user
        case key

        func holder(_ id: String) -> AccessHolder {
            switch self {
            case .user: .user(id)
            case .key: .apiKey(id)
            }
        }
    }

    let holders: Holders
    let authority: AccountAuthority

    var routes: [Route] {
        let base = "/\(holders.rawValue)/{id}"
        return [
            Route(.get, base + "/database", access: .authenticated, listFabrics),
            Route(.get, base + "/database/{fabric}", access: .authenticated, getFabric),
            Route(.put, base + "/database/{fabric}", access: .authenticated, setFabric),
            Route(.delete, base + "/database/{fabric}", access: .authenticated, clearFabric),
            Route(.get, base + "/database/{fabric}/{kind}", access: .authenticated, listResources),
            Route(.get, base + "/database/{fabric}/{kind}/{name}", access: .authenticated, getResource),
            Route(.put, base + "/database/{fabric}/{kind}/{name}", access: .authenticated, setResource),
            Route(.delete, base + "/database/{fabric}/{kind}/{name}", access: .authenticated, clearResource),
            Route(.get, base + "/billing", access: .authenticated, getBilling),
            Route(.put, base + "/billing", access: .authenticated, setBilling),
            Route(.delete, base + "/billing", access: .authenticated, clearBilling),
            Route(.get, base + "/attributes", access: .authenticated, getAttributes),
            Route(.put, base + "/attributes", access: .authenticated, mergeAttributes),
            Route(.delete, base + "/attributes/truncate", access: .authenticated, truncateAttributes),
            Route(.delete, base + "/attributes/{name}", access: .authenticated, removeAttribute),
        ]
    }

    // MARK: - Fabrics

    /// `{fabric: level}` for every fabric of the tenant; with `full`,
    /// `{fabric: {permission, collections: {name: level}}}`.
    func listFabrics(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let (request, holder) = try reader(context)
        let full = try context.query.bool("full", default: false)
        var result = JSONObject()
        for fabric in try authority.engine.tenant(request.access.tenant).fabrics() {
            let level = try request.access.permission(of: holder, on: .fabric(fabric.name))
            guard full else {
                result[fabric.name] = .string(level.rawValue)
                continue
            }
            var collections = JSONObject()
            for collection in fabric.collections(excludeSystem: true) {
                let collectionLevel = try request.access.permission(of: holder, on: .collection(collection.name, in: fabric.name))
                collections[collection.name] = .string(collectionLevel.rawValue)
            }
            result[fabric.name] = ["permission": .string(level.rawValue), "collections": .object(collections)]
        }
        return APIResponse.result(200, .object(result))
    }

    func getFabric(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let (request, holder) = try reader(context)
        return APIResponse.result(200, .string(try request.access.permission(of: holder, on: .fabric(try context.parameter("fabric"))).rawValue))
    }

    func setFabric(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try grant(context, .fabric(try context.parameter("fabric")))
    }

    func clearFabric(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try revoke(context, .fabric(try context.parameter("fabric")))
    }

    // MARK: - Collections, streams, saved queries

    /// `{name: level}`: every collection of the fabric; for streams and
    /// saved queries, the names granted explicitly (and `*`).
    func listResources(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let (request, holder) = try reader(context)
        let fabric = try context.parameter("fabric")
        let kind = try resourceKind(context)
        var names = Set(try request.access.grants(of: holder).fabrics[fabric]?.resources[kind]?.keys.map { $0 } ?? [])
        if kind == .collection {
            let fabricObject = try authority.engine.tenant(request.access.tenant).fabric(fabric)
            for collection in fabricObject.collections(excludeSystem: true) { names.insert(collection.name) }
        }
        var result = JSONObject()
        for name in names.sorted() {
            result[name] = .string(try request.access.permission(of: holder, on: .resource(kind, fabric: fabric, name: name)).rawValue)
        }
        return APIResponse.result(200, .object(result))
    }

    func getResource(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let (request, holder) = try reader(context)
        let level = try request.access.permission(of: holder, on: try resourceTarget(context))
        return APIResponse.result(200, .string(level.rawValue))
    }

    func setResource(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try grant(context, try resourceTarget(context))
    }

    func clearResource(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try revoke(context, try resourceTarget(context))
    }

    // MARK: - Billing

    /// `{"result": level, "billing": level}`: pyC8's getter reads `result`
    /// (as for every other grant); older GDN clients read `billing`.
    func getBilling(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let (request, holder) = try reader(context)
        let level = JSON.string(try request.access.billingPermission(of: holder).rawValue)
        return APIResponse.envelope(200, ["result": level, "billing": level])
    }

    /// `{grant}` → `{"billing": grant}`.
    func setBilling(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let (request, holder) = try writer(context)
        let level = try requestedPermission(context)
        try request.access.setBillingPermission(level, for: holder)
        return APIResponse.envelope(200, ["billing": .string(level.rawValue)])
    }

    func clearBilling(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let (request, holder) = try writer(context)
        try request.access.setBillingPermission(nil, for: holder)
        return APIResponse.envelope(200, ["billing": .string(try request.access.billingPermission(of: holder).rawValue)])
    }

    // MARK: - Attributes

    func getAttributes(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let (request, holder) = try reader(context)
        return APIResponse.result(200, .object(try request.access.attributes(of: holder)))
    }

    /// The body's members are set; the others stay.
    func mergeAttributes(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let (request, holder) = try writer(context)
        guard let attributes = try context.objectBody().objectValue else { throw C8Error(.badParameter, "attributes must be an object") }
        return APIResponse.result(200, .object(try request.access.mergeAttributes(attributes, into: holder)))
    }

    func truncateAttributes(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let (request, holder) = try writer(context)
        try request.access.removeAttributes(nil, from: holder)
        return APIResponse.envelope(200)
    }

    func removeAttribute(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let (request, holder) = try writer(context)
        try request.access.removeAttributes(try context.parameter("name"), from: holder)
        return APIResponse.envelope(200)
    }

    // MARK: - Shared

    /// `{grant: "rw"|"ro"|"none"}` → 200 `{"<name>": grant}`.
    private func grant(_ context: RouteContext, _ target: AccessTarget) throws(C8Error) -> HTTPResponse {
        let (request, holder) = try writer(context)
        let level = try requestedPermission(context)
        try request.access.grant(level, on: target, to: holder)
        return APIResponse.envelope(200, [name(of: target): .string(level.rawValue)])
    }

    /// 202 `{"error":false,"code":202}`.
    private func revoke(_ context: RouteContext, _ target: AccessTarget) throws(C8Error) -> HTTPResponse {
        let (request, holder) = try writer(context)
        try request.access.revoke(target, from: holder)
        return APIResponse.envelope(202)
    }

    /// The body's `grant`: `rw`, `ro` or `none`.
    private func requestedPermission(_ context: RouteContext) throws(C8Error) -> Permission {
        try Permission(grant: try context.requiredString(try context.objectBody(), "grant"))
    }

    /// The account addressed, which must exist, for an admin or itself.
    private func reader(_ context: RouteContext) throws(C8Error) -> (AccountRequest, AccessHolder) {
        let holder = holders.holder(try context.parameter("id"))
        let request = try authority.adminOrSelf(context, holder)
        _ = try request.access.grants(of: holder)
        return (request, holder)
    }

    /// The account addressed, for an admin.
    private func writer(_ context: RouteContext) throws(C8Error) -> (AccountRequest, AccessHolder) {
        let holder = holders.holder(try context.parameter("id"))
        return (try authority.admin(context), holder)
    }

    private func resourceKind(_ context: RouteContext) throws(C8Error) -> ResourceKind {
        let segment = try context.parameter("kind")
        guard let kind = ResourceKind(rawValue: segment) else {
            throw C8Error(.httpNotFound, "unknown permission kind '\(segment)': use collection, stream or restql")
        }
        return kind
    }

    private func resourceTarget(_ context: RouteContext) throws(C8Error) -> AccessTarget {
        .resource(try resourceKind(context), fabric: try context.parameter("fabric"), name: try context.parameter("name"))
    }

    private func name(of target: AccessTarget) -> String {
        switch target {
        case .fabric(let name): name
        case .resource(_, _, let name): name
        }
    }
}

import C8Core
import C8Engine
import C8Net

/// The ``AccessGate`` of a server with accounts: authenticates the
/// `Authorization` header and checks the principal's permissions for what
/// the route touches.
///
/// A principal without access to a fabric or to a thing in it is told it
/// does not exist (404), as it may not know; one that may read but asks to
/// write is refused (403), since it knows the thing is there.
public struct PermissionGate: AccessGate {
    public let authenticator: Authenticator

    public init(authenticator: Authenticator) {
        self.authenticator = authenticator
    }

    public func admit(_ request: HTTPRequest, for access: AccessRequest) throws(C8Error) -> Caller {
        let principal = try authenticator.principal(of: request)
        try Self.check(principal, access)
        // Listings and queries decide further accesses with the same
        // principal, in the tenant the URL named.
        let tenant = access.tenant
        return Caller(
            tenant: tenant ?? principal.tenant, user: principal.user,
            mayList: { resource, fabric in
                do {
                    try Self.check(principal, AccessRequest(resource: resource, level: .read, tenant: tenant, fabric: fabric))
                } catch {
                    return false
                }
                return true
            },
            mayAccess: { further throws(C8Error) in try Self.check(principal, further) })
    }

    /// The decision alone: returns when `principal` may do what `access`
    /// describes.
    /// - Throws: 404 (1228 fabric or tenant, 1203 collection, 404 stream or
    ///   saved query) where the principal has no access; 403 (errorNum 11)
    ///   where it may read but not do more.
    public static func check(_ principal: Principal, _ access: AccessRequest) throws(C8Error) {
        if let tenant = access.tenant, tenant != principal.tenant, !principal.administersTenants {
            throw C8Error(.databaseNotFound, "tenant not found: \(tenant)")
        }
        let fabric = access.fabric
        switch access.resource {
        case .server:
            return
        case .tenant:
            guard principal.isAdmin else { throw .accessDenied("administering users, keys and tenants needs an admin") }
        case .federation:
            guard principal.administersTenants else { throw .accessDenied("the region simulator needs a server admin") }
        case .fabric:
            let permission = principal.permission(on: .fabric(fabric))
            guard permission.canRead else { throw C8Error(.databaseNotFound, detail: fabric) }
            if access.level != .read, !permission.canWrite { throw .accessDenied("fabric \(fabric) is read-only for you") }
        case .collection(let name):
            try checkResource(principal, .collection(name, in: fabric), level: access.level,
                              notFound: C8Error(.collectionNotFound, detail: name))
        case .savedQuery(let name):
            try checkResource(principal, .savedQuery(name, in: fabric), level: access.level,
                              notFound: C8Error(.httpNotFound, "saved query not found: \(name)"))
        case .stream(let name):
            try checkResource(principal, .stream(name, in: fabric), level: access.level,
                              notFound: C8Error(.httpNotFound, "stream not found: \(name)"))
        }
    }

    /// Reading needs `ro` on the thing, writing `rw`; administering it
    /// (dropping, changing its properties or indexes) also needs `rw` on
    /// the fabric, as creating it does.
    private static func checkResource(
        _ principal: Principal, _ target: AccessTarget, level: AccessLevel, notFound: C8Error
    ) throws(C8Error) {
        let fabric = principal.permission(on: .fabric(target.fabric))
        guard fabric.canRead else { throw C8Error(.databaseNotFound, detail: target.fabric) }
        let permission = principal.permission(on: target)
        guard permission.canRead else { throw notFound }
        switch level {
        case .read: return
        case .write: if !permission.canWrite { throw .accessDenied("\(describe(target)) is read-only for you") }
        case .administer:
            if !permission.canWrite || !fabric.canWrite {
                throw .accessDenied("changing \(describe(target)) needs rw on it and on fabric \(target.fabric)")
            }
        }
    }

    private static func describe(_ target: AccessTarget) -> String {
        switch target {
        case .fabric(let name): "fabric \(name)"
        case .resource(let kind, _, let name): "\(kind == .savedQuery ? "saved query" : kind.rawValue) \(name)"
        }
    }
}

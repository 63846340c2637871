import C8Core
import C8Engine
import C8Net

/// Who asks an account route, and whose accounts they address.
struct AccountRequest {
    let principal: Principal
    /// The accounts of the tenant the URL names, else the principal's.
    let access: TenantAccess

    var isAdmin: Bool { principal.isAdmin }

    /// Whether the principal is `holder` itself (users may read their own
    /// record and grants, keys their own).
    func isSelf(_ holder: AccessHolder) -> Bool { principal.holder == holder }
}

/// Authorizes the user, key and tenant routes, which decide more finely
/// than an ``AccessRule`` can (a user may read its own record; only server
/// admins touch tenants).
struct AccountAuthority: Sendable {
    let authenticator: Authenticator

    var engine: Engine { authenticator.engine }

    /// The principal of the request and the accounts it addresses.
    /// - Throws: 401 without valid credentials; 404 (1228) for another
    ///   tenant than the principal's, unless it administers tenants.
    func request(_ context: RouteContext) throws(C8Error) -> AccountRequest {
        let principal = try authenticator.principal(of: context.request)
        let tenant = context.path.tenant ?? principal.tenant
        if tenant != principal.tenant, !principal.administersTenants {
            throw C8Error(.databaseNotFound, "tenant not found: \(tenant)")
        }
        return AccountRequest(principal: principal, access: try engine.tenantAccess(tenant))
    }

    /// ``request(_:)`` for a tenant admin.
    /// - Throws: also 403 for anyone else.
    func admin(_ context: RouteContext) throws(C8Error) -> AccountRequest {
        let request = try self.request(context)
        guard request.isAdmin else { throw .accessDenied("managing users and API keys needs an admin") }
        return request
    }

    /// ``request(_:)`` for a tenant admin or `holder` itself.
    func adminOrSelf(_ context: RouteContext, _ holder: AccessHolder) throws(C8Error) -> AccountRequest {
        let request = try self.request(context)
        guard request.isAdmin || request.isSelf(holder) else { throw .accessDenied("only admins see other accounts") }
        return request
    }

    /// A principal that may create, change and delete tenants.
    func serverAdmin(_ context: RouteContext) throws(C8Error) -> Principal {
        let principal = try authenticator.principal(of: context.request)
        guard principal.administersTenants else { throw .accessDenied("managing tenants needs a server admin") }
        return principal
    }
}

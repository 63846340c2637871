/// Who a request comes from: a user or an API key of a tenant, with the
/// rights it had when the request was authenticated.
public struct Principal: Sendable, Equatable {
    public let tenant: String
    /// The user or key that authenticated.
    public let holder: AccessHolder
    /// The user name: the user's own, or the user a key belongs to.
    public let user: String
    public let role: AccountRole
    public let grants: AccessGrants

    public init(tenant: String, holder: AccessHolder, user: String, role: AccountRole, grants: AccessGrants) {
        self.tenant = tenant
        self.holder = holder
        self.user = user
        self.role = role
        self.grants = grants
    }

    /// Everything in its tenant, including its users and keys.
    public var isAdmin: Bool { role.isAdmin }

    /// May create, change and delete other tenants.
    public var administersTenants: Bool { role.administersTenants }

    /// The level that applies on `target` in the principal's tenant.
    public func permission(on target: AccessTarget) -> Permission {
        isAdmin ? .readWrite : grants.level(target)
    }
}

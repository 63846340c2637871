/// How far an account's rights reach beyond its grants.
public enum AccountRole: String, Sendable, Equatable {
    /// Exactly its grants.
    case member
    /// Everything in its own tenant: every fabric and thing `rw`, and the
    /// tenant's users and keys (a tenant's `root` user).
    case tenantAdmin
    /// A tenant admin that may also create, change and delete other tenants
    /// (the root tenant `_mm`'s `root`, and the key of `--admin-key`).
    case serverAdmin

    public var isAdmin: Bool { self != .member }
    public var administersTenants: Bool { self == .serverAdmin }
}

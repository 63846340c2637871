import C8Core
import C8Storage

/// The tenants of an engine as the root tenant `_mm` administers them
/// (`/_api/tenants`, `/_api/tenant/{t}`): each with its own `_system`
/// fabric, users and keys, and a ``TenantProfile``.
///
/// Who may call this is the server's to check
/// (``Principal/administersTenants``).
public struct TenantDirectory: Sendable {
    /// The tenant whose admins administer the others.
    public static let rootTenant = "_mm"
    /// Tenant names: letters, digits, `_ - .`, starting with a letter or `_`.
    public static let maximumNameLength = 128

    public let engine: Engine

    public init(engine: Engine) {
        self.engine = engine
    }

    /// Creates the root tenant unless it exists. Idempotent, so every server
    /// start may call it.
    public func ensureRootTenant() throws(C8Error) {
        do {
            try engine.createTenant(Self.rootTenant)
        } catch let error where error.matches(.duplicateName) {
            return
        }
    }

    /// Creates a tenant, its `_system` fabric and, given a password, its
    /// `root` user (a tenant admin) with the owner's email.
    /// - Throws: 1208 bad name, 1207 (409) the tenant exists, and what
    ///   ``TenantAccess/createUser(_:role:)`` throws for the root user —
    ///   in which case no tenant is left behind.
    @discardableResult
    public func create(_ new: NewTenant) throws(C8Error) -> TenantProfile {
        let name = new.tenantName
        try Self.validateName(name)
        try AccountNames.validateEmail(new.email)
        if let password = new.password { try PasswordPolicy.validate(password) }
        try engine.createTenant(name)
        do {
            var profile = TenantProfile(tenant: name)
            profile.email = new.email
            profile.displayName = new.displayName ?? name
            profile.plan = new.plan
            profile.dcList = new.dcList
            profile.metadata = new.metadata
            profile.contact = new.contact
            profile.extra = new.extra
            if let password = new.password {
                try engine.tenantAccess(name).createUser(
                    NewUser(email: new.email, password: password, user: TenantAccess.rootUser, displayName: "root"),
                    role: name == Self.rootTenant ? .serverAdmin : .tenantAdmin)
            }
            try store(profile)
            return profile
        } catch {
            try? engine.dropTenant(name)
            throw error
        }
    }

    /// Every tenant, by name.
    public func list() throws(C8Error) -> [TenantProfile] {
        var result: [TenantProfile] = []
        for tenant in engine.tenants() { result.append(try profile(tenant.name)) }
        return result
    }

    /// - Throws: 1228 (404) when there is no such tenant.
    public func profile(_ name: String) throws(C8Error) -> TenantProfile {
        let access = try engine.tenantAccess(name)
        return try access.control.read(AccessCatalog.tenantProfileKey(name), TenantProfile.init(json:)) ?? TenantProfile(tenant: name)
    }

    /// Applies `changes`; a password goes to the tenant's `root` user.
    /// - Throws: 1228, 1703 for a password when the tenant has no root user,
    ///   1701 for a weak one.
    @discardableResult
    public func update(_ name: String, _ changes: TenantChanges) throws(C8Error) -> TenantProfile {
        var profile = try self.profile(name)
        if let password = changes.password {
            try engine.tenantAccess(name).updateUser(TenantAccess.rootUser, UserChanges(password: password))
        }
        if let displayName = changes.displayName { profile.displayName = displayName }
        if let plan = changes.plan { profile.plan = plan }
        if let dcList = changes.dcList { profile.dcList = dcList }
        if let active = changes.active { profile.active = active }
        if let metadata = changes.metadata { profile.metadata = metadata }
        if let contact = changes.contact { profile.contact = contact }
        if let extra = changes.extra { profile.extra = extra }
        try store(profile)
        return profile
    }

    /// Drops a tenant with all its fabrics, users and keys.
    /// - Throws: 1228, or 403 for the root tenant and the server's default.
    public func delete(_ name: String) throws(C8Error) {
        if name == Self.rootTenant { throw C8Error(.forbidden, "the root tenant cannot be deleted", httpStatus: 403) }
        _ = try engine.tenantAccess(name)
        try engine.dropTenant(name)
    }

    private func store(_ profile: TenantProfile) throws(C8Error) {
        try engine.accessControl.storage.put(AccessCatalog.tenantProfileKey(profile.tenant), Catalog.encode(profile.json), sync: true)
    }

    static func validateName(_ name: String) throws(C8Error) {
        let bytes = Array(name.utf8)
        let isLetter = { (b: UInt8) in (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        guard let first = bytes.first, isLetter(first) || first == UInt8(ascii: "_"), bytes.count <= maximumNameLength,
              bytes.allSatisfy({ isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || "_-.".utf8.contains($0) })
        else { throw C8Error(.illegalName, detail: "tenant '\(name)': use letters, digits, _ - or ., at most \(maximumNameLength)") }
    }
}

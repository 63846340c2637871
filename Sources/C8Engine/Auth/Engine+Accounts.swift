import C8Core

extension Engine {
    /// What a server does with accounts at every start: makes sure the root
    /// tenant exists and, given `--admin-key KEY` (or `C8_ADMIN_KEY`),
    /// installs KEY as the `admin` key of the default tenant — a server
    /// admin, so one key drives both the tenant's data and the tenant API.
    /// - Throws: 400 for an admin key that is empty or has whitespace.
    public func prepareAccounts(adminKey: String?) throws(C8Error) {
        try TenantDirectory(engine: self).ensureRootTenant()
        if let adminKey {
            try tenantAccess(defaultTenantName).installAdminKey(secret: adminKey)
        }
    }
}

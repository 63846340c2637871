import C8Core
import C8Storage

extension TenantAccess {
    /// What `holder` was granted.
    /// - Throws: 1703 for an unknown user, 100015 for an unknown key.
    public func grants(of holder: AccessHolder) throws(C8Error) -> AccessGrants {
        try account(holder).grants
    }

    /// The level that applies to `holder` on `target`: `rw` everywhere for
    /// tenant and server admins, else what its grants resolve to.
    public func permission(of holder: AccessHolder, on target: AccessTarget) throws(C8Error) -> Permission {
        let account = try self.account(holder)
        return account.role.isAdmin ? .readWrite : account.grants.level(target)
    }

    /// Grants `level` on `target` (`*` as the name sets a kind's default).
    public func grant(_ level: Permission, on target: AccessTarget, to holder: AccessHolder) throws(C8Error) {
        try modify(holder) { grants, _ throws(C8Error) in try grants.grant(level, on: target) }
    }

    /// Clears the grant on `target`, so it resolves from above again.
    public func revoke(_ target: AccessTarget, from holder: AccessHolder) throws(C8Error) {
        try modify(holder) { grants, _ throws(C8Error) in grants.revoke(target) }
    }

    /// The level on the tenant's billing: `rw` for admins, else what was
    /// granted (`none` when nothing was).
    public func billingPermission(of holder: AccessHolder) throws(C8Error) -> Permission {
        let account = try self.account(holder)
        return account.role.isAdmin ? .readWrite : account.grants.billing ?? Permission.none
    }

    /// Grants `level` on billing, or clears the grant when nil.
    public func setBillingPermission(_ level: Permission?, for holder: AccessHolder) throws(C8Error) {
        try modify(holder) { grants, _ throws(C8Error) in grants.billing = level }
    }

    /// Forgets every grant on `fabric`, for every user and key: a dropped
    /// fabric's grants must not open a new fabric of the same name.
    public func revokeAll(onFabric fabric: String) throws(C8Error) {
        try control.serialized { () throws(C8Error) in
            var batch = WriteBatch()
            for var user in try users() where user.grants.fabrics[fabric] != nil {
                user.grants.revokeAll(in: fabric)
                write(user, into: &batch)
            }
            for var key in try apiKeys() where key.grants.fabrics[fabric] != nil {
                key.grants.revokeAll(in: fabric)
                write(key, into: &batch)
            }
            if !batch.isEmpty { try commit(batch) }
        }
    }

    /// The attribute-based access values of `holder`.
    public func attributes(of holder: AccessHolder) throws(C8Error) -> JSONObject {
        try account(holder).attributes
    }

    /// Sets the members of `attributes`, keeping the others.
    @discardableResult
    public func mergeAttributes(_ attributes: JSONObject, into holder: AccessHolder) throws(C8Error) -> JSONObject {
        var merged = JSONObject()
        try modify(holder) { _, stored throws(C8Error) in
            for (name, value) in attributes.entries { stored[name] = value }
            merged = stored
        }
        return merged
    }

    /// Removes one attribute, or all when `name` is nil.
    public func removeAttributes(_ name: String?, from holder: AccessHolder) throws(C8Error) {
        try modify(holder) { _, stored throws(C8Error) in
            if let name { stored.removeValue(forKey: name) } else { stored = [:] }
        }
    }

    /// The role, grants and attributes of a user or key.
    func account(_ holder: AccessHolder) throws(C8Error) -> (role: AccountRole, grants: AccessGrants, attributes: JSONObject) {
        switch holder {
        case .user(let name):
            let user = try self.user(name)
            return (user.role, user.grants, user.attributes)
        case .apiKey(let keyId):
            let key = try apiKey(keyId)
            return (key.role, key.grants, key.attributes)
        }
    }

    private func modify(
        _ holder: AccessHolder, _ body: (inout AccessGrants, inout JSONObject) throws(C8Error) -> Void
    ) throws(C8Error) {
        try control.serialized { () throws(C8Error) in
            var batch = WriteBatch()
            switch holder {
            case .user(let name):
                var user = try self.user(name)
                try body(&user.grants, &user.attributes)
                write(user, into: &batch)
            case .apiKey(let keyId):
                var key = try apiKey(keyId)
                try body(&key.grants, &key.attributes)
                write(key, into: &batch)
            }
            try commit(batch)
        }
    }
}

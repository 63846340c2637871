import C8Core
import C8Crypto
import C8Storage

extension TenantAccess {
    /// Creates a user.
    ///
    /// - Parameter role: ``AccountRole/member`` for users created through the
    ///   API; tenant creation makes its `root` a tenant admin.
    /// - Throws: 1700 bad name or email, 1701 weak password, 1702 the name
    ///   exists, 100012 the email is taken (in any tenant).
    @discardableResult
    public func createUser(_ new: NewUser, role: AccountRole = .member) throws(C8Error) -> UserAccount {
        try AccountNames.validateEmail(new.email)
        try PasswordPolicy.validate(new.password)
        if let name = new.user { try AccountNames.validateUser(name) }
        let password = SecretHash(password: new.password, iterations: control.passwordHashIterations)
        return try control.serialized { () throws(C8Error) in
            try requireFreeEmail(new.email)
            let name: String
            if let requested = new.user { name = requested } else { name = try freshUserName() }
            if try storedUser(name) != nil { throw C8Error(.userDuplicate, detail: name) }
            let user = UserAccount(
                user: name, email: new.email, displayName: new.displayName ?? name, active: new.active,
                extra: new.extra, role: role, grants: AccessGrants(), attributes: [:], password: password,
                sessionEpoch: UserAccount.newSessionEpoch())
            var batch = WriteBatch()
            write(user, into: &batch)
            batch.put(AccessCatalog.emailKey(new.email), Catalog.encode(AccountPointer(tenant: tenant, id: name).json))
            try commit(batch)
            return user
        }
    }

    /// Every user, `root` first, then by name.
    public func users() throws(C8Error) -> [UserAccount] {
        try control.readAll(AccessCatalog.users(of: tenant), UserAccount.init(json:)).sorted { a, b in
            (a.user == Self.rootUser) != (b.user == Self.rootUser) ? a.user == Self.rootUser : a.user < b.user
        }
    }

    /// - Throws: 1703 when there is no such user.
    public func user(_ name: String) throws(C8Error) -> UserAccount {
        guard let user = try storedUser(name) else { throw C8Error(.userNotFound, detail: name) }
        return user
    }

    /// Stores `password` (just checked against `user`'s hash) hashed at
    /// today's iteration count, keeping the session epoch: the password is
    /// the same, so its tokens stay good. Nothing happens when the stored
    /// hash changed in between.
    func rehashPassword(of user: UserAccount, _ password: String) throws(C8Error) {
        let rehashed = SecretHash(password: password, iterations: control.passwordHashIterations)
        try control.serialized { () throws(C8Error) in
            guard var current = try storedUser(user.user), current.password == user.password else { return }
            current.password = rehashed
            var batch = WriteBatch()
            write(current, into: &batch)
            try commit(batch)
        }
    }

    /// Applies `changes` to a user.
    /// - Throws: 1703, and what ``createUser(_:role:)`` throws for a new
    ///   password or email.
    @discardableResult
    public func updateUser(_ name: String, _ changes: UserChanges) throws(C8Error) -> UserAccount {
        if let email = changes.email { try AccountNames.validateEmail(email) }
        var password: SecretHash?
        if let newPassword = changes.password {
            try PasswordPolicy.validate(newPassword)
            password = SecretHash(password: newPassword, iterations: control.passwordHashIterations)
        }
        return try control.serialized { () throws(C8Error) in
            var user = try self.user(name)
            var batch = WriteBatch()
            if let email = changes.email, email.lowercased() != user.email.lowercased() {
                try requireFreeEmail(email)
                batch.delete(AccessCatalog.emailKey(user.email))
                batch.put(AccessCatalog.emailKey(email), Catalog.encode(AccountPointer(tenant: tenant, id: name).json))
            }
            if let email = changes.email { user.email = email }
            if let password {
                user.password = password
                user.sessionEpoch = UserAccount.newSessionEpoch()
            }
            if let displayName = changes.displayName { user.displayName = displayName }
            if let active = changes.active { user.active = active }
            if let extra = changes.extra { user.extra = extra }
            write(user, into: &batch)
            try commit(batch)
            return user
        }
    }

    /// Removes a user. `root` stays: without it nobody could log in to
    /// administer the tenant.
    /// - Throws: 1703, or 403 for `root`.
    public func removeUser(_ name: String) throws(C8Error) {
        if name == Self.rootUser { throw C8Error(.forbidden, "the root user cannot be removed", httpStatus: 403) }
        try control.serialized { () throws(C8Error) in
            let user = try self.user(name)
            var batch = WriteBatch()
            batch.delete(AccessCatalog.userKey(tenant: tenant, user: name))
            batch.delete(AccessCatalog.emailKey(user.email))
            try commit(batch)
        }
    }

    func storedUser(_ name: String) throws(C8Error) -> UserAccount? {
        try control.read(AccessCatalog.userKey(tenant: tenant, user: name), UserAccount.init(json:))
    }

    private func requireFreeEmail(_ email: String) throws(C8Error) {
        if try control.storage.get(AccessCatalog.emailKey(email)) != nil { throw C8Error(.duplicateEmail) }
    }

    /// `U` and 128 random bits, as GDN names users (`UCoSJta4SQTS-THZ4VMDzYA`).
    private func freshUserName() throws(C8Error) -> String {
        while true {
            let name = "U" + Base64URL.encode(SecureRandom.bytes(16))
            if try storedUser(name) == nil { return name }
        }
    }
}

import C8Core
import C8Storage

extension TenantAccess {
    /// The key id of the key that `--admin-key` installs.
    public static let adminKeyId = "admin"

    /// Creates a key with a fresh secret, returned once.
    ///
    /// - Parameter user: The user the key belongs to (default `root`).
    /// - Throws: 100020 bad key id, 1207 (409) the id exists, 1703 no such user.
    @discardableResult
    public func createAPIKey(_ keyId: String, user: String = TenantAccess.rootUser, isSystem: Bool = false) throws(C8Error) -> IssuedAPIKey {
        try AccountNames.validateKeyId(keyId)
        let secret = APIKeySecret.generate(tenant: tenant, keyId: keyId)
        let key = APIKey(
            keyId: keyId, user: user, isSystem: isSystem, role: .member, grants: AccessGrants(), attributes: [:],
            secretHash: APIKeySecret.hash(secret, iterations: control.apiKeyHashIterations))
        try control.serialized { () throws(C8Error) in
            if try storedAPIKey(keyId) != nil { throw C8Error(.duplicateName, "duplicate name: API key \(keyId) exists") }
            if user != Self.rootUser, try storedUser(user) == nil { throw C8Error(.userNotFound, detail: user) }
            var batch = WriteBatch()
            write(key, into: &batch)
            try commit(batch)
        }
        return IssuedAPIKey(key: key, secret: secret)
    }

    /// Creates or updates the key `admin` so that `secret` authenticates as a
    /// ``AccountRole/serverAdmin``: what `c8 serve --admin-key KEY` does at
    /// every start, so a changed KEY replaces the old one.
    ///
    /// Grants and attributes of an existing `admin` key are kept.
    /// - Throws: 400 for an empty secret or one with whitespace (it could not
    ///   be sent in an `Authorization` header).
    @discardableResult
    public func installAdminKey(secret: String) throws(C8Error) -> APIKey {
        guard !secret.isEmpty, !secret.contains(where: \.isWhitespace) else {
            throw C8Error(.badParameter, "the admin key must be non-empty and without whitespace")
        }
        let prehash = APIKeySecret.prehash(secret)
        return try control.serialized { () throws(C8Error) in
            // A secret of the generated shape that is some other key's
            // would reach that key first, never this one.
            if let owner = APIKeySecret.owner(of: secret), owner != AccountPointer(tenant: tenant, id: Self.adminKeyId),
               let other = try TenantAccess(tenant: owner.tenant, control: control).storedAPIKey(owner.id),
               other.secretHash.matches(secret: prehash) {
                throw C8Error(.duplicateName, "duplicate name: that secret already belongs to another API key")
            }
            var batch = WriteBatch()
            var key: APIKey
            if var existing = try storedAPIKey(Self.adminKeyId) {
                // The same secret again (every restart with the same
                // --admin-key) keeps its hash and writes nothing: no rehash,
                // no write churn, and a read-only data dir still starts.
                let sameSecret = existing.secretHash.matches(secret: prehash)
                if sameSecret, existing.role == .serverAdmin,
                   try control.storage.get(AccessCatalog.adminKeyTenantKey(tenant)) != nil {
                    return existing
                }
                if !sameSecret {
                    existing.secretHash = SecretHash(secret: prehash, iterations: control.apiKeyHashIterations)
                }
                existing.role = .serverAdmin
                key = existing
            } else {
                key = APIKey(
                    keyId: Self.adminKeyId, user: Self.rootUser, isSystem: true, role: .serverAdmin,
                    grants: AccessGrants(), attributes: [:],
                    secretHash: SecretHash(secret: prehash, iterations: control.apiKeyHashIterations))
            }
            write(key, into: &batch)
            batch.put(AccessCatalog.adminKeyTenantKey(tenant), Catalog.encode(JSON.object([:])))
            try commit(batch)
            return key
        }
    }

    /// Every key, by id.
    public func apiKeys() throws(C8Error) -> [APIKey] {
        try control.readAll(AccessCatalog.apiKeys(of: tenant), APIKey.init(json:))
    }

    /// - Throws: 100015 (404) when there is no such key.
    public func apiKey(_ keyId: String) throws(C8Error) -> APIKey {
        guard let key = try storedAPIKey(keyId) else { throw C8Error(.invalidAPIKeyId, detail: keyId) }
        return key
    }

    /// Removes a key; its secret stops working at once.
    /// - Throws: 100015.
    public func removeAPIKey(_ keyId: String) throws(C8Error) {
        try control.serialized { () throws(C8Error) in
            let key = try apiKey(keyId)
            var batch = WriteBatch()
            batch.delete(AccessCatalog.apiKeyKey(tenant: tenant, keyId: keyId))
            if key.keyId == Self.adminKeyId { batch.delete(AccessCatalog.adminKeyTenantKey(tenant)) }
            try commit(batch)
        }
    }

    func storedAPIKey(_ keyId: String) throws(C8Error) -> APIKey? {
        try control.read(AccessCatalog.apiKeyKey(tenant: tenant, keyId: keyId), APIKey.init(json:))
    }
}

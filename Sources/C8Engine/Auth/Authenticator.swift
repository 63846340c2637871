import C8Core
import C8Crypto

/// Turns credentials into a ``Principal``: logins into session tokens, and
/// the `Authorization` header of each request into who sent it.
///
/// Every lookup sees the current accounts (through a ``PrincipalCache``
/// that any account change invalidates), so a deleted or deactivated
/// user's tokens and a removed key stop working at once, and grant changes
/// apply to the next request.
public struct Authenticator: Sendable {
    /// Session tokens expire after 12 hours, as GDN's do.
    public static let tokenLifetime: Int64 = 12 * 3600

    public let engine: Engine
    private let clock: any PhysicalClock
    private let cache = PrincipalCache()
    private let verified = VerifiedSecrets()

    /// - Parameter clock: Where "now" comes from (tests move it).
    public init(engine: Engine, clock: any PhysicalClock = SystemClock()) {
        self.engine = engine
        self.clock = clock
    }

    private var now: Int64 { Int64(clock.milliseconds() / 1000) }

    // MARK: - Requests

    /// Who sent a request with this `Authorization` header value.
    /// - Throws: 401 (errorNum 11) without a header, or when its
    ///   credentials do not check out.
    public func principal(authorization: String?) throws(C8Error) -> Principal {
        guard let authorization else { throw .notAuthenticated("no credentials") }
        switch try AuthorizationCredentials(header: authorization) {
        case .bearer(let token): return try principal(token: token)
        case .apiKey(let key): return try principal(apiKey: key)
        }
    }

    /// The user a session token was issued to.
    /// - Throws: 401 for a token that is malformed, not HS256, wrongly
    ///   signed or expired, or whose user is gone or inactive.
    public func principal(token: String) throws(C8Error) -> Principal {
        let generation = engine.accessControl.generation
        let cacheKey = [UInt8(ascii: "t")] + Digest.sha256(token.utf8)
        let now = self.now
        if let cached = cache.principal(for: cacheKey, generation: generation, now: now) { return cached }
        let claims: SessionClaims
        do {
            claims = try SessionClaims(json: try JWT.verify(token, key: engine.accessControl.tokenSecret, now: now))
        } catch let error as JWTError {
            throw .notAuthenticated(error.description, underlying: error)
        } catch {
            throw C8Error.wrap(error)
        }
        guard let access = try? engine.tenantAccess(claims.tenant),
              let user = try access.storedUser(claims.user), user.active, user.sessionEpoch == claims.epoch
        else { throw .notAuthenticated("the token's user no longer exists, is inactive or changed its password") }
        let principal = Principal(tenant: claims.tenant, holder: .user(user.user), user: user.user, role: user.role, grants: user.grants)
        cache.store(principal, for: cacheKey, generation: generation, expiresAt: claims.expiresAt)
        return principal
    }

    /// The key whose full text is `apiKey`.
    ///
    /// The secret names its key (`<tenant>.<keyid>.<random>`); a secret of
    /// another shape can only be an operator-chosen admin key, tried
    /// against the `admin` key of each tenant that has one. A secret that
    /// finds no key costs a hash all the same, so timing does not tell
    /// which key ids exist.
    /// - Throws: 401 for an unknown key.
    public func principal(apiKey: String) throws(C8Error) -> Principal {
        let generation = engine.accessControl.generation
        let prehash = APIKeySecret.prehash(apiKey)
        let cacheKey = [UInt8(ascii: "k")] + prehash
        if let cached = cache.principal(for: cacheKey, generation: generation, now: now) { return cached }
        var candidates: [AccountPointer] = []
        if let named = APIKeySecret.owner(of: apiKey) { candidates.append(named) }
        for tenant in try engine.accessControl.adminKeyTenants() where !candidates.contains(AccountPointer(tenant: tenant, id: TenantAccess.adminKeyId)) {
            candidates.append(AccountPointer(tenant: tenant, id: TenantAccess.adminKeyId))
        }
        var hashed = false
        for owner in candidates {
            guard let access = try? engine.tenantAccess(owner.tenant), let key = try access.storedAPIKey(owner.id) else { continue }
            hashed = true
            guard verified.matches(prehash: prehash, key.secretHash) else { continue }
            let principal = Principal(tenant: owner.tenant, holder: .apiKey(key.keyId), user: key.user, role: key.role, grants: key.grants)
            cache.store(principal, for: cacheKey, generation: generation, expiresAt: nil)
            return principal
        }
        if !hashed { _ = APIKeySecret.hash(apiKey, iterations: engine.accessControl.apiKeyHashIterations) }
        throw .notAuthenticated("unknown API key")
    }

    // MARK: - Login

    /// `POST /_open/auth` with `{email, password}`: emails are unique across
    /// tenants, so the email finds the tenant.
    /// - Throws: 401 for an unknown email, a wrong password or an inactive
    ///   user, without saying which.
    public func login(email: String, password: String) throws(C8Error) -> Session {
        guard let owner = try engine.accessControl.read(AccessCatalog.emailKey(email), AccountPointer.init(json:)),
              let access = try? engine.tenantAccess(owner.tenant)
        else { return try session(for: nil, tenant: nil, password: password) }
        return try session(for: try access.storedUser(owner.id), tenant: owner.tenant, password: password)
    }

    /// `POST /_open/auth` with `{tenant, username, password}`.
    /// - Throws: 401 like ``login(email:password:)``.
    public func login(tenant: String, user name: String, password: String) throws(C8Error) -> Session {
        guard let access = try? engine.tenantAccess(tenant) else { return try session(for: nil, tenant: nil, password: password) }
        return try session(for: try access.storedUser(name), tenant: tenant, password: password)
    }

    /// A token for `user` once `password` matches. An unknown user costs a
    /// password hash all the same, so response times do not tell which
    /// emails or names exist.
    private func session(for user: UserAccount?, tenant: String?, password: String) throws(C8Error) -> Session {
        guard let user, let tenant else {
            _ = SecretHash(password: password, iterations: engine.accessControl.passwordHashIterations)
            throw .notAuthenticated("wrong credentials")
        }
        guard user.password.matches(password), user.active else { throw .notAuthenticated("wrong credentials") }
        if user.password.needsRehash(iterations: engine.accessControl.passwordHashIterations) {
            // The password is at hand only now: store it at today's count.
            // A failure here costs the upgrade, not the login.
            try? engine.tenantAccess(tenant).rehashPassword(of: user, password)
        }
        let issuedAt = now
        let claims = SessionClaims(
            tenant: tenant, user: user.user, epoch: user.sessionEpoch, issuedAt: issuedAt, expiresAt: issuedAt + Self.tokenLifetime)
        return Session(jwt: JWT.sign(claims.json, key: engine.accessControl.tokenSecret), tenant: tenant, user: user.user,
                       expiresAt: claims.expiresAt)
    }
}

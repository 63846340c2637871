import C8Core

/// The answer to a login (`POST /_open/auth`): a signed token and whom it
/// is for.
public struct Session: Sendable, Equatable {
    public let jwt: String
    public let tenant: String
    public let user: String
    /// Seconds since 1970.
    public let expiresAt: Int64
}

/// The claims the server's tokens carry: registered `iss`, `iat`, `exp`,
/// the tenant and user they name, and the user's session epoch (`sid`).
struct SessionClaims: Sendable, Equatable {
    static let issuer = "c8"

    let tenant: String
    let user: String
    /// The user's ``UserAccount/sessionEpoch`` at login.
    let epoch: String
    let issuedAt: Int64
    let expiresAt: Int64

    var json: JSONObject {
        ["iss": .string(Self.issuer), "tenant": .string(tenant), "username": .string(user), "sid": .string(epoch),
         "iat": .int(issuedAt), "exp": .int(expiresAt)]
    }

    /// - Throws: 401 when `claims` were not issued by this server's shape.
    init(json claims: JSONObject) throws(C8Error) {
        guard claims["iss"]?.stringValue == Self.issuer, let tenant = claims["tenant"]?.stringValue,
              let user = claims["username"]?.stringValue, let epoch = claims["sid"]?.stringValue,
              let iat = claims["iat"]?.intValue,
              let exp = claims["exp"]?.intValue
        else { throw .notAuthenticated("the token does not name a tenant and user") }
        self.init(tenant: tenant, user: user, epoch: epoch, issuedAt: iat, expiresAt: exp)
    }

    init(tenant: String, user: String, epoch: String, issuedAt: Int64, expiresAt: Int64) {
        self.tenant = tenant
        self.user = user
        self.epoch = epoch
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }
}

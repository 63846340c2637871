import C8Core
import C8Crypto

/// A user of a tenant: who logs in with an email (or the tenant and user
/// name) and a password.
public struct UserAccount: Sendable {
    /// The user name: `root` for the tenant's first user, else generated
    /// (`U` and 22 base64url characters, like GDN's).
    public let user: String
    public var email: String
    public var displayName: String
    public var active: Bool
    /// Whatever the client stored with the user.
    public var extra: JSON
    public var role: AccountRole
    public var grants: AccessGrants
    /// Attribute-based access values (`/_api/user/{u}/attributes`).
    public var attributes: JSONObject
    var password: SecretHash
    /// Names the user's current generation of session tokens. Tokens carry
    /// it, so a new password (or a user of the same name in a tenant
    /// created again) ends every token issued before.
    var sessionEpoch: String
}

extension UserAccount {
    var json: JSON {
        ["user": .string(user), "email": .string(email), "displayName": .string(displayName), "active": .bool(active),
         "extra": extra, "role": .string(role.rawValue), "grants": grants.json, "attributes": .object(attributes),
         "password": password.json, "sessionEpoch": .string(sessionEpoch)]
    }

    init(json: JSON) throws(C8Error) {
        guard let user = json["user"].stringValue, let email = json["email"].stringValue,
              let sessionEpoch = json["sessionEpoch"].stringValue,
              let role = json["role"].stringValue.flatMap(AccountRole.init(rawValue:))
        else { throw C8Error(.internalError, "stored user is damaged") }
        self.init(
            user: user, email: email, displayName: json["displayName"].stringValue ?? user,
            active: json["active"].boolValue ?? false, extra: json["extra"], role: role,
            grants: try AccessGrants(json: json["grants"]), attributes: json["attributes"].objectValue ?? [:],
            password: try SecretHash(json: json["password"]), sessionEpoch: sessionEpoch)
    }
}

extension UserAccount {
    /// A fresh ``sessionEpoch``: 96 random bits.
    static func newSessionEpoch() -> String {
        Base64URL.encode(SecureRandom.bytes(12))
    }
}

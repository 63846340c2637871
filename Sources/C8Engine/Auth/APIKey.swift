import C8Core
import C8Crypto

/// An API key of a tenant, as stored: its id, its rights and a salted
/// hash of its secret. The secret itself exists only in the answer to its creation
/// (``IssuedAPIKey``).
public struct APIKey: Sendable {
    /// The key id: a letter, then letters and digits (`admin` for the key of
    /// `--admin-key`).
    public let keyId: String
    /// The user the key was created for.
    public var user: String
    public var isSystem: Bool
    public var role: AccountRole
    public var grants: AccessGrants
    /// Attribute-based access values (`CURRENT_APIKEY_ATTRIBUTE()`).
    public var attributes: JSONObject
    /// PBKDF2 of the key text; see ``APIKeySecret``.
    var secretHash: SecretHash
}

/// A freshly created key together with its secret, which is shown once and
/// never stored.
public struct IssuedAPIKey: Sendable {
    public let key: APIKey
    /// What clients send as `Authorization: apikey <secret>`.
    public let secret: String
}

extension APIKey {
    var json: JSON {
        ["keyid": .string(keyId), "user": .string(user), "isSystem": .bool(isSystem), "role": .string(role.rawValue),
         "grants": grants.json, "attributes": .object(attributes), "secretHash": secretHash.json]
    }

    init(json: JSON) throws(C8Error) {
        guard let keyId = json["keyid"].stringValue, let user = json["user"].stringValue,
              let role = json["role"].stringValue.flatMap(AccountRole.init(rawValue:))
        else { throw C8Error(.internalError, "stored API key is damaged") }
        self.init(
            keyId: keyId, user: user, isSystem: json["isSystem"].boolValue ?? false, role: role,
            grants: try AccessGrants(json: json["grants"]), attributes: json["attributes"].objectValue ?? [:],
            secretHash: try SecretHash(json: json["secretHash"]))
    }

    /// The plain SHA-256 digest an entry stored before secrets were salted
    /// holds, if `json` is such an entry.
    static func legacyDigest(_ json: JSON) -> [UInt8]? {
        guard json["secretHash"].isNull,
              let digest = json["secretDigest"].stringValue.flatMap(Hex.decode), digest.count == 32 else { return nil }
        return digest
    }
}

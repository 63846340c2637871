import C8Core
import C8Storage

/// One tenant's users, API keys and their grants. Every key it reads or
/// writes carries the tenant's name, so no operation here can reach
/// another tenant's accounts.
///
/// Get one from ``Engine/tenantAccess(_:)``.
public struct TenantAccess: Sendable {
    /// The user every tenant starts with, and the default owner of API keys.
    public static let rootUser = "root"

    public let tenant: String
    let control: AccessControl

    init(tenant: String, control: AccessControl) {
        self.tenant = tenant
        self.control = control
    }

    func write(_ user: UserAccount, into batch: inout WriteBatch) {
        batch.put(AccessCatalog.userKey(tenant: tenant, user: user.user), Catalog.encode(user.json))
    }

    func write(_ key: APIKey, into batch: inout WriteBatch) {
        batch.put(AccessCatalog.apiKeyKey(tenant: tenant, keyId: key.keyId), Catalog.encode(key.json))
    }

    func commit(_ batch: WriteBatch) throws(C8Error) {
        try control.storage.write(batch, sync: true)
    }
}

/// Whose grants an operation is about.
public enum AccessHolder: Sendable, Hashable {
    case user(String)
    case apiKey(String)
}

/// Where an email leads, or whose API key a secret names: `{tenant, user|keyid}`.
struct AccountPointer: Sendable, Equatable {
    let tenant: String
    let id: String

    var json: JSON { ["tenant": .string(tenant), "id": .string(id)] }

    init(tenant: String, id: String) {
        self.tenant = tenant
        self.id = id
    }

    init(json: JSON) throws(C8Error) {
        guard let tenant = json["tenant"].stringValue, let id = json["id"].stringValue else {
            throw C8Error(.internalError, "stored account index entry is damaged")
        }
        self.init(tenant: tenant, id: id)
    }
}

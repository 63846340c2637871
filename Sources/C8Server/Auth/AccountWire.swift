import C8Core
import C8Engine

// How accounts, keys and tenants look on the wire (C8-PROTOCOL.md §0.1, §4;
// GDN's recorded answers): never a password hash or key digest.

extension UserAccount {
    /// `{tenant, user, email, displayName, active, extra}`: the six fields
    /// pyC8 reads from `GET /_api/user` for both the tenant lookup and
    /// `get_users()`.
    func wireJSON(tenant: String) -> JSONObject {
        ["tenant": .string(tenant), "user": .string(user), "email": .string(email), "displayName": .string(displayName),
         "active": .bool(active), "extra": extra.isNull ? .object([:]) : extra]
    }

    /// The entry of a principal whose user has no account of its own (the
    /// `root` that owns `--admin-key` before anyone created it).
    static func placeholderWireJSON(tenant: String, user: String) -> JSONObject {
        ["tenant": .string(tenant), "user": .string(user), "email": "", "displayName": .string(user),
         "active": true, "extra": .object([:])]
    }
}

extension APIKey {
    /// `{keyid, user, tenant, isSystem}`.
    func wireJSON(tenant: String) -> JSONObject {
        ["keyid": .string(keyId), "user": .string(user), "tenant": .string(tenant), "isSystem": .bool(isSystem)]
    }
}

extension TenantProfile {
    /// `{tenant, email, displayName, plan, dcList, status, active, metadata, contact, extra}`;
    /// `dcList` is comma-separated text as GDN gives it.
    var wireJSON: JSONObject {
        ["tenant": .string(tenant), "email": .string(email), "displayName": .string(displayName), "plan": .string(plan),
         "dcList": .string(dcList.joined(separator: ",")), "status": .string(active ? "active" : "inactive"),
         "active": .bool(active), "metadata": metadata, "contact": contact, "extra": extra]
    }
}

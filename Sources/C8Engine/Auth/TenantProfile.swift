import C8Core

/// What the root tenant knows about a tenant beyond its fabrics: who owns
/// it and where it may live (`/_api/tenant/{t}`).
public struct TenantProfile: Sendable, Equatable {
    public let tenant: String
    public var email: String
    public var displayName: String
    public var plan: String
    /// The regions the tenant lives in; empty means every region.
    public var dcList: [String]
    public var active: Bool
    public var metadata: JSON
    public var contact: JSON
    public var extra: JSON

    /// The profile of a tenant nobody described: the server's default
    /// tenant and the root tenant, which exist from the first start.
    public init(tenant: String) {
        self.tenant = tenant
        email = ""
        displayName = tenant
        plan = "enterprise"
        dcList = []
        active = true
        metadata = .object([:])
        contact = .object([:])
        extra = .object([:])
    }
}

extension TenantProfile {
    var json: JSON {
        ["tenant": .string(tenant), "email": .string(email), "displayName": .string(displayName), "plan": .string(plan),
         "dcList": .array(dcList.map(JSON.string)), "active": .bool(active), "metadata": metadata, "contact": contact,
         "extra": extra]
    }

    init(json: JSON) throws(C8Error) {
        guard let tenant = json["tenant"].stringValue else { throw C8Error(.internalError, "stored tenant profile is damaged") }
        self.init(tenant: tenant)
        email = json["email"].stringValue ?? ""
        displayName = json["displayName"].stringValue ?? tenant
        plan = json["plan"].stringValue ?? plan
        dcList = json["dcList"].arrayValue?.compactMap(\.stringValue) ?? []
        active = json["active"].boolValue ?? true
        metadata = json["metadata"]
        contact = json["contact"]
        extra = json["extra"]
    }
}

/// What `POST /_api/tenant` asks for.
public struct NewTenant: Sendable {
    /// GDN names a tenant after its owner's email (`@` becomes `_`) unless
    /// a name is given.
    public var name: String?
    public var email: String
    /// The password of the tenant's `root` user; without one the tenant has
    /// no user until an admin creates one.
    public var password: String?
    public var displayName: String?
    public var plan = "enterprise"
    public var dcList: [String] = []
    public var metadata: JSON = .object([:])
    public var contact: JSON = .object([:])
    public var extra: JSON = .object([:])

    public init(email: String, password: String? = nil, name: String? = nil) {
        self.email = email
        self.password = password
        self.name = name
    }

    /// The tenant's name: ``name``, or the email with `@` as `_`.
    public var tenantName: String { name ?? String(email.map { $0 == "@" ? "_" : $0 }) }
}

/// What `PATCH /_api/tenant/{t}` may change; nil leaves a field alone.
public struct TenantChanges: Sendable {
    /// The new password of the tenant's `root` user.
    public var password: String?
    public var displayName: String?
    public var plan: String?
    public var dcList: [String]?
    public var active: Bool?
    public var metadata: JSON?
    public var contact: JSON?
    public var extra: JSON?

    public init() {}
}

/// How much a request does to what it touches.
public enum AccessLevel: String, Sendable, Equatable, Comparable {
    /// Reads (`ro` grants it).
    case read
    /// Writes data (`rw` grants it).
    case write
    /// Creates or drops fabrics, collections, indexes, graphs (`rw` on the
    /// fabric grants it).
    case administer

    private var rank: Int {
        switch self {
        case .read: 0
        case .write: 1
        case .administer: 2
        }
    }

    public static func < (a: AccessLevel, b: AccessLevel) -> Bool { a.rank < b.rank }
}

/// Where a route finds the name of what it touches.
public enum RouteValue: Sendable, Equatable {
    /// A path parameter of the route's pattern.
    case path(String)
    /// A query parameter (`/index?collection=C`).
    case query(String)
}

/// What a route requires of its caller, declared with the route and checked
/// by the ``AccessGate`` before the handler runs.
public enum AccessRule: Sendable, Equatable {
    /// No credentials needed (`/_open/auth`).
    case open
    /// Any authenticated caller (version, datacenters).
    case authenticated
    /// Tenant administration: users, keys, tenants.
    case tenantAdmin
    /// The server as a whole — the federation's regions, links and faults
    /// (the simulator API): a server admin only, the root tenant's `root`
    /// or the `--admin-key`, since it affects every tenant.
    case serverAdmin
    /// The request's fabric as a whole.
    case fabric(AccessLevel)
    /// One collection of the request's fabric.
    case collection(RouteValue, AccessLevel)
    /// One saved query (RESTQL) of the request's fabric.
    case savedQuery(RouteValue, AccessLevel)
    /// One stream of the request's fabric.
    case stream(RouteValue, AccessLevel)
}

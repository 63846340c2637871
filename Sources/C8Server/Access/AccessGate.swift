import C8Core
import C8Net

/// Who is calling, as far as the routes care: the tenant their data lives
/// in, the name recorded with what they create (RESTQL's `userid`), which
/// resources listings may show them, and what else they may touch.
public struct Caller: Sendable {
    public typealias ListCheck = @Sendable (_ resource: AccessRequest.Resource, _ fabric: String) -> Bool
    public typealias AccessCheck = @Sendable (_ access: AccessRequest) throws(C8Error) -> Void

    public var tenant: String
    public var user: String
    /// Whether a listing (fabrics, collections, key/value collections,
    /// saved queries) shows `resource` of `fabric` to this caller; nil
    /// shows everything. Set by gates whose callers may lack access to
    /// some of what a fabric holds, so lists do not reveal it.
    public var mayList: ListCheck?
    /// Decides accesses a request makes beyond its route's rule — the
    /// collections a query reads and writes — as the gate decides the
    /// rule itself; nil allows everything.
    public var mayAccess: AccessCheck?

    public init(tenant: String, user: String, mayList: ListCheck? = nil, mayAccess: AccessCheck? = nil) {
        self.tenant = tenant
        self.user = user
        self.mayList = mayList
        self.mayAccess = mayAccess
    }

    /// Whether a listing shows `resource` of `fabric`.
    public func lists(_ resource: AccessRequest.Resource, in fabric: String) -> Bool {
        mayList?(resource, fabric) ?? true
    }

    /// Returns when the caller may do what `access` describes.
    /// - Throws: the gate's answer otherwise (404 where the caller may not
    ///   know the thing, 403 where it may only read).
    public func authorize(_ access: AccessRequest) throws(C8Error) {
        try mayAccess?(access)
    }
}

/// One access decision to make: the resource a request touches, how, and
/// where. Built by the server from a route's ``AccessRule`` and the request.
public struct AccessRequest: Sendable, Equatable {
    public enum Resource: Sendable, Equatable {
        /// The server itself (version, datacenters).
        case server
        /// The tenant's administration (users, keys, tenants).
        case tenant
        /// The federation itself: its regions, links and faults.
        case federation
        /// A fabric as a whole.
        case fabric
        case collection(String)
        case savedQuery(String)
        case stream(String)
    }

    public var resource: Resource
    public var level: AccessLevel
    /// The tenant named by the URL (`/_tenant/{t}/…`); nil means the
    /// caller's own.
    public var tenant: String?
    public var fabric: String

    public init(resource: Resource, level: AccessLevel, tenant: String?, fabric: String) {
        self.resource = resource
        self.level = level
        self.tenant = tenant
        self.fabric = fabric
    }
}

/// The seam where authentication and permissions plug in.
///
/// The server calls ``admit(_:for:)`` once per request, after routing and
/// before the route's handler, for every route that is not ``AccessRule/open``.
/// An implementation reads the credentials (`Authorization: bearer …` /
/// `apikey …`), resolves the principal, checks its access level for the
/// resource, and either returns the caller or throws the error to answer
/// with: 401 without valid credentials, 403 where the caller may know the
/// resource exists, 404 where it may not.
public protocol AccessGate: Sendable {
    func admit(_ request: HTTPRequest, for access: AccessRequest) throws(C8Error) -> Caller
}

/// Admits every request as `root` of the server's tenant: the gate of an
/// embedded or test server where nobody else can connect, and the default
/// until an authenticating gate is configured.
public struct UnrestrictedAccessGate: AccessGate {
    public let tenant: String

    public init(tenant: String) {
        self.tenant = tenant
    }

    public func admit(_ request: HTTPRequest, for access: AccessRequest) throws(C8Error) -> Caller {
        Caller(tenant: access.tenant ?? tenant, user: "root")
    }
}

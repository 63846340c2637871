/// A request path with its C8 prefix read: which tenant and fabric it names
/// and what follows.
///
/// The accepted shapes (C8-API.md §1.0):
/// - `/_fabric/{f}/_api/…` — the current form;
/// - `/_tenant/{t}/_fabric/{f}/_api/…` — the 2019 form, still accepted;
/// - `/_api/…` — the `_system` fabric of the caller's tenant;
/// - `/_fabric/{f}/…` without `_api` — a few fabric-level routes
///   (`PUT /_fabric/{f}/database/{dc}`);
/// - anything else — server routes (`/datacenter/…`, `/_open/…`).
public struct APIPath: Sendable, Equatable {
    /// Which family of routes the rest of the path belongs to.
    public enum Space: Sendable, Hashable {
        /// After `…/_api/`.
        case api
        /// After `/_fabric/{f}/` with no `_api`.
        case fabric
        /// A path with no C8 prefix.
        case server
    }

    public var space: Space
    /// The tenant the URL names (legacy prefix); nil means the caller's.
    public var tenant: String?
    /// The fabric the URL names; `_system` when it names none.
    public var fabric: String
    /// The decoded segments after the prefix.
    public var segments: [String]

    public static let systemFabric = "_system"

    public init(space: Space, tenant: String? = nil, fabric: String = APIPath.systemFabric, segments: [String]) {
        self.space = space
        self.tenant = tenant
        self.fabric = fabric
        self.segments = segments
    }

    /// Reads the prefix off decoded path segments.
    public init(segments: [String]) {
        var rest = segments[...]
        var tenant: String?
        var fabric: String?
        if rest.count >= 2, rest.first == "_tenant" {
            tenant = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        }
        if rest.count >= 2, rest.first == "_fabric" {
            fabric = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        }
        let space: Space
        if rest.first == "_api" {
            space = .api
            rest = rest.dropFirst()
        } else if tenant != nil || fabric != nil {
            space = .fabric
        } else {
            space = .server
        }
        self.init(space: space, tenant: tenant, fabric: fabric ?? Self.systemFabric, segments: Array(rest))
    }
}

/// The kinds of things inside a fabric that carry their own access level.
public enum ResourceKind: String, Sendable, CaseIterable, Hashable {
    case collection
    case stream
    /// A RESTQL saved query ("query worker").
    case savedQuery = "restql"

    /// The path segment of the permission endpoints
    /// (`/_api/user/{u}/database/{f}/collection|stream|restql/…`).
    public var pathSegment: String { rawValue }
}

/// What an access level is asked for: a fabric, or one named thing in it.
public enum AccessTarget: Sendable, Hashable {
    case fabric(String)
    case resource(ResourceKind, fabric: String, name: String)

    public static func collection(_ name: String, in fabric: String) -> AccessTarget {
        .resource(.collection, fabric: fabric, name: name)
    }

    public static func stream(_ name: String, in fabric: String) -> AccessTarget {
        .resource(.stream, fabric: fabric, name: name)
    }

    public static func savedQuery(_ name: String, in fabric: String) -> AccessTarget {
        .resource(.savedQuery, fabric: fabric, name: name)
    }

    /// The fabric the target is, or is in.
    public var fabric: String {
        switch self {
        case .fabric(let name): name
        case .resource(_, let fabric, _): fabric
        }
    }
}

import C8Core

/// An access level, as C8 calls it: how much a user or API key may do with
/// a fabric, collection, stream or saved query (`rw`, `ro`, `none`).
///
/// On a fabric the console calls them Administrate, Access and No access; on
/// the things inside it Read/Write, Read Only and No access.
public enum Permission: String, Sendable, CaseIterable, Comparable {
    case none
    case readOnly = "ro"
    case readWrite = "rw"

    /// Parses a `grant` value as the API sends it (`"rw"`, `"ro"`, `"none"`).
    /// - Throws: 400 (errorNum 10) for anything else.
    public init(grant: String) throws(C8Error) {
        guard let level = Permission(rawValue: grant) else {
            throw C8Error(.badParameter, "invalid grant '\(grant)': use rw, ro or none")
        }
        self = level
    }

    public var canRead: Bool { self != Permission.none }
    public var canWrite: Bool { self == .readWrite }

    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .none: 0
        case .readOnly: 1
        case .readWrite: 2
        }
    }
}

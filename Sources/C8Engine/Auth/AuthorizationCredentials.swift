import C8Core

/// The credentials of an `Authorization` header: `bearer <jwt>` or
/// `apikey <key>`, the scheme in any case (pyC8 sends both `bearer` and
/// `Bearer`).
public enum AuthorizationCredentials: Sendable, Equatable {
    case bearer(String)
    case apiKey(String)

    /// Parses a header value.
    /// - Throws: 401 (errorNum 11) for another scheme or a missing value.
    public init(header: String) throws(C8Error) {
        let trimmed = header.drop(while: { $0 == " " || $0 == "\t" })
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            throw .notAuthenticated("the Authorization header needs a scheme and credentials")
        }
        let scheme = trimmed[..<space].lowercased()
        let value = trimmed[space...].trimmingSpaces
        guard !value.isEmpty, !value.contains(where: { $0 == " " || $0 == "\t" }) else {
            throw .notAuthenticated("the Authorization header has no single credential after its scheme")
        }
        switch scheme {
        case "bearer": self = .bearer(value)
        case "apikey": self = .apiKey(value)
        default: throw .notAuthenticated("unsupported Authorization scheme '\(trimmed[..<space])' (use bearer or apikey)")
        }
    }
}

private extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}

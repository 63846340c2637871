import C8Core

extension C8Error {
    /// A request without valid credentials: 401 with errorNum 11, as
    /// ArangoDB and GDN answer it.
    public static func notAuthenticated(_ reason: String, underlying: (any Error & Sendable)? = nil) -> C8Error {
        C8Error(.forbidden, "not authorized to execute this request: " + reason, httpStatus: 401, underlying: underlying)
    }

    /// A known principal asking for more than it was granted: 403.
    public static func accessDenied(_ what: String) -> C8Error {
        C8Error(.forbidden, "forbidden: " + what, httpStatus: 403)
    }
}

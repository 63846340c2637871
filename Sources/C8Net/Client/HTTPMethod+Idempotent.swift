extension HTTPMethod {
    /// Whether repeating the request has the same effect as sending it once
    /// (RFC 9110 §9.2.2): only these may be resent on a fresh connection
    /// after a pooled one turned out to be dead, since the server may have
    /// acted on the first copy before the connection died.
    public var isIdempotent: Bool {
        switch self {
        case .get, .head, .put, .delete, .options: true
        case .post, .patch: false
        }
    }
}

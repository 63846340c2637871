/// The request methods the server accepts; any other method is answered
/// with 405 (seed 003, "HTTP rules").
public enum HTTPMethod: String, Sendable, CaseIterable {
    case get = "GET", post = "POST", put = "PUT", delete = "DELETE"
    case head = "HEAD", patch = "PATCH", options = "OPTIONS"

    /// Methods whose requests normally carry no body: a `Content-Length`
    /// on them is accepted and logged, not refused.
    public var expectsNoBody: Bool { self == .get || self == .head || self == .delete }
}

/// The protocol versions the server speaks; anything else is answered
/// with 505.
public enum HTTPVersion: String, Sendable {
    case http1_0 = "HTTP/1.0", http1_1 = "HTTP/1.1"
}

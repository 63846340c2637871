import C8Net

/// Cross-origin resource sharing as C8 answers it (seed 003, "Cross-Origin
/// Resource Sharing"): preflights (`OPTIONS`) get 200 with an empty body and
/// no authentication, since browsers never send credentials with them; every
/// other response to a request with an `Origin` names that origin back.
///
/// Credentials (`access-control-allow-credentials: true`) are allowed only
/// for origins the operator trusts (`c8 serve --trusted-origin`): echoing
/// any origin is harmless while the browser keeps cookies and
/// `Authorization` out of the request, and only a trusted origin may ask it
/// to include them.
public struct CORSPolicy: Sendable {
    /// Origins whose requests may carry credentials, compared exactly.
    public let trustedOrigins: Set<String>

    /// Every method the server answers, whatever the path (the seed: listed
    /// "regardless of the target endpoint").
    static let allowedMethods = HTTPMethod.allCases.map(\.rawValue).joined(separator: ", ")

    /// The response headers of the C8 API a script may read.
    static let exposedHeaders = [
        "etag", "location", "x-gdn-region", "x-gdn-requestid", CursorResponder.forwardedHeader,
    ].joined(separator: ", ")

    /// How long a browser may cache a preflight's answer, in seconds.
    static let preflightMaxAge = "1800"

    public init(trustedOrigins: Set<String> = []) {
        self.trustedOrigins = trustedOrigins
    }

    /// The answer to a preflight: 200, empty body, the allow headers.
    public func preflight(_ request: HTTPRequest) -> HTTPResponse {
        var response = HTTPResponse(status: 200)
        if let requested = request.headers["access-control-request-headers"] {
            response.headers.set("access-control-allow-headers", requested)
        }
        response.headers.set("access-control-allow-methods", Self.allowedMethods)
        response.headers.set("access-control-max-age", Self.preflightMaxAge)
        decorate(&response, for: request)
        return response
    }

    /// Adds allow-origin, expose-headers and allow-credentials to a response
    /// of a request that carries an `Origin`; leaves others alone.
    public func decorate(_ response: inout HTTPResponse, for request: HTTPRequest) {
        guard let origin = request.headers["origin"] else { return }
        // The answer depends on the origin: a shared cache must not hand
        // one origin's headers to another.
        response.headers.set("vary", "Origin")
        response.headers.set("access-control-allow-origin", origin)
        response.headers.set("access-control-expose-headers", Self.exposedHeaders)
        response.headers.set("access-control-allow-credentials", trustedOrigins.contains(origin) ? "true" : "false")
    }
}

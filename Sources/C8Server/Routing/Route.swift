import C8Core
import C8Net

/// One endpoint: a method and path pattern in a path space, what the caller
/// must be allowed to do, and the code that answers.
public struct Route: Sendable {
    public typealias Handler = @Sendable (RouteContext) throws(C8Error) -> HTTPResponse

    public let method: HTTPMethod
    public let space: APIPath.Space
    public let pattern: RoutePattern
    public let access: AccessRule
    public let handler: Handler

    public init(_ method: HTTPMethod, _ pattern: String, in space: APIPath.Space = .api, access: AccessRule, _ handler: @escaping Handler) {
        self.method = method
        self.space = space
        self.pattern = RoutePattern(pattern)
        self.access = access
        self.handler = handler
    }
}

/// A feature's routes, registered together (one group per concept:
/// collections, documents, cursors…). Groups outside this module — auth,
/// users and keys — plug in the same way.
public protocol RouteGroup: Sendable {
    var routes: [Route] { get }
}

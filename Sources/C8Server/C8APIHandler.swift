import C8Core
import C8Engine
import C8Net
import C8Query
import C8Streams

/// The C8 REST API as a pure function of a request: routes it, admits the
/// caller through the ``AccessGate``, runs the route against the engine and
/// maps any ``C8Error`` to the error envelope. Every response carries
/// `x-gdn-region` (the host of the region that served it) and
/// `x-gdn-requestid`; `OPTIONS` is a CORS preflight on any path, answered
/// before routing and without credentials (``CORSPolicy``).
public final class C8APIHandler: HTTPHandler {
    public let services: APIServices
    private let router: Router
    private let gate: any AccessGate
    private let cors: CORSPolicy
    private let requestIDs = RequestIDGenerator()

    /// - Parameters:
    ///   - engine: the region's engine.
    ///   - configuration: domain, regions and tenant.
    ///   - gate: authentication and permissions; by default every request
    ///     is admitted as `root` of the configured tenant.
    ///   - streams: the region's stream service; opened over `engine` when nil.
    ///   - extraGroups: routes served besides the built-in ones (auth,
    ///     users, keys, tenants); a route with the method and shape of a
    ///     built-in one replaces it.
    /// - Throws: what opening the stream service throws.
    public init(engine: Engine, configuration: C8APIConfiguration = C8APIConfiguration(),
                queries: QueryEngine? = nil, streams: StreamService? = nil, gate: (any AccessGate)? = nil,
                extraGroups: [any RouteGroup] = []) throws(C8Error) {
        let services = try APIServices(engine: engine, queries: queries, streams: streams, configuration: configuration)
        self.services = services
        self.gate = gate ?? UnrestrictedAccessGate(tenant: configuration.tenant)
        cors = CORSPolicy(trustedOrigins: configuration.trustedOrigins)
        var router = Router()
        for group in Self.builtInGroups(services) + extraGroups {
            for route in group.routes { router.add(route) }
        }
        self.router = router
    }

    static func builtInGroups(_ services: APIServices) -> [any RouteGroup] {
        [
            VersionRoutes(services: services), DatacenterRoutes(services: services),
            FabricRoutes(services: services), CollectionRoutes(services: services),
            DocumentRoutes(services: services), IndexRoutes(services: services),
            CursorRoutes(services: services), QueryRoutes(services: services),
            SavedQueryRoutes(services: services), GraphRoutes(services: services),
            GraphElementRoutes(services: services), EdgeRoutes(services: services),
            KeyValueRoutes(services: services), ImportExportRoutes(services: services),
            StreamRoutes(services: services), StreamSocketRoutes(services: services),
            OneTimePasswordRoutes(passwords: services.oneTimePasswords),
        ]
    }

    /// Every route this handler serves.
    public var routes: [Route] { router.routes }

    public func handle(_ request: HTTPRequest, peer: PeerInfo) -> HTTPResponse {
        let region = services.regions.region(forHost: request.hostName)
        var response: HTTPResponse
        if request.method == .options {
            response = cors.preflight(request)
        } else {
            do throws(C8Error) {
                response = try respond(request, peer: peer, region: region)
            } catch {
                response = .error(error)
            }
            if request.method == .head {
                // HEAD states the length GET would send (RFC 9110 §9.3.2);
                // the response writer keeps a stated length for HEAD.
                response.headers.set("Content-Length", String(response.body.count))
                response.body = []
            }
            cors.decorate(&response, for: request)
        }
        response.headers.set("x-gdn-region", services.regions.hostName(of: region))
        response.headers.set("x-gdn-requestid", requestIDs.next())
        return response
    }

    private func respond(_ request: HTTPRequest, peer: PeerInfo, region: String) throws(C8Error) -> HTTPResponse {
        let path = APIPath(segments: try PathDecoder.segments(request.rawPath))
        let route: Route
        let values: [String]
        switch router.match(request.method, space: path.space, segments: path.segments) {
        case .found(let found, let bound):
            route = found
            values = bound
        case .methodNotAllowed(let allowed):
            var headers = HTTPHeaders()
            headers.set("Allow", allowed.map(\.rawValue).joined(separator: ", "))
            return .error(C8Error(.httpMethodNotAllowed, "method \(request.method.rawValue) is not supported on \(request.rawPath)"), headers: headers)
        case .notFound:
            throw C8Error(.httpNotFound, "unknown path '\(request.rawPath)'")
        }
        let query = try QueryParameters(request.rawQuery)
        let parameters = Array(zip(route.pattern.parameterNames, values)).map { (name: $0.0, value: $0.1) }
        let caller: Caller
        if let access = try accessRequest(route.access, path: path, query: query, parameters: parameters) {
            caller = try gate.admit(Self.spendingOneTimePassword(request, query: query, services: services), for: access)
        } else {
            caller = Caller(tenant: path.tenant ?? services.configuration.tenant, user: "anonymous")
        }
        let context = RouteContext(
            request: request, peer: peer, path: path, query: query, region: region,
            caller: caller, services: services, parameters: parameters)
        return try route.handler(context)
    }

    /// A stream socket's handshake with `?otp=` and no `Authorization`
    /// (browsers cannot set one) carries the credentials the one-time
    /// password was issued for; an unknown or spent one adds nothing, so
    /// the gate refuses the request as unauthenticated.
    private static func spendingOneTimePassword(_ request: HTTPRequest, query: QueryParameters,
                                                services: APIServices) -> HTTPRequest {
        guard let password = query["otp"], request.headers["Authorization"] == nil,
              request.rawPath.hasPrefix(StreamSocketRoutes.prefix + "/"),
              let authorization = services.oneTimePasswords.redeem(password) else { return request }
        var request = request
        request.headers.set("Authorization", authorization)
        return request
    }

    /// The decision a route's rule asks of the gate; nil for open routes.
    private func accessRequest(
        _ rule: AccessRule, path: APIPath, query: QueryParameters, parameters: [(name: String, value: String)]
    ) throws(C8Error) -> AccessRequest? {
        func value(_ source: RouteValue) throws(C8Error) -> String {
            switch source {
            case .path(let name):
                guard let value = parameters.first(where: { $0.name == name })?.value else {
                    throw C8Error(.internalError, "route has no path parameter '\(name)'")
                }
                return value
            case .query(let name):
                guard let value = query[name], !value.isEmpty else {
                    throw name == "collection"
                        ? C8Error(.collectionParameterMissing)
                        : C8Error(.badParameter, "query parameter '\(name)' is required")
                }
                return value
            }
        }
        var resource = AccessRequest.Resource.server
        var level = AccessLevel.read
        switch rule {
        case .open: return nil
        case .authenticated: break
        case .tenantAdmin: (resource, level) = (.tenant, .administer)
        case .fabric(let l): (resource, level) = (.fabric, l)
        case .collection(let source, let l): (resource, level) = (.collection(try value(source)), l)
        case .savedQuery(let source, let l): (resource, level) = (.savedQuery(try value(source)), l)
        case .stream(let source, let l): (resource, level) = (.stream(try value(source)), l)
        }
        return AccessRequest(resource: resource, level: level, tenant: path.tenant, fabric: path.fabric)
    }
}

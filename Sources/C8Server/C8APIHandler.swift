import C8Cluster
import C8Core
import C8Engine
import C8Net
import C8Query
import C8Streams

/// The C8 REST API as a pure function of a request: picks the region from
/// the Host header, routes the request, admits the caller through the
/// ``AccessGate``, runs the route against the region's engine and maps any
/// ``C8Error`` to the error envelope. Every response carries `x-gdn-region`
/// (the host of the region that served it) and `x-gdn-requestid`;
/// `OPTIONS` is a CORS preflight on any path, answered before routing and
/// without credentials (``CORSPolicy``).
///
/// Over a ``Federation`` each region has its own engine, query engine,
/// stream service and router, and a region the federation has down answers
/// 503 — but for the simulator API, which is about the federation and so
/// reaches it through any region.
public final class C8APIHandler: HTTPHandler {
    private let served: ServedRegions
    /// Routes about the federation rather than a region, consulted first.
    private let federationRouter: Router
    private let gate: any AccessGate
    private let cors: CORSPolicy
    private let requestIDs = RequestIDGenerator()

    /// A server whose one engine serves every configured region.
    /// - Parameters:
    ///   - engine: the engine of every region.
    ///   - configuration: domain, regions and tenant.
    ///   - gate: authentication and permissions; by default every request
    ///     is admitted as `root` of the configured tenant.
    ///   - streams: the engine's stream service; opened over `engine` when nil.
    ///   - extraGroups: routes served besides the built-in ones (auth,
    ///     users, keys, tenants); a route with the method and shape of a
    ///     built-in one replaces it.
    /// - Throws: what opening the stream service throws.
    public init(engine: Engine, configuration: C8APIConfiguration = C8APIConfiguration(),
                queries: QueryEngine? = nil, streams: StreamService? = nil, gate: (any AccessGate)? = nil,
                extraGroups: [any RouteGroup] = []) throws(C8Error) {
        let services = try APIServices(engine: engine, queries: queries, streams: streams, configuration: configuration)
        served = .sharing(services, router: Self.router(services, extraGroups))
        federationRouter = Router()
        self.gate = gate ?? UnrestrictedAccessGate(tenant: configuration.tenant)
        cors = CORSPolicy(trustedOrigins: configuration.trustedOrigins)
    }

    /// A server of every region of `federation`, each with its own query
    /// engine and stream service (the federation's; ``closeStreams()``
    /// disconnects their clients before the federation closes), plus the
    /// simulator API.
    /// - Parameters:
    ///   - configuration: domain and tenant; its regions are the federation's.
    ///   - gate, extraGroups: as for a single engine; every region serves
    ///     the extra groups (accounts are federation-wide).
    /// - Throws: what opening a stream service throws.
    public init(federation: Federation, configuration: C8APIConfiguration = C8APIConfiguration(),
                gate: (any AccessGate)? = nil, extraGroups: [any RouteGroup] = []) throws(C8Error) {
        var configuration = configuration
        configuration.regions = federation.regions.map(\.name)
        let shared = APIServices.Shared(regions: RegionDirectory(domain: configuration.domain, federation: federation),
                                        compaction: StoreCompaction(engines: federation.regions.map(\.engine)))
        var endpoints: [String: ServedRegions.Endpoint] = [:]
        for region in federation.regions {
            let services = try APIServices(engine: region.engine, queries: nil, streams: federation.streams(of: region),
                                           configuration: configuration, shared: shared)
            endpoints[region.name] = ServedRegions.Endpoint(services: services, router: Self.router(services, extraGroups))
        }
        served = ServedRegions(directory: shared.regions, federation: federation, endpoints: endpoints)
        federationRouter = Router(routes: SimulatorRoutes(federation: federation).routes)
        self.gate = gate ?? UnrestrictedAccessGate(tenant: configuration.tenant)
        cors = CORSPolicy(trustedOrigins: configuration.trustedOrigins)
    }

    private static func router(_ services: APIServices, _ extraGroups: [any RouteGroup]) -> Router {
        var router = Router()
        for group in builtInGroups(services) + extraGroups {
            for route in group.routes { router.add(route) }
        }
        return router
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
            CompactionRoutes(services: services),
            StreamRoutes(services: services), StreamSocketRoutes(services: services),
            OneTimePasswordRoutes(passwords: services.oneTimePasswords),
        ]
    }

    /// The services of the local region.
    public var services: APIServices { served.local.services }

    /// The services of `region` (the local region's for an unknown name).
    public func services(of region: String) -> APIServices { served.endpoint(of: region).services }

    /// Every route the local region serves, and the simulator's.
    public var routes: [Route] { served.local.router.routes + federationRouter.routes }

    /// Closes every region's stream service (its clients are told goodbye
    /// and its cursors persisted): before the engines under them close.
    public func closeStreams() {
        for services in served.distinctServices { services.streams.close() }
    }

    public func handle(_ request: HTTPRequest, peer: PeerInfo) -> HTTPResponse {
        let region = served.directory.region(forHost: request.hostName)
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
        response.headers.set("x-gdn-region", served.directory.hostName(of: region))
        response.headers.set("x-gdn-requestid", requestIDs.next())
        return response
    }

    private func respond(_ request: HTTPRequest, peer: PeerInfo, region: String) throws(C8Error) -> HTTPResponse {
        let path = APIPath(segments: try PathDecoder.segments(request.rawPath))
        let endpoint = served.endpoint(of: region)
        var match = federationRouter.match(request.method, space: path.space, segments: path.segments)
        if case .notFound = match {
            try served.checkUp(region)
            match = endpoint.router.match(request.method, space: path.space, segments: path.segments)
        }
        let services = endpoint.services
        let route: Route
        let values: [String]
        switch match {
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
        let parameters = Self.parameters(of: route, values)
        let caller: Caller
        let access = try accessRequest(route.access, path: path, query: query, parameters: parameters)
        if let access {
            caller = try gate.admit(Self.spendingOneTimePassword(request, query: query, services: services), for: access)
        } else {
            caller = Caller(tenant: path.tenant ?? services.configuration.tenant, user: "anonymous")
        }
        if let access, try served.goesToSpotRegion(access, tenant: path.tenant ?? caller.tenant, query: query, from: region) {
            // Finding the spot region may wait for it to catch up: never on an event loop.
            if let loop = DocumentReadOnEventLoop.current { return loop.handBack() }
            let spot = try served.spotRegion(of: access, tenant: path.tenant ?? caller.tenant, from: region)
            if spot != region { return try forward(to: spot, request, peer: peer, path: path, query: query, caller: caller) }
        }
        let context = RouteContext(
            request: request, peer: peer, path: path, query: query, region: region,
            caller: caller, services: services, served: served, parameters: parameters)
        return try route.handler(context)
    }

    /// Serves an admitted request with the route of `region` (a spot
    /// collection's spot region), saying so with `x-c8-request-forwarded-to`.
    private func forward(to region: String, _ request: HTTPRequest, peer: PeerInfo, path: APIPath, query: QueryParameters,
                         caller: Caller) throws(C8Error) -> HTTPResponse {
        let endpoint = served.endpoint(of: region)
        guard case .found(let route, let values) = endpoint.router.match(request.method, space: path.space, segments: path.segments) else {
            throw C8Error(.internalError, "region \(region) has no route for \(request.method.rawValue) \(request.rawPath)")
        }
        let context = RouteContext(
            request: request, peer: peer, path: path, query: query, region: region, caller: caller, services: endpoint.services,
            served: served, parameters: Self.parameters(of: route, values))
        var response = try route.handler(context)
        response.headers.set(CursorResponder.forwardedHeader, region)
        return response
    }

    private static func parameters(of route: Route, _ values: [String]) -> [(name: String, value: String)] {
        Array(zip(route.pattern.parameterNames, values)).map { (name: $0.0, value: $0.1) }
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
        case .serverAdmin: (resource, level) = (.federation, .administer)
        case .fabric(let l): (resource, level) = (.fabric, l)
        case .collection(let source, let l): (resource, level) = (.collection(try value(source)), l)
        case .savedQuery(let source, let l): (resource, level) = (.savedQuery(try value(source)), l)
        case .stream(let source, let l): (resource, level) = (.stream(try value(source)), l)
        }
        return AccessRequest(resource: resource, level: level, tenant: path.tenant, fabric: path.fabric)
    }
}

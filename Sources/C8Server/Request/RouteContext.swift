import C8Core
import C8Engine
import C8Net

/// Everything a route handler works with: the request, its decoded path
/// and query, the region it was sent to, the admitted caller, and the
/// engine's objects it names — looked up on demand, each lookup failing
/// with the error the API answers (1228 fabric, 1203 collection).
public struct RouteContext: Sendable {
    public let request: HTTPRequest
    public let peer: PeerInfo
    public let path: APIPath
    public let query: QueryParameters
    /// The region the Host header selected.
    public let region: String
    public let caller: Caller
    public let services: APIServices
    private let parameters: [(name: String, value: String)]
    /// Every region the server serves, for requests one region answers
    /// for another (cursor continuations).
    private let served: ServedRegions

    init(request: HTTPRequest, peer: PeerInfo, path: APIPath, query: QueryParameters, region: String,
         caller: Caller, services: APIServices, served: ServedRegions, parameters: [(name: String, value: String)]) {
        self.request = request
        self.peer = peer
        self.path = path
        self.query = query
        self.region = region
        self.caller = caller
        self.services = services
        self.served = served
        self.parameters = parameters
    }

    /// The services of `region` (this request's own for its region).
    func services(of region: String) -> APIServices {
        region == self.region ? services : served.endpoint(of: region).services
    }

    /// A path parameter of the route; the route's pattern guarantees it
    /// (an unknown name is a programming error and answers 500).
    public func parameter(_ name: String) throws(C8Error) -> String {
        guard let value = parameters.first(where: { $0.name == name })?.value else {
            throw C8Error(.internalError, "route has no path parameter '\(name)'")
        }
        return value
    }

    /// The tenant the request is for: the one its URL names, else the caller's.
    public var tenantName: String { path.tenant ?? caller.tenant }

    public func tenant() throws(C8Error) -> Tenant {
        try services.engine.tenant(tenantName)
    }

    /// The fabric the URL names (`_system` when none). - Throws: 1228.
    public func fabric() throws(C8Error) -> Fabric {
        try tenant().fabric(path.fabric)
    }

    /// The collection named by path parameter `name`. - Throws: 1228, 1203.
    public func collection(_ name: String = "collection") throws(C8Error) -> DocumentCollection {
        try fabric().collection(try parameter(name))
    }

    /// The local port the request arrived on, as datacenter URLs show it.
    public var localPort: Int { peer.localPort }
}

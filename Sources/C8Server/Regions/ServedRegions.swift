import C8Cluster
import C8Core

/// The regions a handler serves, each with its services and router, and
/// whether a region may serve requests now.
///
/// A server over one engine serves every configured region with it (the
/// same services and router behind every name) and never has a region
/// down; a server over a ``Federation`` gives each region its own.
final class ServedRegions: Sendable {
    /// What answers the requests of one region.
    struct Endpoint: Sendable {
        let services: APIServices
        let router: Router
    }

    let directory: RegionDirectory
    let federation: Federation?
    private let endpoints: [String: Endpoint]

    /// - Parameter endpoints: one per region of `directory`.
    init(directory: RegionDirectory, federation: Federation?, endpoints: [String: Endpoint]) {
        precondition(directory.names.allSatisfy { endpoints[$0] != nil }, "every region has an endpoint")
        self.directory = directory
        self.federation = federation
        self.endpoints = endpoints
    }

    /// Every region of `services`' directory served by `services` and `router`.
    static func sharing(_ services: APIServices, router: Router) -> ServedRegions {
        let endpoint = Endpoint(services: services, router: router)
        return ServedRegions(directory: services.regions, federation: nil,
                             endpoints: Dictionary(services.regions.names.map { ($0, endpoint) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The endpoint of `region`; the local region's for a name the
    /// directory does not know (the directory never picks one).
    func endpoint(of region: String) -> Endpoint {
        endpoints[region] ?? endpoints[directory.local]!
    }

    var local: Endpoint { endpoint(of: directory.local) }

    /// Every distinct endpoint, local first.
    var distinctServices: [APIServices] {
        var seen: [APIServices] = []
        for name in directory.names {
            let services = endpoint(of: name).services
            if !seen.contains(where: { $0 === services }) { seen.append(services) }
        }
        return seen
    }

    /// - Throws: 503 (errorNum 503) while the federation has `region` down.
    func checkUp(_ region: String) throws(C8Error) {
        guard let federation, let known = try? federation.region(region), !federation.isUp(known) else { return }
        throw C8Error(.httpServiceUnavailable, "region \(region) is down")
    }
}

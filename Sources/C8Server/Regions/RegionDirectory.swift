import C8Cluster
import C8Core
import Synchronization

/// The regions of the federation as the API presents them: which one a
/// request's Host header selects, and their datacenter descriptions.
///
/// Host names follow GDN: `api-<region>.<domain>` (or `<region>.<domain>`)
/// selects that region; the bare `api-<domain>`, an IP address, `localhost`
/// or any other name selects the local region — the first configured.
public final class RegionDirectory: Sendable {
    public let domain: String
    public let names: [String]
    /// `<region>.<domain>` of each region, built once: every response
    /// names its region in `x-gdn-region`.
    private let hostNames: [String: String]
    /// Regions marked spot-capable (`PUT /datacenter/{dc}/true`) when no
    /// federation keeps that record.
    private let spotCapable = Mutex<Set<String>>([])
    /// The federation whose regions these are: it alone records which are
    /// spot-capable, since it picks spot regions from them.
    private let federation: Federation?

    /// The regions `names`, served by one engine (no federation).
    public convenience init(domain: String, names: [String]) {
        self.init(domain: domain, names: names, federation: nil)
    }

    /// The regions of `federation`, in its order (the first is the local one).
    public convenience init(domain: String, federation: Federation) {
        self.init(domain: domain, names: federation.regions.map(\.name), federation: federation)
    }

    private init(domain: String, names: [String], federation: Federation?) {
        precondition(!names.isEmpty, "a federation has at least one region")
        self.domain = domain.lowercased()
        self.names = names
        hostNames = Dictionary(names.map { ($0, $0 + "." + domain.lowercased()) }, uniquingKeysWith: { first, _ in first })
        self.federation = federation
    }

    public var local: String { names[0] }

    public func contains(_ region: String) -> Bool { names.contains(region) }

    /// The region a request for `host` (lowercased, without port) is for.
    public func region(forHost host: String?) -> String {
        guard var name = host, !name.isEmpty else { return local }
        if name.hasPrefix("api-") { name.removeFirst(4) }
        guard name != domain, name.hasSuffix("." + domain) else { return local }
        let label = String(name.dropLast(domain.count + 1))
        return names.first { $0.lowercased() == label } ?? local
    }

    /// `<region>.<domain>`, the host name of a region (`tags.url` without port).
    public func hostName(of region: String) -> String {
        hostNames[region] ?? region + "." + domain
    }

    /// `tags.url`: the host name, with `:port` unless the port is 80 or 443.
    public func url(of region: String, port: Int) -> String {
        port == 80 || port == 443 || port <= 0 ? hostName(of: region) : hostName(of: region) + ":" + String(port)
    }

    public func isSpotCapable(_ region: String) -> Bool {
        if let federation {
            guard let known = try? federation.region(region) else { return false }
            return federation.isSpotCapable(known)
        }
        return spotCapable.withLock { $0.contains(region) }
    }

    /// The spot region `automatic` gives a fabric spanning `dcList` (every
    /// region when empty): the federation's choice, else the first
    /// spot-capable region; "" when none is.
    public func automaticSpotRegion(dcList: [String]) -> String {
        if let federation { return federation.defaultSpotRegion(dcList: dcList) }
        return (dcList.isEmpty ? names : dcList).first(where: isSpotCapable) ?? ""
    }

    /// - Throws: 404 (102024, GDN's number) for an unknown region.
    public func setSpotCapable(_ region: String, _ capable: Bool) throws(C8Error) {
        try checkKnown(region)
        if let federation { return try federation.setSpotCapable(region, capable) }
        spotCapable.withLock { set in
            if capable { set.insert(region) } else { set.remove(region) }
        }
    }

    /// - Throws: 404 (102024) when `region` is not one of the federation's.
    public func checkKnown(_ region: String) throws(C8Error) {
        guard contains(region) else {
            throw C8Error.datacenterNotFound(region)
        }
    }

    /// The datacenter object of `region` as seen by a request served by
    /// `serving` on `port`: `{_key, _id, name, host, local, spot_region,
    /// status, tags: {url, api}, locationInfo}`.
    public func datacenter(_ region: String, serving: String, port: Int) -> JSON {
        let url = self.url(of: region, port: port)
        let host = hostName(of: region)
        return [
            "_key": .string(region), "_id": .string("_clusters/" + region), "name": .string(region),
            "host": .string(host), "local": .bool(region == serving), "spot_region": .bool(isSpotCapable(region)),
            "status": 0, "tags": ["url": .string(url), "api": .string("api-" + url)],
            "locationInfo": ["city": "", "countrycode": "", "countryname": "", "latitude": "", "longitude": "", "url": .string(url)],
        ]
    }
}

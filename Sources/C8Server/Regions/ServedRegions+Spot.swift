import C8Cluster
import C8Core

extension ServedRegions {
    /// Whether a request goes to its fabric's spot region (C8-API.md §3):
    /// a write to a spot collection, or a read of one that asks
    /// `strongConsistency=true`. Spot collections are written in one place
    /// so that such reads are never stale. False without a federation, and
    /// for a collection `region` does not know (yet): the route answers.
    /// - Throws: 400 for a `strongConsistency` that is no boolean.
    func goesToSpotRegion(_ access: AccessRequest, tenant: String, query: QueryParameters, from region: String) throws(C8Error) -> Bool {
        guard let federation, case .collection(let name) = access.resource else { return false }
        switch access.level {
        case .write: break
        case .read: guard try query.bool("strongConsistency") == true else { return false }
        case .administer: return false
        }
        let collection = try? federation.region(region).engine.tenant(tenant).fabric(access.fabric).collection(name)
        return collection?.properties.isSpot == true
    }

    /// The spot region of `access`'s fabric, once it has what `region` had
    /// (``Federation/spotRegion(tenant:fabric:from:)``; it may wait).
    /// - Throws: 503 when the spot region is down, cut off or behind; 400
    ///   when the fabric has no spot region.
    func spotRegion(of access: AccessRequest, tenant: String, from region: String) throws(C8Error) -> String {
        guard let federation else { return region }
        return try federation.spotRegion(tenant: tenant, fabric: access.fabric, from: try federation.region(region)).name
    }
}

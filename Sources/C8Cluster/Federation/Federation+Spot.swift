import C8Core
import C8Engine

/// Spot collections (C8-API.md §3): each fabric may have one spot region;
/// its spot collections are written only there, and read there when a
/// request asks for strong consistency. Everywhere else they are copies,
/// replicated like global collections, for local (causal) reads.
extension Federation {
    /// How long a request routed to a spot region may wait for that region
    /// to have applied what the request's own region had (its causal past).
    public static let spotCatchUpTimeoutMicros: UInt64 = 10_000_000

    /// The spot region `automatic` picks for a fabric spanning `dcList`
    /// (every region when empty): its first spot-capable region, or ""
    /// when it has none.
    public func defaultSpotRegion(dcList: [String]) -> String {
        let candidates = dcList.isEmpty ? regions : regions.filter { dcList.contains($0.name) }
        return candidates.first(where: isSpotCapable)?.name ?? ""
    }

    /// The region that serves a spot request made in `origin`: the fabric's
    /// spot region, once it has applied everything `origin` had applied
    /// when the request came (so the request sees what its client saw).
    /// - Throws: 400 when the fabric has no spot region; 503 when the spot
    ///   region is down, cut off from `origin`, or does not catch up in time —
    ///   never a stale answer.
    public func spotRegion(tenant: String, fabric: String, from origin: Region) throws(C8Error) -> Region {
        let spotName = try origin.engine.tenant(tenant).fabric(fabric).options.spotDc
        guard !spotName.isEmpty else {
            throw C8Error(.badParameter, "fabric \(fabric) has no spot region")
        }
        let spot = try region(spotName)
        guard spot.index != origin.index else { return spot }
        guard isUp(spot), isUp(origin), !isPartitioned(origin, spot) else {
            throw C8Error(.httpServiceUnavailable,
                          "the spot region \(spot.name) of fabric \(fabric) is unreachable from \(origin.name)", httpStatus: 503)
        }
        let needed = appliedVector(of: origin)
        let caughtUp = scheduler.wait(timeoutMicros: Self.spotCatchUpTimeoutMicros) {
            appliedVector(of: spot).covers(needed)
        }
        guard caughtUp else {
            throw C8Error(.httpServiceUnavailable,
                          "the spot region \(spot.name) has not caught up with \(origin.name); try again", httpStatus: 503)
        }
        return spot
    }

    /// Gives each tenant's `_system` fabric the automatic spot region when
    /// it has none — in every region alike, as the same catalog state.
    func assignDefaultSpotRegions() throws(C8Error) {
        guard regions.count > 1 || regions.first?.engine.region != nil else { return }
        let spot = defaultSpotRegion(dcList: [])
        guard !spot.isEmpty else { return }
        for region in regions {
            for tenant in region.engine.tenants() {
                let system = try tenant.fabric("_system")
                guard system.options.spotDc.isEmpty else { continue }
                try ReplicationApply.run { () throws(C8Error) in try system.changeOptions { $0.spotDc = spot } }
            }
        }
    }
}

import C8Core

extension DocumentCollection {
    /// Refuses a write to a spot collection in a region that is not its
    /// fabric's spot region: spot collections are written in one place, so
    /// reads there are never stale. Replicated changes (the spot region's
    /// writes arriving for local reads) pass; so does every write to a lone
    /// engine, which has no regions.
    /// - Throws: 503/1496 (not the leader) naming the spot region to write
    ///   to instead — what a router catches to send the write there.
    func checkSpotRegion() throws(C8Error) {
        guard let region = context.region, !ReplicationApply.isActive else { return }
        let (isSpot, name) = meta.withLock { ($0.properties.isSpot, $0.properties.name) }
        guard isSpot else { return }
        let lookup = context.fabricLookup.withLock { $0 }
        let spot = lookup?(tenant, fabric)?.options.spotDc ?? ""
        guard spot != region else { return }
        throw C8Error(.notLeader, spot.isEmpty
            ? "spot collection \(name) cannot be written: fabric \(fabric) has no spot region"
            : "spot collection \(name) is written only in its fabric's spot region \(spot), not in \(region)")
    }
}

import Synchronization

extension Federation {
    /// Regions, their nodes and links as they are now: what the simulator
    /// API returns and the console's Regions pane draws.
    public func status() -> FederationStatus {
        let now = scheduler.nowMicros
        return state.withLock { s in
            FederationStatus(regions: regions.map { region in
                let i = region.index
                let links = regions.filter { $0.index != i }.map { other in
                    let link = s.links[i][other.index]!
                    let waiting = s.waiting[other.index].count { $0.origin == i }
                    var lag = link.lastLagMicros
                    if let oldest = link.oldestPendingSentMicros { lag = max(lag, now - min(now, oldest)) }
                    return FederationStatus.Link(
                        to: other.name, latencyMs: link.profile.latencyMs, jitterMs: link.profile.jitterMs,
                        partitioned: link.profile.partitioned, lagMs: Double(lag) / 1000, pendingOps: link.pendingCount + waiting)
                }
                let nodes = region.nodes?.nodes.map { FederationStatus.Node(id: $0.id, up: $0.up, shardsLed: $0.shardsLed) } ?? []
                return FederationStatus.Region(
                    name: region.name, up: s.regionUp[i], spotCapable: s.spotCapable[i], nodes: nodes, links: links, conflictsResolved: s.conflictsResolved[i],
                    applyFailures: s.applyFailures[i], lastFailure: s.lastFailure[i], applied: s.completed[i].counts)
            })
        }
    }
}

import C8Client

/// One line of the Regions pane, by position in the status: a region's
/// heading, its nodes (or the note that there are none), its links, and
/// its last apply failure. Indexes, not copies, so rows stay small and the
/// renderer reads the values from the status it draws.
public enum RegionRow: Sendable, Equatable {
    case region(Int)
    case node(region: Int, node: Int)
    case noNodes(region: Int)
    case link(region: Int, link: Int)
    case failure(region: Int)

    /// The rows for `status`, region by region.
    static func rows(of status: SimulatorStatus) -> [RegionRow] {
        var rows: [RegionRow] = []
        for (r, region) in status.regions.enumerated() {
            rows.append(.region(r))
            if region.nodes.isEmpty {
                rows.append(.noNodes(region: r))
            } else {
                rows += region.nodes.indices.map { .node(region: r, node: $0) }
            }
            rows += region.links.indices.map { .link(region: r, link: $0) }
            if region.applyFailures > 0 { rows.append(.failure(region: r)) }
        }
        return rows
    }

    /// What `d` (down: true) or `u` (down: false) does on this row: a
    /// region or node goes down or up, a link is cut or healed. Nil on
    /// the rows that only inform.
    func simulatorAction(in status: SimulatorStatus, down: Bool) -> SimulatorAction? {
        switch self {
        case .region(let r):
            let name = status.regions[r].name
            return down ? .regionDown(name) : .regionUp(name)
        case .node(let r, let n):
            let region = status.regions[r]
            let node = region.nodes[n].id
            return down ? .nodeDown(region: region.name, node: node) : .nodeUp(region: region.name, node: node)
        case .link(let r, let l):
            let region = status.regions[r]
            let other = region.links[l].to
            return down ? .partition(region.name, other) : .heal((region.name, other))
        case .noNodes, .failure:
            return nil
        }
    }
}

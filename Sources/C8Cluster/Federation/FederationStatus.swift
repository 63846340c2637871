import C8Core

/// A snapshot of the federation for the simulator API and the console's
/// Regions pane: each region, its links and how far behind they are.
public struct FederationStatus: Sendable, Equatable {
    public struct Link: Sendable, Equatable {
        public let to: String
        public let latencyMs: Double
        public let jitterMs: Double
        public let partitioned: Bool
        /// How long the last change took to arrive, or how long the oldest
        /// waiting one has waited, whichever is more.
        public let lagMs: Double
        /// Changes sent and not yet applied at `to`.
        public let pendingOps: Int
    }

    /// A storage node of a region.
    public struct Node: Sendable, Equatable {
        public let id: String
        public let up: Bool
        /// Shards (of 64) this node leads.
        public let shardsLed: Int
    }

    public struct Region: Sendable, Equatable {
        public let name: String
        public let up: Bool
        /// May be a fabric's spot region (`PUT /datacenter/{dc}/true`).
        public let spotCapable: Bool
        public let nodes: [Node]
        /// Links from this region to each other one.
        public let links: [Link]
        /// Replicated writes that last-writer-wins settled against this
        /// region's newer version.
        public let conflictsResolved: Int
        /// Replicated changes this region could not make (see `lastFailure`).
        public let applyFailures: Int
        public let lastFailure: String?
        /// How many of each region's changes it has applied.
        public let applied: [UInt64]
    }

    public let regions: [Region]

    public func region(_ name: String) -> Region? { regions.first { $0.name == name } }
}

import C8Core
import C8Engine
import C8Storage
import C8Streams
import Synchronization

/// Several regions in one process, each a real engine with its own copy of
/// the data, joined by simulated links (Docs/REGIONS.md).
///
/// A change committed in a region — a document write to a global
/// collection, or a catalog change — becomes a ``ReplicationEntry``
/// numbered in that region's order and carrying what the region had
/// applied when it made the change. It travels to every other region of
/// its fabric over the link between them (latency, jitter, partitions:
/// ``RegionLink``), and a region applies it only once it has applied
/// everything the entry depends on: causal order, with concurrent writes
/// to one document settled last-writer-wins on their hybrid-clock stamps
/// (``DocumentCollection/applyReplicated(_:)``).
///
/// Replication work runs on the ``ClusterScheduler``: a background queue
/// in real time, or a test's own thread in virtual time.
public final class Federation: Sendable {
    public let regions: [Region]
    public let scheduler: any ClusterScheduler
    let configuration: FederationConfiguration
    let state: Mutex<State>
    /// Held (shared) by every delivery run, taken (exclusively) by
    /// ``detach()``: once it returns, no run is reading a log or applying
    /// to an engine, so the engines can close.
    let deliveries = ReadWriteLock()
    /// Each region's stream service, opened with the federation (an engine
    /// has one) and closed with it; empty for a wrapped engine.
    let streamServices: [StreamService]
    /// Each region's global stream replicator; empty for one region.
    let streamReplicators = Mutex<[GlobalStreamReplicator]>([])
    let listenerIds = Mutex<[(change: UInt64, catalog: UInt64)]>([])

    struct FabricKey: Hashable {
        let tenant: String
        let fabric: String
    }

    struct State {
        var logs: [ReplicationLog]
        /// Through which of its own changes each region's log is truncated.
        var truncatedThrough: [UInt64]
        var links: [[RegionLink?]]
        /// When a delivery run of each link is scheduled (µs), if one is.
        var pumpDue: [[UInt64?]]
        var regionUp: [Bool]
        /// Regions a fabric may choose as its spot region.
        var spotCapable: [Bool]
        /// What each region has taken to apply, in order: an entry counts
        /// here from the moment it is ready (what ordering and the
        /// dependencies of new changes use — counting early only makes a
        /// new change wait for more).
        var applied: [VectorClock]
        /// What each region has applied and shows: what waits and status use.
        var completed: [VectorClock]
        /// Entries a region received whose dependencies it has not applied yet.
        var waiting: [[ReplicationEntry]]
        /// The regions of each fabric (indexes), from its `dcList`.
        var fabricRegions: [FabricKey: [Int]]
        var random: SplitMix64
        var conflictsResolved: [Int]
        var applyFailures: [Int]
        var lastFailure: [String?]
        /// Detached: nothing more is delivered or applied.
        var detached = false
        var applyObservers: [@Sendable (AppliedChange) -> Void] = []
    }

    /// A change another region made, applied here: what replication lag is
    /// measured from.
    public struct AppliedChange: Sendable {
        public let origin: String
        public let region: String
        /// When the origin committed it and when it was applied here
        /// (scheduler time, µs).
        public let committedMicros: UInt64
        public let appliedMicros: UInt64
    }

    /// Calls `observer` after each change applied from another region (on
    /// the replication thread; keep it quick).
    public func observeApplies(_ observer: @escaping @Sendable (AppliedChange) -> Void) {
        state.withLock { $0.applyObservers.append(observer) }
    }

    /// Opens a federation over engines made by `makeEngine` (region name,
    /// index, the clock the engine must use, the shared access control —
    /// nil for the first region, whose own the others then share).
    public convenience init(
        configuration: FederationConfiguration = FederationConfiguration(),
        scheduler: any ClusterScheduler = RealTimeScheduler(),
        makeEngine: (_ name: String, _ clock: HybridLogicalClock, _ accessControl: AccessControl?) throws(C8Error) -> Engine
    ) throws(C8Error) {
        try self.init(configuration: configuration, scheduler: scheduler, recordsRegionNames: true, makeEngine: makeEngine)
    }

    /// A federation of one region over an engine opened elsewhere — for
    /// tools and tests that hold a bare engine. It replicates nothing and
    /// leaves the engine's storage as it found it (whichever regions the
    /// directory belongs to).
    public static func wrapping(_ engine: Engine, name: String = FederationConfiguration.defaultRegionNames[0]) throws(C8Error) -> Federation {
        try Federation(configuration: FederationConfiguration(regionNames: [name]), scheduler: RealTimeScheduler(),
                       recordsRegionNames: false) { _, _, _ in engine }
    }

    private init(
        configuration: FederationConfiguration, scheduler: any ClusterScheduler, recordsRegionNames: Bool,
        makeEngine: (_ name: String, _ clock: HybridLogicalClock, _ accessControl: AccessControl?) throws(C8Error) -> Engine
    ) throws(C8Error) {
        try configuration.validate()
        self.configuration = configuration
        self.scheduler = scheduler
        var regions: [Region] = []
        for (index, name) in configuration.regionNames.enumerated() {
            let clock = HybridLogicalClock(physicalClock: scheduler.physicalClock, site: .region(index))
            let engine = try makeEngine(name, clock, regions.first?.engine.accessControl)
            regions.append(Region(name: name, index: index, engine: engine))
        }
        self.regions = regions
        let count = regions.count
        let logs = regions.map { ReplicationLog(storage: $0.engine.storage) }
        // A read-only data dir is served as it is: nothing recorded, no
        // replication resumed (its writes would be refused), no defaults filled in.
        let readOnly = regions.contains { $0.engine.storage.isReadOnly }
        var applied: [VectorClock] = []
        for log in logs where recordsRegionNames {
            let stored = try log.regionNames()
            if let stored, stored != configuration.regionNames {
                throw C8Error(.badParameter, "the data directory holds the regions \(stored.joined(separator: ",")); "
                    + "start with --regions \(stored.joined(separator: ","))")
            }
            if stored == nil && !readOnly { try log.save(regionNames: configuration.regionNames) }
        }
        for log in logs {
            applied.append(recordsRegionNames ? try log.loadVector(regions: count) ?? VectorClock(regions: count) : VectorClock(regions: count))
        }
        var links = [[RegionLink?]](repeating: [RegionLink?](repeating: nil, count: count), count: count)
        for a in 0..<count {
            for b in 0..<count where a != b {
                let latency = configuration.latencyMs(regions[a].name, regions[b].name)
                links[a][b] = RegionLink(from: a, to: b, profile: LinkProfile(latencyMs: latency, jitterMs: configuration.jitterMs))
            }
        }
        state = Mutex(State(
            logs: logs, truncatedThrough: Array(repeating: 0, count: count),
            links: links, pumpDue: [[UInt64?]](repeating: [UInt64?](repeating: nil, count: count), count: count),
            regionUp: Array(repeating: true, count: count),
            spotCapable: Self.spotCapable(stored: recordsRegionNames ? try logs[0].spotCapableRegions() : nil, regions: regions),
            applied: applied, completed: applied,
            waiting: Array(repeating: [], count: count), fabricRegions: [:], random: SplitMix64(seed: configuration.seed),
            conflictsResolved: Array(repeating: 0, count: count), applyFailures: Array(repeating: 0, count: count),
            lastFailure: Array(repeating: nil, count: count)))
        var services: [StreamService] = []
        if recordsRegionNames {
            do throws(C8Error) {
                for region in regions { services.append(try StreamService(engine: region.engine)) }
            } catch {
                for service in services { service.close() }
                throw error
            }
        }
        streamServices = services
        loadFabricRegions()
        if recordsRegionNames && !readOnly {
            try assignDefaultSpotRegions()
            resendLogged()
        }
        // One region replicates nothing: no change is recorded, and bulk
        // loads keep their fast path.
        guard count > 1 else { return }
        let ids = regions.map { region in
            let change = region.engine.addChangeListener(scope: .replicated) { [weak self] changes in
                self?.recordLocal(changes.filter { !$0.isReplicated }.map(ReplicationEntry.Operation.document), in: region.index)
            }
            let catalog = region.engine.addCatalogListener { [weak self] change in
                guard !change.isReplicated, !change.isLocal, let self else { return }
                if let sequence = self.recordLocal([.catalog(change)], in: region.index).last {
                    self.awaitReachableRegions(applying: sequence, of: region)
                }
            }
            return (change, catalog)
        }
        listenerIds.withLock { $0 = ids }
        let replicators = zip(regions, zip(services, logs)).map { region, pair in
            GlobalStreamReplicator(region: region, service: pair.0, log: pair.1) { [weak self] operations in
                self?.recordLocal(operations, in: region.index)
            }
        }
        streamReplicators.withLock { $0 = replicators }
        for replicator in replicators { replicator.start() }
    }

    /// The stream service of `region` (nil for a federation wrapping an
    /// engine opened elsewhere, whose owner opens its own).
    public func streams(of region: Region) -> StreamService? {
        streamServices.indices.contains(region.index) ? streamServices[region.index] : nil
    }

    /// Regions in memory, for tests and demos.
    public static func inMemory(
        configuration: FederationConfiguration = FederationConfiguration(),
        scheduler: any ClusterScheduler = RealTimeScheduler(), limits: EngineLimits = EngineLimits(), defaultTenant: String = "c8"
    ) throws(C8Error) -> Federation {
        try Federation(configuration: configuration, scheduler: scheduler) { name, clock, accessControl throws(C8Error) in
            try Engine(storage: try regionStorage(MemoryEngine(), configuration), clock: clock, limits: limits, defaultTenant: defaultTenant, accessControl: accessControl,
                       region: name)
        }
    }

    /// A region's storage over `base`: its storage nodes, when it has any.
    static func regionStorage(_ base: any StorageEngine, _ configuration: FederationConfiguration) throws(C8Error) -> any StorageEngine {
        let nodes = configuration.effectiveNodesPerRegion
        return nodes >= 2 ? try NodeStorage(base: base, nodes: nodes) : base
    }

    /// Stops listening to the regions' engines (they stay open: their
    /// owner closes them).
    public func detach() {
        state.withLock { $0.detached = true }
        for replicator in streamReplicators.withLock({ $0 }) { replicator.stop() }
        deliveries.writing {}
        for (region, ids) in zip(regions, listenerIds.withLock { $0 }) {
            region.engine.removeChangeListener(ids.change)
            region.engine.removeCatalogListener(ids.catalog)
        }
    }

    // MARK: - Regions

    /// - Throws: 404 (102024) for an unknown region.
    public func region(_ name: String) throws(C8Error) -> Region {
        guard let region = regions.first(where: { $0.name == name }) else {
            throw C8Error.datacenterNotFound(name)
        }
        return region
    }

    public var localRegion: Region { regions[0] }

    public func isUp(_ region: Region) -> Bool {
        state.withLock { $0.regionUp[region.index] }
    }

    /// Which regions are spot-capable: as stored, or the local one alone at first start.
    static func spotCapable(stored: [String]?, regions: [Region]) -> [Bool] {
        guard let stored else { return regions.map { $0.index == 0 } }
        return regions.map { stored.contains($0.name) }
    }

    /// Whether the link between two regions is cut.
    public func isPartitioned(_ a: Region, _ b: Region) -> Bool {
        guard a.index != b.index else { return false }
        return state.withLock { $0.links[a.index][b.index]!.profile.partitioned }
    }

    /// Whether `region` may be a fabric's spot region. The local region is
    /// at first start; `PUT /datacenter/{dc}/{true|false}` changes it.
    public func isSpotCapable(_ region: Region) -> Bool {
        state.withLock { $0.spotCapable[region.index] }
    }

    public func setSpotCapable(_ name: String, _ capable: Bool) throws(C8Error) {
        let region = try region(name)
        let names = state.withLock { s in
            s.spotCapable[region.index] = capable
            return regions.filter { s.spotCapable[$0.index] }.map(\.name)
        }
        // Kept by the local region, so a restart keeps the marks.
        try ReplicationLog(storage: localRegion.engine.storage).save(spotCapableRegions: names)
    }

    /// What `region` has applied of each region's changes (and shows).
    public func appliedVector(of region: Region) -> VectorClock {
        state.withLock { $0.completed[region.index] }
    }
}

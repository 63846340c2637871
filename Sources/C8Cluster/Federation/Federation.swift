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
    private let configuration: FederationConfiguration
    private let state: Mutex<State>
    /// Held (shared) by every delivery run, taken (exclusively) by
    /// ``detach()``: once it returns, no run is reading a log or applying
    /// to an engine, so the engines can close.
    private let deliveries = ReadWriteLock()
    /// Each region's stream service, opened with the federation (an engine
    /// has one) and closed with it; empty for a wrapped engine.
    private let streamServices: [StreamService]
    /// Each region's global stream replicator; empty for one region.
    private let streamReplicators = Mutex<[GlobalStreamReplicator]>([])
    private let listenerIds = Mutex<[(change: UInt64, catalog: UInt64)]>([])

    private struct FabricKey: Hashable {
        let tenant: String
        let fabric: String
    }

    private struct State {
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
        var applied: [VectorClock] = []
        for log in logs where recordsRegionNames {
            if let stored = try log.regionNames(), stored != configuration.regionNames {
                throw C8Error(.badParameter, "the data directory holds the regions \(stored.joined(separator: ",")); "
                    + "start with --regions \(stored.joined(separator: ","))")
            }
            try log.save(regionNames: configuration.regionNames)
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
        if recordsRegionNames {
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
            throw C8Error(code: 404, errorNum: Self.datacenterNotFound, message: "Datacenter does not exist: \(name)")
        }
        return region
    }

    /// GDN's errorNum for an unknown datacenter.
    public static let datacenterNotFound = 102024

    public var localRegion: Region { regions[0] }

    public func isUp(_ region: Region) -> Bool {
        state.withLock { $0.regionUp[region.index] }
    }

    /// Which regions are spot-capable: as stored, or the local one alone at first start.
    private static func spotCapable(stored: [String]?, regions: [Region]) -> [Bool] {
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

    // MARK: - Faults and latency

    /// Cuts the link between `a` and `b`, both ways. Changes wait; none is lost.
    public func partition(_ a: String, _ b: String) throws(C8Error) {
        try changeLinks(a, b) { $0.partitioned = true }
    }

    /// Heals the link between `a` and `b`, or every link when both are nil.
    public func heal(_ a: String? = nil, _ b: String? = nil) throws(C8Error) {
        if let a, let b {
            try changeLinks(a, b) { $0.partitioned = false }
            return
        }
        for x in regions {
            for y in regions where x.index < y.index { try changeLinks(x.name, y.name) { $0.partitioned = false } }
        }
    }

    /// Sets the one-way latency between `a` and `b` (both directions).
    public func setLatency(_ a: String, _ b: String, milliseconds: Double) throws(C8Error) {
        guard milliseconds >= 0, milliseconds <= 60_000 else {
            throw C8Error(.badParameter, "latency must be between 0 and 60000 ms")
        }
        try changeLinks(a, b) { $0.latencyMs = milliseconds }
    }

    /// Takes a region down (it neither sends nor receives changes; the
    /// connection layer refuses its clients) or brings it back up.
    public func setRegion(_ name: String, up: Bool) throws(C8Error) {
        let region = try region(name)
        let now = scheduler.nowMicros
        state.withLock { s in
            s.regionUp[region.index] = up
            guard up else { return }
            for other in regions where other.index != region.index {
                s.links[region.index][other.index]?.resend(at: now)
                s.links[other.index][region.index]?.resend(at: now)
                schedulePump(&s, from: region.index, to: other.index)
                schedulePump(&s, from: other.index, to: region.index)
            }
        }
    }

    /// Takes a storage node of a region down (its shards' followers lead
    /// from now on) or brings it back up (rebuilt from them first).
    /// - Throws: 404 for an unknown region or node; 409 when going down
    ///   would leave a shard of the region without a replica; 400 for a
    ///   lone region, which has no nodes.
    public func setNode(_ node: String, of regionName: String, up: Bool) throws(C8Error) {
        guard let nodes = try region(regionName).nodes else {
            throw C8Error(.badParameter, "region \(regionName) has no storage nodes (a lone region writes its store directly)")
        }
        try nodes.setNode(node, up: up)
    }

    private func changeLinks(_ a: String, _ b: String, _ change: (inout LinkProfile) -> Void) throws(C8Error) {
        let x = try region(a).index
        let y = try region(b).index
        guard x != y else { throw C8Error(.badParameter, "a link joins two different regions") }
        let now = scheduler.nowMicros
        state.withLock { s in
            for (from, to) in [(x, y), (y, x)] {
                let wasCut = s.links[from][to]!.profile.partitioned
                change(&s.links[from][to]!.profile)
                if wasCut && !s.links[from][to]!.profile.partitioned { s.links[from][to]!.resend(at: now) }
                schedulePump(&s, from: from, to: to)
            }
        }
    }

    // MARK: - Status

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

    // MARK: - Replication

    /// Numbers the changes `origin` just committed, logs them and sends them
    /// on. Returns their sequence numbers.
    @discardableResult
    private func recordLocal(_ operations: [ReplicationEntry.Operation], in origin: Int) -> [UInt64] {
        guard !operations.isEmpty else { return [] }
        // The documents are encoded before the lock; numbering, logging and
        // sending happen under it, one log batch per commit, so the log and
        // the links get every region's changes in sequence order.
        let encoded = operations.map(ReplicationEntry.encodedOperation)
        let now = scheduler.nowMicros
        return state.withLock { s in
            var counted = s.applied[origin]
            var entries: [(entry: ReplicationEntry, operation: [UInt8])] = []
            entries.reserveCapacity(operations.count)
            for (operation, bytes) in zip(operations, encoded) {
                rememberFabric(operation, &s.fabricRegions)
                let dependencies = counted
                counted[origin] += 1
                entries.append((ReplicationEntry(origin: origin, sequence: counted[origin], dependencies: dependencies,
                                                 operation: operation, committedMicros: now), bytes))
            }
            do throws(C8Error) {
                try s.logs[origin].append(entries, vector: counted)
            } catch {
                // Not logged, so not numbered: the others would wait for them forever.
                s.applyFailures[origin] += 1
                s.lastFailure[origin] = "replication log: \(error.message); \(entries.count) change(s) not replicated"
                return []
            }
            s.applied[origin] = counted
            s.completed[origin][origin] = counted[origin]
            let sequences = entries.map(\.entry.sequence)
            for to in regions.indices where to != origin {
                for sequence in sequences { send(sequence, from: origin, to: to, at: now, &s) }
            }
            return sequences
        }
    }

    /// How long a catalog change waits for the regions it can reach.
    static let catalogAcknowledgementMicros: UInt64 = 10_000_000

    /// Waits until every region that is up and not cut off from `origin`
    /// has applied its change `sequence`: a catalog change (a new fabric, a
    /// collection) is acknowledged once it exists wherever a client could
    /// use it next, as GDN's global metadata is. Regions that are down or
    /// partitioned get it later, through the log; data changes never wait.
    private func awaitReachableRegions(applying sequence: UInt64, of origin: Region) {
        _ = scheduler.wait(timeoutMicros: Self.catalogAcknowledgementMicros) {
            state.withLock { s in
                regions.allSatisfy { r in
                    r.index == origin.index || !s.regionUp[r.index] || !s.regionUp[origin.index]
                        || s.links[origin.index][r.index]!.profile.partitioned || s.completed[r.index][origin.index] >= sequence
                        || s.detached
                }
            }
        }
    }

    /// Puts change `sequence` of `origin` on the link to `to`. Every other
    /// region hears of every change, in order, so its count of the origin's
    /// changes stays contiguous; regions outside the change's fabric only
    /// count it (decided on delivery).
    private func send(_ sequence: UInt64, from origin: Int, to: Int, at now: UInt64, _ s: inout State) {
        let jitter = s.links[origin][to]!.profile.jitterMs
        let jitterMicros = jitter > 0 ? s.random.next() % RegionLink.micros(jitter) : 0
        s.links[origin][to]!.send(sequence, at: now, jitterMicros: jitterMicros)
        schedulePump(&s, from: origin, to: to)
    }

    /// After a restart: sends again, by number, every logged change some
    /// region has not applied.
    private func resendLogged() {
        let now = scheduler.nowMicros
        state.withLock { s in
            for origin in regions.indices {
                let last = s.applied[origin][origin]
                for to in regions.indices where to != origin && s.applied[to][origin] < last {
                    for sequence in (s.applied[to][origin] + 1)...last { send(sequence, from: origin, to: to, at: now, &s) }
                }
            }
        }
    }

    /// The regions a change is for: its fabric's (every region for tenant
    /// changes and fabrics without a `dcList`); a change to a fabric's
    /// regions goes to the old ones and the new ones.
    private func destinations(of operation: ReplicationEntry.Operation, _ fabricRegions: [FabricKey: [Int]]) -> Set<Int> {
        let all = Array(regions.indices)
        switch operation {
        case .document(let change):
            return Set(fabricRegions[FabricKey(tenant: change.tenant, fabric: change.fabric)] ?? all)
        case .stream(let change):
            return Set(fabricRegions[FabricKey(tenant: change.tenant, fabric: change.fabric)] ?? all)
        case .catalog(let change):
            guard let fabric = change.fabric else { return Set(all) }
            let known = fabricRegions[FabricKey(tenant: change.tenant, fabric: fabric)]
            switch change.kind {
            case .fabricCreated(let options), .fabricOptionsChanged(let options):
                return Set(known ?? []).union(regionIndexes(options.dcList))
            default:
                return Set(known ?? all)
            }
        }
    }

    /// Keeps the fabric → regions map current with a fabric change.
    private func rememberFabric(_ operation: ReplicationEntry.Operation, _ fabricRegions: inout [FabricKey: [Int]]) {
        guard case .catalog(let change) = operation, let fabric = change.fabric else { return }
        let key = FabricKey(tenant: change.tenant, fabric: fabric)
        switch change.kind {
        case .fabricCreated(let options), .fabricOptionsChanged(let options): fabricRegions[key] = regionIndexes(options.dcList)
        // A dropped fabric keeps its regions: its changes still on the way
        // are decided on delivery, and stay out of the regions it skipped.
        default: break
        }
    }

    private func regionIndexes(_ dcList: [String]) -> [Int] {
        let named = regions.filter { dcList.contains($0.name) }.map(\.index)
        return named.isEmpty ? Array(regions.indices) : named
    }

    private func loadFabricRegions() {
        let engine = regions[0].engine
        var known: [FabricKey: [Int]] = [:]
        for tenant in engine.tenants() {
            for fabric in tenant.fabrics() {
                known[FabricKey(tenant: tenant.name, fabric: fabric.name)] = regionIndexes(fabric.options.dcList)
            }
        }
        state.withLock { $0.fabricRegions = known }
    }

    /// Schedules the next delivery run of a link if something waits on it
    /// and no earlier run is scheduled.
    private func schedulePump(_ s: inout State, from: Int, to: Int) {
        guard let due = s.links[from][to]!.nextDeliverableMicros else { return }
        if let scheduled = s.pumpDue[from][to], scheduled <= due { return }
        s.pumpDue[from][to] = due
        scheduler.schedule(atMicros: due) { [weak self] in self?.pump(from: from, to: to, due: due) }
    }

    /// Delivers what a link has ready, then applies at the receiver every
    /// entry whose dependencies are met, in order.
    private func pump(from: Int, to: Int, due: UInt64) {
        deliveries.reading { deliver(from: from, to: to, due: due) }
    }

    private func deliver(from: Int, to: Int, due: UInt64) {
        let now = scheduler.nowMicros
        let (sequences, log): (ClosedRange<UInt64>?, ReplicationLog?) = state.withLock { s in
            if s.pumpDue[from][to] == due { s.pumpDue[from][to] = nil }
            guard !s.detached, s.regionUp[from], s.regionUp[to], !s.links[from][to]!.profile.partitioned else { return (nil, nil) }
            let taken = s.links[from][to]!.takeDeliverable(at: now)
            schedulePump(&s, from: from, to: to)
            return (taken, s.logs[from])
        }
        guard let sequences, let log else { return }
        // Read outside the lock: writers log their changes meanwhile.
        let arrived: [ReplicationEntry]
        do throws(C8Error) {
            arrived = try log.entries(sequences)
        } catch {
            state.withLock { s in
                s.applyFailures[to] += 1
                s.lastFailure[to] = "replication log of \(regions[from].name): \(error.message)"
            }
            return
        }
        let ready: [ReplicationEntry] = state.withLock { s in
            for entry in arrived {
                let isFor = entry.operation.map { destinations(of: $0, s.fabricRegions).contains(to) } ?? false
                s.waiting[to].append(isFor ? entry : entry.withoutOperation)
            }
            return Self.takeReady(&s, region: to)
        }
        defer { if !ready.isEmpty { persistProgress(of: to, from: from) } }
        var index = 0
        while index < ready.count {
            // A federation closing stops between runs; what is left stays
            // in the log, counted nowhere, and is sent again on the next open.
            if state.withLock({ $0.detached }) { return }
            let run = Self.run(in: ready, from: index)
            let outcomes = ReplicationApplier.apply(run.compactMap(\.operation), to: regions[to].engine,
                                                    streams: streamTarget(of: to, origin: run.first!.origin))
            record(run, outcomes: outcomes, at: to)
            index += run.count
        }
    }

    /// Where stream changes from `origin` are applied in region `index`.
    private func streamTarget(of index: Int, origin: Int) -> StreamTarget? {
        let replicators = streamReplicators.withLock { $0 }
        guard streamServices.indices.contains(index), replicators.indices.contains(index) else { return nil }
        return StreamTarget(service: streamServices[index], replicator: replicators[index], origin: regions[origin].name)
    }

    /// Changes applied in one transaction at most: large enough to amortise
    /// the transaction, small enough that a closing federation waits little.
    static let maximumRun = 1024

    /// The entries from `start` that apply together: consecutive document
    /// changes of one collection (one transaction), or a single entry.
    private static func run(in entries: [ReplicationEntry], from start: Int) -> ArraySlice<ReplicationEntry> {
        guard case .document(let first)? = entries[start].operation else { return entries[start...start] }
        var end = start + 1
        while end < entries.count, end - start < maximumRun, case .document(let next)? = entries[end].operation,
              next.collection == first.collection, next.fabric == first.fabric, next.tenant == first.tenant {
            end += 1
        }
        return entries[start..<end]
    }

    /// Counts what applying `run` came to, tells the observers, and marks
    /// its entries shown.
    private func record(_ run: ArraySlice<ReplicationEntry>, outcomes: [ReplicationApplier.Outcome], at to: Int) {
        let now = scheduler.nowMicros
        let observers = state.withLock { s in
            for entry in run {
                if let operation = entry.operation { rememberFabric(operation, &s.fabricRegions) }
                s.completed[to][entry.origin] = entry.sequence
            }
            for outcome in outcomes {
                switch outcome {
                case .applied: break
                case .superseded: s.conflictsResolved[to] += 1
                case .failed(let message):
                    s.applyFailures[to] += 1
                    s.lastFailure[to] = message
                }
            }
            return s.applyObservers
        }
        guard !observers.isEmpty else { return }
        for entry in run where entry.operation != nil {
            let applied = AppliedChange(origin: regions[entry.origin].name, region: regions[to].name,
                                        committedMicros: entry.committedMicros, appliedMicros: now)
            for observer in observers { observer(applied) }
        }
    }

    /// Stores what `region` has applied, and truncates the log of `origin`
    /// through what every region has.
    private func persistProgress(of region: Int, from origin: Int) {
        state.withLock { s in
            do throws(C8Error) {
                try s.logs[region].save(s.completed[region])
                let everywhere = regions.indices.filter { $0 != origin }.map { s.completed[$0][origin] }.min() ?? 0
                if everywhere > s.truncatedThrough[origin] {
                    try s.logs[origin].truncate(through: everywhere)
                    s.truncatedThrough[origin] = everywhere
                }
            } catch {
                s.applyFailures[region] += 1
                s.lastFailure[region] = "replication log: \(error.message)"
            }
        }
    }

    /// Removes from `region`'s waiting entries those it can apply now, in
    /// an order that respects their dependencies, and counts them applied.
    private static func takeReady(_ s: inout State, region: Int) -> [ReplicationEntry] {
        var ready: [ReplicationEntry] = []
        // Each pass takes, in order, every entry whose dependencies are met
        // by then; another pass runs only if one took something the entries
        // it passed over may have waited for.
        while !s.waiting[region].isEmpty {
            var remaining: [ReplicationEntry] = []
            let before = ready.count
            for entry in s.waiting[region] {
                if entry.isReady(at: s.applied[region]) {
                    s.applied[region][entry.origin] = entry.sequence
                    ready.append(entry)
                } else {
                    remaining.append(entry)
                }
            }
            s.waiting[region] = remaining
            if ready.count == before || remaining.isEmpty { break }
        }
        return ready
    }

}

import C8Core
import C8Engine
import C8Storage
import C8Streams
import Synchronization

/// A region's own changes into its log and onto its links; restarts
/// resend what was logged and not yet applied elsewhere.
extension Federation {
    /// Numbers the changes `origin` just committed, logs them and sends them
    /// on. Returns their sequence numbers.
    @discardableResult
    func recordLocal(_ operations: [ReplicationEntry.Operation], in origin: Int) -> [UInt64] {
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
    func awaitReachableRegions(applying sequence: UInt64, of origin: Region) {
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
    func send(_ sequence: UInt64, from origin: Int, to: Int, at now: UInt64, _ s: inout State) {
        let jitter = s.links[origin][to]!.profile.jitterMs
        let jitterMicros = jitter > 0 ? s.random.next() % RegionLink.micros(jitter) : 0
        s.links[origin][to]!.send(sequence, at: now, jitterMicros: jitterMicros)
        schedulePump(&s, from: origin, to: to)
    }

    /// After a restart: sends again, by number, every logged change some
    /// region has not applied.
    func resendLogged() {
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
    func destinations(of operation: ReplicationEntry.Operation, _ fabricRegions: [FabricKey: [Int]]) -> Set<Int> {
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
    func rememberFabric(_ operation: ReplicationEntry.Operation, _ fabricRegions: inout [FabricKey: [Int]]) {
        guard case .catalog(let change) = operation, let fabric = change.fabric else { return }
        let key = FabricKey(tenant: change.tenant, fabric: fabric)
        switch change.kind {
        case .fabricCreated(let options), .fabricOptionsChanged(let options): fabricRegions[key] = regionIndexes(options.dcList)
        // A dropped fabric keeps its regions: its changes still on the way
        // are decided on delivery, and stay out of the regions it skipped.
        default: break
        }
    }

    func regionIndexes(_ dcList: [String]) -> [Int] {
        let named = regions.filter { dcList.contains($0.name) }.map(\.index)
        return named.isEmpty ? Array(regions.indices) : named
    }

    func loadFabricRegions() {
        let engine = regions[0].engine
        var known: [FabricKey: [Int]] = [:]
        for tenant in engine.tenants() {
            for fabric in tenant.fabrics() {
                known[FabricKey(tenant: tenant.name, fabric: fabric.name)] = regionIndexes(fabric.options.dcList)
            }
        }
        state.withLock { $0.fabricRegions = known }
    }
}

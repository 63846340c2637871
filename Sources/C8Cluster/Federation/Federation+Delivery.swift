import C8Core
import C8Engine
import C8Storage
import C8Streams
import Synchronization

/// Links delivering what is due, receivers applying it in causal order.
extension Federation {
    /// Schedules the next delivery run of a link if something waits on it
    /// and no earlier run is scheduled.
    func schedulePump(_ s: inout State, from: Int, to: Int) {
        guard let due = s.links[from][to]!.nextDeliverableMicros else { return }
        if let scheduled = s.pumpDue[from][to], scheduled <= due { return }
        s.pumpDue[from][to] = due
        scheduler.schedule(atMicros: due) { [weak self] in self?.pump(from: from, to: to, due: due) }
    }

    /// Delivers what a link has ready, then applies at the receiver every
    /// entry whose dependencies are met, in order.
    func pump(from: Int, to: Int, due: UInt64) {
        deliveries.reading { deliver(from: from, to: to, due: due) }
    }

    func deliver(from: Int, to: Int, due: UInt64) {
        let now = scheduler.nowMicros
        let (sequences, log): (ClosedRange<UInt64>?, ReplicationLog?) = state.withLock { s in
            if s.pumpDue[from][to] == due { s.pumpDue[from][to] = nil }
            guard !s.detached, s.regionUp[from], s.regionUp[to], !s.links[from][to]!.profile.partitioned else { return (nil, nil) }
            let taken = s.links[from][to]!.takeDeliverable(at: now, limit: Self.maximumDelivery)
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
    func streamTarget(of index: Int, origin: Int) -> StreamTarget? {
        let replicators = streamReplicators.withLock { $0 }
        guard streamServices.indices.contains(index), replicators.indices.contains(index) else { return nil }
        return StreamTarget(service: streamServices[index], replicator: replicators[index], origin: regions[origin].name)
    }

    /// Entries one delivery run reads from a link at most; what is left is
    /// the next run's, scheduled at once. A backlog (a bulk import's, after
    /// a restart) is then read, applied and its progress stored a slice at
    /// a time: one delivery read 200,000 entries before applying any, and a
    /// closing federation waited for all of them.
    static let maximumDelivery = 8 * maximumRun

    /// Changes applied in one transaction at most: large enough to amortise
    /// the transaction, small enough that a closing federation waits little.
    static let maximumRun = 1024

    /// The entries from `start` that apply together: consecutive document
    /// changes of one collection (one transaction), or a single entry.
    static func run(in entries: [ReplicationEntry], from start: Int) -> ArraySlice<ReplicationEntry> {
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
    func record(_ run: ArraySlice<ReplicationEntry>, outcomes: [ReplicationApplier.Outcome], at to: Int) {
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
    func persistProgress(of region: Int, from origin: Int) {
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
    static func takeReady(_ s: inout State, region: Int) -> [ReplicationEntry] {
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

import C8Cluster
import C8Core
import C8Engine
import Foundation
import Synchronization

/// The regions workload of `c8 bench`: the default federation in memory, in
/// real time. Replication lag per link at a steady write rate, against the
/// link's configured latency; and how long the regions take to converge
/// after a partition with writes on both sides.
struct RegionsBenchmark {
    let rate: Int
    let seconds: Double
    /// Writes on each side of the partition.
    let partitionWrites: Int
    let partitionSeconds: Double
    /// The federation's regions, the writing one first; the partition cuts
    /// the first from the second.
    var regionNames = FederationConfiguration.defaultRegionNames

    struct LinkLag {
        let link: String
        let configuredMs: Double
        let p50Ms: Double
        let p99Ms: Double
        let maxMs: Double
        let samples: Int
    }

    struct Convergence {
        let writesPerSide: Int
        let partitionSeconds: Double
        /// From the heal until every region has applied every change.
        let convergenceSeconds: Double
        let documentsPerRegion: Int
        let conflictsResolved: Int
    }

    /// Writes at `rate` a second from the first region for `seconds`; the lag of
    /// each change at each other region is apply time minus commit time.
    func lag(progress: (String) -> Void) throws -> [LinkLag] {
        let federation = try Federation.inMemory(configuration: configuration, limits: Self.limits)
        defer { federation.close() }
        let collection = try setUp(federation, collection: "lag")
        let samples = Mutex<[String: [Double]]>([:])
        federation.observeApplies { change in
            let lag = Double(change.appliedMicros &- change.committedMicros) / 1000
            samples.withLock { $0[change.origin + " → " + change.region, default: []].append(lag) }
        }
        let total = Int(Double(rate) * seconds)
        progress("regions: \(total) writes at \(rate)/s from \(regionNames[0])")
        let start = DispatchTime.now().uptimeNanoseconds
        for i in 0..<total {
            let due = start + UInt64(Double(i) / Double(rate) * 1e9)
            let now = DispatchTime.now().uptimeNanoseconds
            if due > now { usleep(UInt32((due - now) / 1000)) }
            try collection.insert(["_key": .string("k\(i)"), "n": .int(Int64(i)), "pad": "0123456789abcdef0123456789abcdef"])
        }
        guard waitForConvergence(federation, timeoutSeconds: 120) else {
            throw CommandFailure("regions: replication did not catch up within 120 s")
        }
        let local = federation.localRegion.name
        let status = federation.status().region(local)!
        return samples.withLock { $0 }.sorted { $0.key < $1.key }.map { link, values in
            let sorted = values.sorted()
            let to = String(link.split(separator: " ").last ?? "")
            return LinkLag(
                link: link, configuredMs: status.links.first { $0.to == to }?.latencyMs ?? 0,
                p50Ms: Self.percentile(sorted, 0.50), p99Ms: Self.percentile(sorted, 0.99), maxMs: sorted.last ?? 0,
                samples: sorted.count)
        }
    }

    /// Cuts the first region from the second, writes `partitionWrites` on each side (a
    /// tenth of them to keys both sides write), waits out the partition,
    /// heals, and times the convergence.
    func convergence(progress: (String) -> Void) throws -> Convergence {
        let federation = try Federation.inMemory(configuration: configuration, limits: Self.limits)
        defer { federation.close() }
        let east = try setUp(federation, collection: "split")
        let west = try federation.region(regionNames[1]).engine.fabric().collection("split")
        try federation.partition(regionNames[0], regionNames[1])
        let partitioned = Date()
        progress("regions: partition, \(partitionWrites) writes on each side")
        let sides = [(east, "e"), (west, "w")]
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            let (collection, prefix) = sides[side]
            var options = WriteOptions()
            options.overwriteMode = .replace
            do throws(C8Error) {
                for i in 0..<partitionWrites {
                    let key = i % 10 == 0 ? "both\(i / 10)" : "\(prefix)\(i)"
                    try collection.insert(["_key": .string(key), "side": .string(prefix), "n": .int(Int64(i))], options: options)
                }
            } catch {
                failures.withLock { $0.append(error.message) }
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw CommandFailure("regions: a write failed: \(failure)") }
        let remaining = partitionSeconds - Date().timeIntervalSince(partitioned)
        if remaining > 0 { usleep(UInt32(remaining * 1_000_000)) }
        try federation.heal()
        let healed = Date()
        guard waitForConvergence(federation, timeoutSeconds: 300) else {
            throw CommandFailure("regions: the regions did not converge within 300 s of the heal")
        }
        let converged = Date().timeIntervalSince(healed)
        let counts = try federation.regions.map { try $0.engine.fabric().collection("split").count }
        guard Set(counts).count == 1 else {
            let failures = federation.status().regions.map { "\($0.name): \($0.applyFailures) failed (\($0.lastFailure ?? "-"))" }
            throw CommandFailure("regions: converged vectors but counts differ: \(counts); \(failures.joined(separator: "; "))")
        }
        return Convergence(
            writesPerSide: partitionWrites, partitionSeconds: partitionSeconds, convergenceSeconds: converged,
            documentsPerRegion: counts[0], conflictsResolved: federation.status().regions.map(\.conflictsResolved).reduce(0, +))
    }

    private var configuration: FederationConfiguration { FederationConfiguration(regionNames: regionNames) }

    /// Creates the collection in the local region and waits until every
    /// region has it.
    private func setUp(_ federation: Federation, collection name: String) throws -> DocumentCollection {
        let collection = try federation.localRegion.engine.fabric().createCollection(name)
        guard waitForConvergence(federation, timeoutSeconds: 10) else { throw CommandFailure("regions: set-up did not replicate") }
        return collection
    }

    /// Whether every region has applied every region's changes, within the timeout.
    private func waitForConvergence(_ federation: Federation, timeoutSeconds: Double) -> Bool {
        federation.scheduler.wait(timeoutMicros: UInt64(timeoutSeconds * 1_000_000)) {
            let vectors = federation.regions.map { federation.appliedVector(of: $0) }
            return Set(vectors).count == 1
        }
    }

    /// Cheap password hashing (accounts are not measured) and no document
    /// cache: the figures are replication's.
    private static var limits: EngineLimits {
        var limits = EngineLimits()
        limits.passwordHashIterations = 1
        return limits
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}

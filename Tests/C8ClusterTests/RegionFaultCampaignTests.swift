import C8Cluster
import C8Core
import C8Engine
import Foundation
import XCTest

/// The regions campaign (Docs/RELIABILITY.md): seeded random schedules in
/// virtual time that mix, step by step, partitions and heals of links,
/// regions and storage nodes going down and up, global-collection writes
/// from every live region (some depending on a document their client read),
/// and spot-collection writes and strong reads made from every live region
/// (routed to the spot region, as a connection does). Checked:
///
/// - after every step, **causal order**: no region shows a document before
///   the version of another its writer had read;
/// - every spot answer: a strong read returns the last acknowledged write
///   (never a stale value), and each key's history of spot operations with
///   their virtual-time intervals is **linearizable** (Wing & Gong);
/// - after the final heal (every link healed, every region and node up):
///   **convergence** (all regions hold the same documents in both
///   collections), **no lost acknowledged write** (each key holds its
///   acknowledged write with the greatest stamp, or is absent if that was a
///   remove; each spot key holds its last acknowledged value everywhere),
///   and no replication apply failed.
///
/// 50 schedules in CI; `C8_SCHEDULES=1000` for the long campaign. A failing
/// schedule names its seed; `C8_SCHEDULE_SEED=n` replays that one.
final class RegionFaultCampaignTests: XCTestCase {
    func testRandomFaultSchedulesConvergeKeepWritesCausalAndSpotLinearizable() throws {
        let environment = ProcessInfo.processInfo.environment
        if let seed = environment["C8_SCHEDULE_SEED"].flatMap(UInt64.init) {
            let stats = try FaultSchedule(seed: seed).run()
            print("RegionFaultCampaignTests: seed \(seed): \(stats)")
            return
        }
        let count = environment["C8_SCHEDULES"].flatMap(Int.init) ?? 50
        var total = FaultSchedule.Stats()
        let started = Date()
        for seed in 1...UInt64(count) {
            let stats = try FaultSchedule(seed: 0xFA17_0000 &+ seed).run()
            total.add(stats)
        }
        XCTAssertGreaterThan(total.spotWrites, count, "too few spot writes to prove anything: \(total)")
        XCTAssertGreaterThan(total.spotRefusals, 0, "no spot request was ever refused: the faults never reached the spot region")
        XCTAssertGreaterThan(total.nodeFaults, 0)
        print("RegionFaultCampaignTests: \(count) schedules in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: \(total)")
    }
}

/// One random schedule of faults and writes, and its checks.
private struct FaultSchedule {
    struct Stats: CustomStringConvertible {
        var writes = 0, spotWrites = 0, strongReads = 0, spotRefusals = 0
        var partitions = 0, regionFaults = 0, nodeFaults = 0

        mutating func add(_ other: Stats) {
            writes += other.writes; spotWrites += other.spotWrites; strongReads += other.strongReads
            spotRefusals += other.spotRefusals; partitions += other.partitions
            regionFaults += other.regionFaults; nodeFaults += other.nodeFaults
        }

        var description: String {
            "\(writes) global writes, \(spotWrites) spot writes, \(strongReads) strong reads, \(spotRefusals) spot refusals, "
                + "\(partitions) partitions, \(regionFaults) region and \(nodeFaults) node faults"
        }
    }

    let seed: UInt64
    private let spotKeys = ["acct0", "acct1", "acct2"]
    private static let steps = 240

    private var context: String { "schedule seed \(seed) (C8_SCHEDULE_SEED=\(seed))" }

    func run() throws -> Stats {
        var random = SplitMix64(seed: seed)
        var stats = Stats()
        let sim = try SimulatedFederation(jitterMs: 25, seed: seed)
        try sim.fabric("us-east").createCollection("c")
        var spotOptions = CollectionOptions()
        spotOptions.isSpot = true
        try sim.fabric("us-east").createCollection("spot", options: spotOptions)
        sim.settle()

        var faults = ScheduleFaults(regions: FederationConfiguration.defaultRegionNames)
        var writes = CausalWrites(regions: faults.regions, keys: 10, context: context)
        var spotValue: [String: Int] = [:]
        var spotHistory: [String: [RegisterOperation]] = [:]
        var nextValue = 0

        for step in 0..<Self.steps {
            let live = faults.liveRegions
            switch random.next() % 14 {
            case 0:
                try faults.partition(sim, &random)
                stats.partitions += 1
            case 1:
                try faults.heal(sim, &random)
            case 2:
                try faults.toggleRegion(sim, &random)
                stats.regionFaults += 1
            case 3:
                try faults.toggleNode(sim, &random)
                stats.nodeFaults += 1
            case 4, 5, 6, 7:
                guard let origin = live.randomElement(using: &random) else { break }
                let key = spotKeys[Int(random.next() % UInt64(spotKeys.count))]
                let invoked = sim.scheduler.nowMicros
                let spot: Region
                do {
                    spot = try sim.federation.spotRegion(tenant: "c8", fabric: "_system", from: try sim.federation.region(origin))
                } catch {
                    XCTAssertEqual(error.code, 503, "\(context) step \(step): \(error)")
                    stats.spotRefusals += 1
                    break
                }
                XCTAssertTrue(faults.up.contains(spot.name), "\(context) step \(step): routed to the spot region while it is down")
                let collection = try spot.engine.fabric().collection("spot")
                var operation: RegisterOperation
                if random.next() % 2 == 0 {
                    nextValue += 1
                    var options = WriteOptions()
                    options.overwriteMode = .replace
                    try collection.insert(["_key": .string(key), "v": .int(Int64(nextValue))], options: options)
                    spotValue[key] = nextValue
                    operation = RegisterOperation(isWrite: true, value: nextValue, invoked: invoked, completed: 0)
                    stats.spotWrites += 1
                } else {
                    let value = try collection.document(key)?["v"].intValue.map(Int.init) ?? 0
                    XCTAssertEqual(value, spotValue[key] ?? 0, "\(context) step \(step): a strong read of \(key) from \(origin) is stale")
                    operation = RegisterOperation(isWrite: false, value: value, invoked: invoked, completed: 0)
                    stats.strongReads += 1
                }
                sim.advance(Double(random.next() % 20))
                operation.completed = sim.scheduler.nowMicros
                spotHistory[key, default: []].append(operation)
            default:
                guard let region = live.randomElement(using: &random) else { break }
                try writes.write(in: region, sim: sim, random: &random)
                stats.writes += 1
            }
            sim.advance(Double(random.next() % 120))
            try writes.checkCausalOrder(sim, at: "step \(step)")
        }

        // The final heal: every link, region and node back.
        try faults.restoreAll(sim)
        sim.settle()
        try writes.checkCausalOrder(sim, at: "after the final heal")
        try sim.assertConverged("c")
        try sim.assertConverged("spot")
        try writes.checkAcknowledged(sim)
        for region in faults.regions {
            let spot = try sim.contents(region, "spot")
            for key in spotKeys {
                XCTAssertEqual(spot[key]?["v"].intValue.map(Int.init), spotValue[key],
                               "\(context): \(region) holds another value of spot \(key)")
            }
        }
        for (key, operations) in spotHistory {
            XCTAssertTrue(LinearizabilityChecker.isLinearizable(operations), "\(context): spot \(key) is not linearizable")
        }
        return stats
    }
}

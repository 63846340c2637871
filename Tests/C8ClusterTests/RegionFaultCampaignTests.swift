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
    private let regions = FederationConfiguration.defaultRegionNames
    private let keys = (0..<10).map { "k\($0)" }
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

        var up = Set(regions)
        var nodesDown: [String: String] = [:]
        var latest: [String: (stamp: HybridTimestamp, removed: Bool)] = [:]
        var spotValue: [String: Int] = [:]
        var spotHistory: [String: [RegisterOperation]] = [:]
        var nextValue = 0

        for step in 0..<Self.steps {
            let live = regions.filter(up.contains)
            switch random.next() % 14 {
            case 0:
                let (a, b) = pair(&random)
                try sim.federation.partition(a, b)
                stats.partitions += 1
            case 1:
                if random.next() % 2 == 0 {
                    let (a, b) = pair(&random)
                    try sim.federation.heal(a, b)
                } else {
                    try sim.federation.heal()
                }
            case 2:
                let region = regions[Int(random.next() % 3)]
                let goesUp = !up.contains(region)
                try sim.federation.setRegion(region, up: goesUp)
                if goesUp { up.insert(region) } else { up.remove(region) }
                stats.regionFaults += 1
            case 3:
                let region = regions[Int(random.next() % 3)]
                if let node = nodesDown.removeValue(forKey: region) {
                    try sim.federation.setNode(node, of: region, up: true)
                } else {
                    let node = "n\(1 + random.next() % 3)"
                    try sim.federation.setNode(node, of: region, up: false)
                    nodesDown[region] = node
                }
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
                XCTAssertTrue(up.contains(spot.name), "\(context) step \(step): routed to the spot region while it is down")
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
                let (key, stamp, removed) = try write(in: region, sim: sim, random: &random)
                if latest[key].map({ stamp > $0.stamp }) ?? true { latest[key] = (stamp, removed) }
                stats.writes += 1
            }
            sim.advance(Double(random.next() % 120))
            try checkCausalOrder(sim, step: step)
        }

        // The final heal: every link, region and node back.
        try sim.federation.heal()
        for region in regions where !up.contains(region) { try sim.federation.setRegion(region, up: true) }
        for (region, node) in nodesDown { try sim.federation.setNode(node, of: region, up: true) }
        sim.settle()
        try checkCausalOrder(sim, step: Self.steps)
        try sim.assertConverged("c")
        try sim.assertConverged("spot")

        let final = try sim.contents("eu-west", "c")
        for key in keys {
            guard let acknowledged = latest[key] else {
                XCTAssertNil(final[key], "\(context): \(key) was never written")
                continue
            }
            if acknowledged.removed {
                XCTAssertNil(final[key], "\(context): \(key) was removed last, and is back")
            } else {
                XCTAssertEqual(final[key]?["_rev"].stringValue, Revision(acknowledged.stamp).string,
                               "\(context): \(key) lost its last acknowledged write")
            }
        }
        for region in regions {
            let spot = try sim.contents(region, "spot")
            for key in spotKeys {
                XCTAssertEqual(spot[key]?["v"].intValue.map(Int.init), spotValue[key],
                               "\(context): \(region) holds another value of spot \(key)")
            }
        }
        for (key, operations) in spotHistory {
            XCTAssertTrue(LinearizabilityChecker.isLinearizable(operations), "\(context): spot \(key) is not linearizable")
        }
        for region in sim.federation.status().regions {
            XCTAssertEqual(region.applyFailures, 0, "\(context): \(region.name): \(region.lastFailure ?? "")")
        }
        return stats
    }

    private func pair(_ random: inout SplitMix64) -> (String, String) {
        let a = Int(random.next() % 3)
        let b = (a + 1 + Int(random.next() % 2)) % 3
        return (regions[a], regions[b])
    }

    /// A write to `c` as a client makes it, sometimes after reading another
    /// document whose revision it records as its dependency. Returns the
    /// key, the acknowledged stamp, and whether it was a remove.
    private func write(in region: String, sim: SimulatedFederation, random: inout SplitMix64)
        throws -> (String, HybridTimestamp, Bool) {
        let collection = try sim.collection(region, "c")
        let key = keys[Int(random.next() % UInt64(keys.count))]
        var body: JSONObject = ["_key": .string(key), "by": .string(region), "n": .int(Int64(random.next() % 1000))]
        let read = keys[Int(random.next() % UInt64(keys.count))]
        if read != key, let seen = try collection.document(read) {
            body["dependsOn"] = ["key": .string(read), "rev": seen["_rev"]]
        }
        let exists = try collection.document(key) != nil
        switch (random.next() % 3, exists) {
        case (0, true):
            _ = try collection.remove(DocumentSelector(key: key))
            return (key, try XCTUnwrap(try collection.tombstone(key), "\(context): a remove left no tombstone"), true)
        case (1, true):
            let result = try collection.update(DocumentSelector(key: key), with: .object(body))
            return (key, try Revision(parsing: result.rev).timestamp, false)
        default:
            var options = WriteOptions()
            options.overwriteMode = .replace
            let result = try collection.insert(.object(body), options: options)
            return (key, try Revision(parsing: result.rev).timestamp, false)
        }
    }

    /// No region shows a document before the version of another that its
    /// writer had read (or a later one).
    private func checkCausalOrder(_ sim: SimulatedFederation, step: Int) throws {
        for region in regions {
            let collection = try sim.collection(region, "c")
            let documents = try sim.contents(region, "c")
            for document in documents.values {
                guard let key = document["dependsOn"]["key"].stringValue,
                      let rev = document["dependsOn"]["rev"].stringValue.flatMap(Revision.init(validating:)) else { continue }
                let have = try documents[key]?["_rev"].stringValue.flatMap(Revision.init(validating:))?.timestamp
                    ?? collection.tombstone(key) ?? .zero
                XCTAssertGreaterThanOrEqual(have, rev.timestamp,
                    "\(context) step \(step): \(region) shows \(document["_key"]) before the \(key) its writer read")
            }
        }
    }
}

import C8Cluster
import C8Core
import C8Engine
import Foundation
import XCTest

/// Seeded random schedules of writes from every region, partitions, heals,
/// regions and storage nodes going down and up, in virtual time. After each schedule:
/// every region holds the same documents; every acknowledged write is
/// either the document's final version or lost to a later acknowledged one
/// (last-writer-wins); and at no moment did a region show a write before a
/// write its author had read. `C8_SIM_SCHEDULES` sets how many schedules
/// run (50 by default; the long campaign runs 1000). A failure names its
/// seed; `C8_SIM_SEED` replays that one.
final class ReplicationPropertyTests: XCTestCase {
    func testRandomSchedulesConvergeWithoutLosingOrReorderingWrites() throws {
        let environment = ProcessInfo.processInfo.environment
        if let seed = environment["C8_SIM_SEED"].flatMap(UInt64.init) {
            try ReplicationSchedule(seed: seed).run()
            return
        }
        let count = environment["C8_SIM_SCHEDULES"].flatMap(Int.init) ?? 50
        for seed in 1...UInt64(count) {
            try ReplicationSchedule(seed: seed).run()
        }
    }
}

/// One random schedule and the checks after it.
private struct ReplicationSchedule {
    let seed: UInt64
    private let regions = FederationConfiguration.defaultRegionNames
    private let keys = (0..<12).map { "k\($0)" }

    /// The final word on a key: the acknowledged write with the greatest stamp.
    private struct Acknowledged {
        var stamp: HybridTimestamp
        var removed: Bool
    }

    func run() throws {
        var random = SplitMix64(seed: seed)
        let sim = try SimulatedFederation(jitterMs: 30, seed: seed)
        try sim.fabric("us-east").createCollection("c")
        sim.settle()
        var up = Set(regions)
        var latest: [String: Acknowledged] = [:]

        func note(_ key: String, _ stamp: HybridTimestamp, removed: Bool) {
            if latest[key].map({ stamp > $0.stamp }) ?? true { latest[key] = Acknowledged(stamp: stamp, removed: removed) }
        }

        var nodesDown: [String: String] = [:]
        for _ in 0..<200 {
            switch random.next() % 11 {
            case 3:
                // A storage node goes down, or the one down comes back.
                let region = regions[Int(random.next() % 3)]
                if let node = nodesDown.removeValue(forKey: region) {
                    try sim.federation.setNode(node, of: region, up: true)
                } else {
                    let node = "n\(1 + random.next() % 3)"
                    try sim.federation.setNode(node, of: region, up: false)
                    nodesDown[region] = node
                }
            case 0:
                let (a, b) = pair(&random)
                try sim.federation.partition(a, b)
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
            default:
                let live = regions.filter(up.contains)
                guard !live.isEmpty else { break }
                let region = live[Int(random.next() % UInt64(live.count))]
                try write(in: region, sim: sim, random: &random, note: note)
            }
            sim.advance(Double(random.next() % 150))
            try checkCausalOrder(sim)
        }

        try sim.federation.heal()
        for region in regions where !up.contains(region) { try sim.federation.setRegion(region, up: true) }
        sim.settle()
        try checkCausalOrder(sim)
        try sim.assertConverged("c")

        let final = try sim.contents("us-east", "c")
        for key in keys {
            guard let acknowledged = latest[key] else {
                XCTAssertNil(final[key], "seed \(seed): \(key) was never written")
                continue
            }
            if acknowledged.removed {
                XCTAssertNil(final[key], "seed \(seed): \(key) was removed last")
            } else {
                XCTAssertEqual(final[key]?["_rev"].stringValue, Revision(acknowledged.stamp).string,
                               "seed \(seed): \(key) lost its last acknowledged write")
            }
        }
        for region in sim.federation.status().regions {
            XCTAssertEqual(region.applyFailures, 0, "seed \(seed): \(region.name): \(region.lastFailure ?? "")")
        }
    }

    private func pair(_ random: inout SplitMix64) -> (String, String) {
        let a = Int(random.next() % 3)
        let b = (a + 1 + Int(random.next() % 2)) % 3
        return (regions[a], regions[b])
    }

    /// A write as a client makes it: sometimes after reading another
    /// document, whose revision it then records as what it depends on.
    private func write(
        in region: String, sim: SimulatedFederation, random: inout SplitMix64,
        note: (String, HybridTimestamp, Bool) -> Void
    ) throws {
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
            note(key, try collection.tombstone(key)!, true)
        case (1, true):
            let result = try collection.update(DocumentSelector(key: key), with: .object(body))
            note(key, try Revision(parsing: result.rev).timestamp, false)
        default:
            let result = try collection.insert(.object(body), options: Self.overwrite)
            note(key, try Revision(parsing: result.rev).timestamp, false)
        }
    }

    private static var overwrite: WriteOptions {
        var options = WriteOptions()
        options.overwriteMode = .replace
        return options
    }

    /// No region shows a document before the version of another that its
    /// writer had read (or a later one).
    private func checkCausalOrder(_ sim: SimulatedFederation) throws {
        for region in regions {
            let collection = try sim.collection(region, "c")
            let documents = try sim.contents(region, "c")
            for document in documents.values {
                guard let key = document["dependsOn"]["key"].stringValue,
                      let rev = document["dependsOn"]["rev"].stringValue.flatMap(Revision.init(validating:)) else { continue }
                let have = try documents[key]?["_rev"].stringValue.flatMap(Revision.init(validating:))?.timestamp
                    ?? collection.tombstone(key) ?? .zero
                XCTAssertGreaterThanOrEqual(have, rev.timestamp,
                    "seed \(seed): \(region) shows \(document["_key"]) before the \(key) its writer read")
            }
        }
    }
}

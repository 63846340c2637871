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

    func run() throws {
        var random = SplitMix64(seed: seed)
        let sim = try SimulatedFederation(jitterMs: 30, seed: seed)
        try sim.fabric("us-east").createCollection("c")
        sim.settle()
        var faults = ScheduleFaults(regions: FederationConfiguration.defaultRegionNames)
        var writes = CausalWrites(regions: faults.regions, keys: 12, context: "seed \(seed)")

        for step in 0..<200 {
            switch random.next() % 11 {
            case 3: try faults.toggleNode(sim, &random)
            case 0: try faults.partition(sim, &random)
            case 1: try faults.heal(sim, &random)
            case 2: try faults.toggleRegion(sim, &random)
            default:
                let live = faults.liveRegions
                guard !live.isEmpty else { break }
                try writes.write(in: live[Int(random.next() % UInt64(live.count))], sim: sim, random: &random)
            }
            sim.advance(Double(random.next() % 150))
            try writes.checkCausalOrder(sim, at: "step \(step)")
        }

        try faults.restoreAll(sim)
        sim.settle()
        try writes.checkCausalOrder(sim, at: "after the heal")
        try sim.assertConverged("c")
        try writes.checkAcknowledged(sim)
    }
}

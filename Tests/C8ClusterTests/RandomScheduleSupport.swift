import C8Cluster
import C8Core
import C8Engine
import XCTest

/// The faults of a random schedule (ReplicationPropertyTests,
/// RegionFaultCampaignTests): links cut and healed, regions and storage
/// nodes down and up, with what is down remembered so the end can bring
/// everything back.
struct ScheduleFaults {
    let regions: [String]
    private(set) var up: Set<String>
    private var nodesDown: [String: String] = [:]

    init(regions: [String]) {
        self.regions = regions
        up = Set(regions)
    }

    var liveRegions: [String] { regions.filter(up.contains) }

    func pair(_ random: inout SplitMix64) -> (String, String) {
        let a = Int(random.next() % UInt64(regions.count))
        let b = (a + 1 + Int(random.next() % UInt64(regions.count - 1))) % regions.count
        return (regions[a], regions[b])
    }

    func partition(_ sim: SimulatedFederation, _ random: inout SplitMix64) throws {
        let (a, b) = pair(&random)
        try sim.federation.partition(a, b)
    }

    /// Heals one random link, or every link.
    func heal(_ sim: SimulatedFederation, _ random: inout SplitMix64) throws {
        if random.next() % 2 == 0 {
            let (a, b) = pair(&random)
            try sim.federation.heal(a, b)
        } else {
            try sim.federation.heal()
        }
    }

    /// A random region goes down, or comes back if it was down.
    mutating func toggleRegion(_ sim: SimulatedFederation, _ random: inout SplitMix64) throws {
        let region = regions[Int(random.next() % UInt64(regions.count))]
        let goesUp = !up.contains(region)
        try sim.federation.setRegion(region, up: goesUp)
        if goesUp { up.insert(region) } else { up.remove(region) }
    }

    /// A storage node of a random region goes down, or the one down comes back.
    mutating func toggleNode(_ sim: SimulatedFederation, _ random: inout SplitMix64) throws {
        let region = regions[Int(random.next() % UInt64(regions.count))]
        if let node = nodesDown.removeValue(forKey: region) {
            try sim.federation.setNode(node, of: region, up: true)
        } else {
            let node = "n\(1 + random.next() % 3)"
            try sim.federation.setNode(node, of: region, up: false)
            nodesDown[region] = node
        }
    }

    /// Every link healed, every region and node up.
    mutating func restoreAll(_ sim: SimulatedFederation) throws {
        try sim.federation.heal()
        for region in regions where !up.contains(region) { try sim.federation.setRegion(region, up: true) }
        for (region, node) in nodesDown { try sim.federation.setNode(node, of: region, up: true) }
        up = Set(regions)
        nodesDown = [:]
    }
}

/// The global-collection writes of a random schedule: writes to `c` as a
/// client makes them — sometimes after reading another document, whose
/// revision it records as what it depends on — the acknowledged outcome
/// of each key, and the checks on both.
struct CausalWrites {
    let regions: [String]
    let keys: [String]
    /// Names the schedule in every failure (its seed, how to replay it).
    let context: String
    /// Per key, the acknowledged write with the greatest stamp.
    private(set) var latest: [String: (stamp: HybridTimestamp, removed: Bool)] = [:]

    init(regions: [String], keys: Int, context: String) {
        self.regions = regions
        self.keys = (0..<keys).map { "k\($0)" }
        self.context = context
    }

    mutating func write(in region: String, sim: SimulatedFederation, random: inout SplitMix64) throws {
        let collection = try sim.collection(region, "c")
        let key = keys[Int(random.next() % UInt64(keys.count))]
        var body: JSONObject = ["_key": .string(key), "by": .string(region), "n": .int(Int64(random.next() % 1000))]
        let read = keys[Int(random.next() % UInt64(keys.count))]
        if read != key, let seen = try collection.document(read) {
            body["dependsOn"] = ["key": .string(read), "rev": seen["_rev"]]
        }
        let exists = try collection.document(key) != nil
        let stamp: HybridTimestamp
        let removed: Bool
        switch (random.next() % 3, exists) {
        case (0, true):
            _ = try collection.remove(DocumentSelector(key: key))
            stamp = try XCTUnwrap(try collection.tombstone(key), "\(context): a remove left no tombstone")
            removed = true
        case (1, true):
            stamp = try Revision(parsing: try collection.update(DocumentSelector(key: key), with: .object(body)).rev).timestamp
            removed = false
        default:
            var options = WriteOptions()
            options.overwriteMode = .replace
            stamp = try Revision(parsing: try collection.insert(.object(body), options: options).rev).timestamp
            removed = false
        }
        if latest[key].map({ stamp > $0.stamp }) ?? true { latest[key] = (stamp, removed) }
    }

    /// No region shows a document before the version of another that its
    /// writer had read (or a later one).
    func checkCausalOrder(_ sim: SimulatedFederation, at moment: String) throws {
        for region in regions {
            let collection = try sim.collection(region, "c")
            let documents = try sim.contents(region, "c")
            for document in documents.values {
                guard let key = document["dependsOn"]["key"].stringValue,
                      let rev = document["dependsOn"]["rev"].stringValue.flatMap(Revision.init(validating:)) else { continue }
                let have = try documents[key]?["_rev"].stringValue.flatMap(Revision.init(validating:))?.timestamp
                    ?? collection.tombstone(key) ?? .zero
                XCTAssertGreaterThanOrEqual(have, rev.timestamp,
                    "\(context) \(moment): \(region) shows \(document["_key"]) before the \(key) its writer read")
            }
        }
    }

    /// After convergence: each key holds its last acknowledged write, or is
    /// absent when that was a remove (or it was never written); and no
    /// replication apply failed.
    func checkAcknowledged(_ sim: SimulatedFederation) throws {
        let final = try sim.contents(regions[0], "c")
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
        for region in sim.federation.status().regions {
            XCTAssertEqual(region.applyFailures, 0, "\(context): \(region.name): \(region.lastFailure ?? "")")
        }
    }
}

import C8Cluster
import C8Core
import C8Engine
import XCTest

final class SpotCollectionTests: XCTestCase {
    private var spotFabric: FabricOptions { FabricOptions(spotDc: "us-east") }

    private func makeAccounts(_ sim: SimulatedFederation) throws {
        try sim.engine("us-east").defaultTenant.createFabric("bank", options: spotFabric)
        var options = CollectionOptions()
        options.isSpot = true
        try sim.fabric("us-east", "bank").createCollection("accounts", options: options)
        sim.settle()
    }

    func testTheSystemFabricGetsTheAutomaticSpotRegion() throws {
        let sim = try SimulatedFederation()
        for region in sim.federation.regions {
            XCTAssertEqual(try region.engine.fabric().options.spotDc, "us-east", region.name)
        }
        XCTAssertEqual(sim.federation.defaultSpotRegion(dcList: ["eu-west", "ap-south"]), "")
        try sim.federation.setSpotCapable("ap-south", true)
        XCTAssertEqual(sim.federation.defaultSpotRegion(dcList: ["eu-west", "ap-south"]), "ap-south")
    }

    func testASpotCollectionNeedsASpotRegion() throws {
        let sim = try SimulatedFederation()
        try sim.engine("us-east").defaultTenant.createFabric("plain")
        var options = CollectionOptions()
        options.isSpot = true
        XCTAssertThrowsError(try sim.fabric("us-east", "plain").createCollection("accounts", options: options)) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, 10)
            XCTAssertTrue((error as? C8Error)?.message.contains("has no spot region") ?? false)
        }
    }

    func testOnlyTheSpotRegionTakesWritesAndTheOthersGetCopies() throws {
        let sim = try SimulatedFederation()
        try makeAccounts(sim)
        XCTAssertThrowsError(try sim.collection("eu-west", "accounts", fabric: "bank").insert(["_key": "a"])) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, ErrorCode.notLeader.rawValue)
            XCTAssertTrue((error as? C8Error)?.message.contains("spot region us-east") ?? false)
        }
        let spot = try sim.federation.spotRegion(tenant: "c8", fabric: "bank", from: try sim.federation.region("eu-west"))
        XCTAssertEqual(spot.name, "us-east")
        try spot.engine.fabric("bank").collection("accounts").insert(["_key": "a", "balance": 10])
        sim.settle()
        XCTAssertEqual(try sim.collection("ap-south", "accounts", fabric: "bank").document("a")?["balance"], 10)
    }

    func testARoutedRequestWaitsForWhatItsRegionHadSeen() throws {
        let sim = try SimulatedFederation()
        try makeAccounts(sim)
        try sim.fabric("ap-south", "bank").createCollection("audit")
        try sim.collection("ap-south", "audit", fabric: "bank").insert(["_key": "seen"])
        let before = sim.scheduler.nowMicros
        let spot = try sim.federation.spotRegion(tenant: "c8", fabric: "bank", from: try sim.federation.region("ap-south"))
        XCTAssertNotNil(try spot.engine.fabric("bank").collection("audit").document("seen"),
                        "the spot region has what ap-south had when the request came")
        XCTAssertGreaterThanOrEqual(sim.scheduler.nowMicros - before, 200_000, "that took the link's latency")
    }

    func testAnUnreachableSpotRegionFailsClearlyInsteadOfAnsweringStale() throws {
        let sim = try SimulatedFederation()
        try makeAccounts(sim)
        let euWest = try sim.federation.region("eu-west")
        try sim.federation.partition("us-east", "eu-west")
        XCTAssertThrowsError(try sim.federation.spotRegion(tenant: "c8", fabric: "bank", from: euWest)) { error in
            XCTAssertEqual((error as? C8Error)?.code, 503)
            XCTAssertTrue((error as? C8Error)?.message.contains("unreachable from eu-west") ?? false)
        }
        try sim.federation.heal()
        try sim.federation.setRegion("us-east", up: false)
        XCTAssertThrowsError(try sim.federation.spotRegion(tenant: "c8", fabric: "bank", from: euWest))
    }

    /// Clients in every region read (strongly) and write spot documents,
    /// with random partitions in between; the recorded history of each
    /// document must be linearizable as a register.
    func testSpotHistoriesAreLinearizable() throws {
        for seed in 1...UInt64(20) {
            var random = SplitMix64(seed: seed)
            let sim = try SimulatedFederation(jitterMs: 20, seed: seed)
            try makeAccounts(sim)
            var history: [String: [RegisterOperation]] = [:]
            var next = 0
            for _ in 0..<120 {
                if random.next() % 12 == 0 {
                    let names = ["us-east", "eu-west", "ap-south"]
                    let a = Int(random.next() % 3)
                    try sim.federation.partition(names[a], names[(a + 1) % 3])
                }
                if random.next() % 10 == 0 { try sim.federation.heal() }
                let origin = sim.federation.regions[Int(random.next() % 3)]
                let key = "acct\(random.next() % 3)"
                let invoked = sim.scheduler.nowMicros
                let spot: Region
                do {
                    spot = try sim.federation.spotRegion(tenant: "c8", fabric: "bank", from: origin)
                } catch {
                    continue  // refused: no answer, so nothing to check
                }
                let accounts = try spot.engine.fabric("bank").collection("accounts")
                var operation: RegisterOperation
                if random.next() % 2 == 0 {
                    next += 1
                    var options = WriteOptions()
                    options.overwriteMode = .replace
                    try accounts.insert(["_key": .string(key), "v": .int(Int64(next))], options: options)
                    operation = RegisterOperation(isWrite: true, value: next, invoked: invoked, completed: 0)
                } else {
                    let value = try accounts.document(key)?["v"].intValue.map(Int.init) ?? 0
                    operation = RegisterOperation(isWrite: false, value: value, invoked: invoked, completed: 0)
                }
                sim.advance(Double(random.next() % 30))
                operation.completed = sim.scheduler.nowMicros
                history[key, default: []].append(operation)
            }
            for (key, operations) in history {
                XCTAssertTrue(LinearizabilityChecker.isLinearizable(operations), "seed \(seed): \(key) is not linearizable")
            }
        }
    }

    func testTheCheckerRejectsAStaleRead() {
        let stale = [
            RegisterOperation(isWrite: true, value: 1, invoked: 0, completed: 10),
            RegisterOperation(isWrite: true, value: 2, invoked: 20, completed: 30),
            RegisterOperation(isWrite: false, value: 1, invoked: 40, completed: 50),
        ]
        XCTAssertFalse(LinearizabilityChecker.isLinearizable(stale))
        var concurrent = stale
        concurrent[2] = RegisterOperation(isWrite: false, value: 1, invoked: 25, completed: 50)
        XCTAssertTrue(LinearizabilityChecker.isLinearizable(concurrent), "a read overlapping the write may see the old value")
    }
}

/// A read or write of one register (initially 0) with its real-time interval.
struct RegisterOperation {
    var isWrite: Bool
    var value: Int
    var invoked: UInt64
    var completed: UInt64
}

/// Wing & Gong's search: is there an order of the operations that respects
/// real time (an operation completed before another was invoked comes
/// first) in which every read returns the latest write? Small histories
/// only — exponential in the worst case, fine for tens of operations.
enum LinearizabilityChecker {
    static func isLinearizable(_ operations: [RegisterOperation]) -> Bool {
        struct Visited: Hashable {
            let done: [Bool]
            let value: Int
        }
        var done = [Bool](repeating: false, count: operations.count)
        var memo = Set<Visited>()
        func search(_ value: Int, _ remaining: Int) -> Bool {
            if remaining == 0 { return true }
            if memo.contains(Visited(done: done, value: value)) { return false }
            // Candidates: not done, and invoked before every pending
            // operation's completion (nothing pending must precede them).
            let earliestCompletion = operations.indices.filter { !done[$0] }.map { operations[$0].completed }.min() ?? .max
            for index in operations.indices where !done[index] && operations[index].invoked <= earliestCompletion {
                let operation = operations[index]
                if !operation.isWrite && operation.value != value { continue }
                done[index] = true
                if search(operation.isWrite ? operation.value : value, remaining - 1) { return true }
                done[index] = false
            }
            memo.insert(Visited(done: done, value: value))
            return false
        }
        return search(0, operations.count)
    }
}

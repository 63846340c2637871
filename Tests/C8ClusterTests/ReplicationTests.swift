import Foundation
import C8Cluster
import C8Core
import C8Engine
import XCTest

final class ReplicationTests: XCTestCase {
    func testAWriteArrivesInEachRegionAfterItsLinkLatency() throws {
        let sim = try SimulatedFederation()
        try sim.fabric("us-east").createCollection("cities")
        sim.settle()
        try sim.collection("us-east", "cities").insert(["_key": "nyc", "pop": 8])
        sim.advance(79)
        XCTAssertNil(try sim.collection("eu-west", "cities").document("nyc"))
        sim.advance(1)
        XCTAssertEqual(try sim.collection("eu-west", "cities").document("nyc")?["pop"], 8)
        XCTAssertNil(try sim.collection("ap-south", "cities").document("nyc"))
        sim.advance(120)
        XCTAssertEqual(try sim.collection("ap-south", "cities").document("nyc")?["pop"], 8)
        // The copy keeps the revision it was written with.
        XCTAssertEqual(try sim.collection("ap-south", "cities").document("nyc")?["_rev"],
                       try sim.collection("us-east", "cities").document("nyc")?["_rev"])
    }

    func testCatalogChangesReplicateAndLocalCollectionsStayHome() throws {
        let sim = try SimulatedFederation()
        let fabric = try sim.fabric("eu-west")
        let people = try fabric.createCollection("people")
        try people.createIndex(["type": "persistent", "fields": ["age"], "name": "by_age"])
        var local = CollectionOptions()
        local.isLocal = true
        try fabric.createCollection("scratch", options: local).insert(["_key": "x"])
        sim.settle()
        for region in ["us-east", "ap-south"] {
            XCTAssertTrue(try sim.fabric(region).hasCollection("people"), region)
            XCTAssertEqual(try sim.collection(region, "people").index("by_age").name, "by_age", region)
            XCTAssertFalse(try sim.fabric(region).hasCollection("scratch"), region)
        }
        try fabric.dropCollection("people")
        sim.settle()
        XCTAssertFalse(try sim.fabric("us-east").hasCollection("people"))
    }

    func testAFabricLivesOnlyInTheRegionsOfItsDcList() throws {
        let sim = try SimulatedFederation()
        let tenant = try sim.engine("us-east").defaultTenant
        try tenant.createFabric("pair", options: FabricOptions(dcList: ["us-east", "ap-south"]))
        try sim.fabric("us-east", "pair").createCollection("items").insert(["_key": "a"])
        try sim.fabric("us-east").createCollection("everywhere").insert(["_key": "b"])
        sim.settle()
        XCTAssertNotNil(try sim.collection("ap-south", "items", fabric: "pair").document("a"))
        XCTAssertThrowsError(try sim.engine("eu-west").defaultTenant.fabric("pair"))
        // eu-west skipped the pair's changes yet applies what follows them.
        XCTAssertNotNil(try sim.collection("eu-west", "everywhere").document("b"))
    }

    func testAPartitionDelaysReplicationAndLosesNothing() throws {
        let sim = try SimulatedFederation()
        try sim.fabric("us-east").createCollection("c")
        sim.settle()
        try sim.federation.partition("us-east", "eu-west")
        for i in 0..<20 { try sim.collection("us-east", "c").insert(["_key": .string("k\(i)")]) }
        sim.advance(10_000)
        XCTAssertEqual(try sim.collection("eu-west", "c").count, 0)
        XCTAssertEqual(try sim.collection("ap-south", "c").count, 20)
        let link = sim.federation.status().region("us-east")?.links.first { $0.to == "eu-west" }
        XCTAssertEqual(link?.partitioned, true)
        XCTAssertEqual(link?.pendingOps, 20)
        XCTAssertGreaterThanOrEqual(link?.lagMs ?? 0, 10_000)
        try sim.federation.heal()
        sim.advance(79)
        XCTAssertEqual(try sim.collection("eu-west", "c").count, 0, "a healed link still has its latency")
        sim.advance(1)
        XCTAssertEqual(try sim.collection("eu-west", "c").count, 20)
        try sim.assertConverged("c")
    }

    func testConcurrentWritesConvergeOnTheLaterStampEverywhere() throws {
        let sim = try SimulatedFederation()
        try sim.fabric("us-east").createCollection("c").insert(["_key": "doc", "v": 0])
        sim.settle()
        try sim.federation.partition("us-east", "eu-west")
        try sim.federation.partition("us-east", "ap-south")
        try sim.collection("us-east", "c").update(DocumentSelector(key: "doc"), with: ["v": 1, "east": true])
        sim.advance(5)
        try sim.collection("eu-west", "c").update(DocumentSelector(key: "doc"), with: ["v": 2, "west": true])
        sim.advance(1000)
        XCTAssertEqual(try sim.collection("ap-south", "c").document("doc")?["v"], 2)
        XCTAssertEqual(try sim.collection("us-east", "c").document("doc")?["v"], 1)
        try sim.federation.heal()
        sim.settle()
        try sim.assertConverged("c")
        let winner = try sim.collection("us-east", "c").document("doc")
        XCTAssertEqual(winner?["v"], 2, "eu-west wrote last")
        XCTAssertEqual(winner?["east"], .null, "last writer wins whole documents")
        XCTAssertGreaterThan(sim.federation.status().regions.map(\.conflictsResolved).reduce(0, +), 0)
    }

    func testARemovalWinsOverAnEarlierConcurrentUpdateAndLeavesATombstone() throws {
        let sim = try SimulatedFederation()
        try sim.fabric("us-east").createCollection("c").insert(["_key": "doc", "v": 0])
        sim.settle()
        try sim.federation.partition("us-east", "eu-west")
        try sim.collection("eu-west", "c").update(DocumentSelector(key: "doc"), with: ["v": 1])
        sim.advance(5)
        try sim.collection("us-east", "c").remove(DocumentSelector(key: "doc"))
        try sim.federation.heal()
        sim.settle()
        try sim.assertConverged("c")
        XCTAssertNil(try sim.collection("eu-west", "c").document("doc"))
        XCTAssertNotNil(try sim.collection("eu-west", "c").tombstone("doc"))
    }

    func testAChangeWaitsForWhatItsWriterHadSeen() throws {
        let sim = try SimulatedFederation()
        try sim.fabric("us-east").createCollection("c")
        sim.settle()
        // ap-south hears us-east only through a cut link.
        try sim.federation.partition("us-east", "ap-south")
        try sim.collection("us-east", "c").insert(["_key": "question"])
        sim.advance(80)
        XCTAssertNotNil(try sim.collection("eu-west", "c").document("question"))
        try sim.collection("eu-west", "c").insert(["_key": "answer", "to": "question"])
        sim.advance(5_000)
        XCTAssertNil(try sim.collection("ap-south", "c").document("answer"),
                     "the answer must not arrive before the question it depends on")
        let waiting = sim.federation.status().region("eu-west")?.links.first { $0.to == "ap-south" }
        XCTAssertEqual(waiting?.pendingOps, 1)
        try sim.federation.heal("us-east", "ap-south")
        sim.settle()
        XCTAssertNotNil(try sim.collection("ap-south", "c").document("answer"))
        XCTAssertNotNil(try sim.collection("ap-south", "c").document("question"))
    }

    func testARegionThatWasDownCatchesUp() throws {
        let sim = try SimulatedFederation()
        try sim.fabric("us-east").createCollection("c")
        sim.settle()
        try sim.federation.setRegion("ap-south", up: false)
        try sim.collection("us-east", "c").insert(["_key": "a"])
        try sim.collection("eu-west", "c").insert(["_key": "b"])
        sim.advance(10_000)
        XCTAssertEqual(try sim.collection("ap-south", "c").count, 0)
        XCTAssertFalse(sim.federation.status().region("ap-south")!.up)
        try sim.federation.setRegion("ap-south", up: true)
        sim.settle()
        try sim.assertConverged("c")
        XCTAssertEqual(try sim.collection("ap-south", "c").count, 2)
    }

    func testRevisionsOfDifferentRegionsNeverTie() throws {
        let sim = try SimulatedFederation()
        try sim.fabric("us-east").createCollection("c")
        sim.settle()
        // Same virtual millisecond, three regions, one key each.
        var stamps: Set<String> = []
        for region in ["us-east", "eu-west", "ap-south"] {
            for i in 0..<50 {
                let result = try sim.collection(region, "c").insert(["_key": .string("\(region)-\(i)")])
                XCTAssertTrue(stamps.insert(result.rev).inserted)
            }
        }
        sim.settle()
        try sim.assertConverged("c")
    }

    func testLatencyCanBeChanged() throws {
        let sim = try SimulatedFederation()
        try sim.fabric("us-east").createCollection("c")
        sim.settle()
        try sim.federation.setLatency("us-east", "eu-west", milliseconds: 10)
        try sim.collection("us-east", "c").insert(["_key": "fast"])
        sim.advance(10)
        XCTAssertNotNil(try sim.collection("eu-west", "c").document("fast"))
        XCTAssertEqual(sim.federation.status().region("eu-west")?.links.first { $0.to == "us-east" }?.latencyMs, 10)
        XCTAssertThrowsError(try sim.federation.setLatency("us-east", "mars", milliseconds: 1)) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, C8Error.datacenterNotFoundErrorNum)
        }
    }

    func testGeneratedKeysOfDifferentRegionsNeverCollide() throws {
        let sim = try SimulatedFederation()
        try sim.fabric("us-east").createCollection("c")
        var padded = CollectionOptions()
        padded.keyOptions = try KeyOptions(json: ["type": "padded"])
        try sim.fabric("us-east").createCollection("p", options: padded)
        sim.settle()
        try sim.federation.partition("us-east", "eu-west")
        var keys: Set<String> = []
        for region in ["us-east", "eu-west", "ap-south"] {
            for name in ["c", "p"] {
                for _ in 0..<20 { XCTAssertTrue(keys.insert(name + "/" + (try sim.collection(region, name).insert([:]).key)).inserted) }
            }
        }
        try sim.federation.heal()
        sim.settle()
        XCTAssertEqual(try sim.collection("eu-west", "c").count, 60)
        XCTAssertEqual(try sim.collection("ap-south", "p").count, 60)
    }

    func testTwoRegionsTakingOneUniqueValueKeepTheLaterDocumentEverywhere() throws {
        let sim = try SimulatedFederation()
        let users = try sim.fabric("us-east").createCollection("users")
        try users.createIndex(["type": "persistent", "fields": ["email"], "unique": true])
        sim.settle()
        try sim.federation.partition("us-east", "eu-west")
        try sim.federation.partition("us-east", "ap-south")
        try sim.collection("us-east", "users").insert(["_key": "ann", "email": "a@x.io"])
        sim.advance(5)
        try sim.collection("eu-west", "users").insert(["_key": "bob", "email": "a@x.io"])
        sim.advance(500)
        try sim.federation.heal()
        sim.settle()
        try sim.assertConverged("users")
        for region in ["us-east", "eu-west", "ap-south"] {
            XCTAssertNil(try sim.collection(region, "users").document("ann"), region)
            XCTAssertNotNil(try sim.collection(region, "users").document("bob"), region)
        }
        XCTAssertEqual(sim.federation.status().regions.map(\.applyFailures), [0, 0, 0])
    }
}

final class DurableFederationTests: XCTestCase {
    private var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "c8-federation-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func open(_ scheduler: DeterministicScheduler) throws -> Federation {
        try Federation.open(directory: directory, scheduler: scheduler, limits: SimulatedFederation.fastLimits)
    }

    func testChangesInFlightAtShutdownArriveAfterARestart() throws {
        let scheduler = DeterministicScheduler()
        var federation = try open(scheduler)
        try federation.localRegion.engine.fabric().createCollection("c")
        scheduler.runUntilIdle()
        try federation.partition("us-east", "eu-west")
        try federation.localRegion.engine.fabric().collection("c").insert(["_key": "late"])
        scheduler.advance(byMilliseconds: 1000)
        XCTAssertNil(try federation.region("eu-west").engine.fabric().collection("c").document("late"))
        federation.close()

        let later = DeterministicScheduler(startMicros: scheduler.nowMicros + 1_000_000)
        federation = try open(later)
        defer { federation.close() }
        later.runUntilIdle()
        XCTAssertNotNil(try federation.region("eu-west").engine.fabric().collection("c").document("late"))
        XCTAssertEqual(federation.appliedVector(of: try federation.region("eu-west")).counts,
                       federation.appliedVector(of: federation.localRegion).counts)
    }

    func testADataDirectoryFromBeforeRegionsSeedsTheOtherRegions() throws {
        let engine = try Engine.open(directory: directory)
        try engine.fabric().createCollection("old").insert(["_key": "kept"])
        engine.close()
        let scheduler = DeterministicScheduler()
        let federation = try open(scheduler)
        defer { federation.close() }
        for region in federation.regions {
            XCTAssertNotNil(try region.engine.fabric().collection("old").document("kept"), region.name)
        }
        try federation.region("ap-south").engine.fabric().collection("old").insert(["_key": "new"])
        scheduler.runUntilIdle()
        XCTAssertNotNil(try federation.localRegion.engine.fabric().collection("old").document("new"))
    }

    func testSpotCapabilityOutlivesARestart() throws {
        var federation = try open(DeterministicScheduler())
        XCTAssertTrue(federation.isSpotCapable(federation.localRegion), "the local region is, at first start")
        try federation.setSpotCapable("ap-south", true)
        try federation.setSpotCapable("us-east", false)
        federation.close()
        federation = try open(DeterministicScheduler())
        defer { federation.close() }
        XCTAssertEqual(federation.regions.map(federation.isSpotCapable), [false, false, true])
    }

    func testOtherRegionNamesAreRefusedClearly() throws {
        try open(DeterministicScheduler()).close()
        XCTAssertThrowsError(try Federation.open(
            directory: directory, regionNames: ["us-east", "mars"],
            scheduler: DeterministicScheduler())) { error in
            XCTAssertTrue((error as? C8Error)?.message.contains("--regions us-east,eu-west,ap-south") ?? false, "\(error)")
        }
    }
}

final class BulkReplicationTests: XCTestCase {
    func testABulkLoadIsIngestedHereAndReplicatedEverywhere() throws {
        let sim = try SimulatedFederation()
        let users = try sim.fabric("eu-west").createCollection("users")
        try users.createIndex(["type": "persistent", "fields": ["n"]])
        sim.settle()
        let documents: [JSON] = (0..<10_000).map { ["_key": .string("u\($0)"), "n": .int(Int64($0))] }
        let result = try users.bulkInsert(documents)
        XCTAssertTrue(result.ingested, "the sorted-table path, replicated afterwards")
        XCTAssertEqual(result.inserted, 10_000)
        // Every stamp is eu-west's: its clock site's residue.
        let site = ClockSite.region(1)
        let stamps = try sim.contents("eu-west", "users").values.compactMap { $0["_rev"].stringValue.flatMap(Revision.init(validating:)) }
        XCTAssertEqual(stamps.count, 10_000)
        XCTAssertTrue(stamps.allSatisfy { site.owner(of: $0.timestamp) == 1 })
        XCTAssertEqual(Set(stamps).count, 10_000)
        sim.settle()
        try sim.assertConverged("users")
        XCTAssertEqual(try sim.collection("ap-south", "users").count, 10_000)
        XCTAssertEqual(sim.federation.status().regions.map(\.applyFailures), [0, 0, 0])
    }
}

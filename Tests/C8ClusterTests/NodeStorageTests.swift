import C8Cluster
import C8Core
import C8Engine
import C8Storage
import XCTest

final class NodeStorageTests: XCTestCase {
    private func keys(_ storage: any StorageEngine, reverse: Bool = false) -> [String] {
        let iterator = storage.makeIterator(KeyRange([], [0xF0]), reverse: reverse)
        var keys: [String] = []
        while iterator.next() { keys.append(String(decoding: iterator.key, as: UTF8.self)) }
        return keys
    }

    private func fill(_ storage: NodeStorage, _ names: [String]) throws {
        var batch = WriteBatch()
        for name in names { batch.put(Array(name.utf8), Array("v-\(name)".utf8)) }
        try storage.write(batch, sync: false)
    }

    func testEveryKeyIsOnTwoNodesAndReadOnce() throws {
        let base = MemoryEngine()
        let storage = try NodeStorage(base: base)
        let names = (0..<200).map { String(format: "k%03d", $0) }
        try fill(storage, names)
        XCTAssertEqual(base.count(KeyRange([0xC0], [0xC3])), 400, "two replicas of each key")
        XCTAssertEqual(keys(storage), names)
        XCTAssertEqual(keys(storage, reverse: true), names.reversed())
        XCTAssertEqual(try storage.get(Array("k042".utf8)).map { String(decoding: $0, as: UTF8.self) }, "v-k042")
        let iterator = storage.makeIterator(KeyRange([], [0xF0]), reverse: false)
        iterator.seek(Array("k150".utf8))
        XCTAssertTrue(iterator.next())
        XCTAssertEqual(String(decoding: iterator.key, as: UTF8.self), "k150")
        XCTAssertEqual(storage.nodes.map(\.shardsLed).reduce(0, +), 64)
    }

    func testANodeGoingDownLosesNothingAndComesBackRebuilt() throws {
        let storage = try NodeStorage(base: MemoryEngine())
        let before = (0..<100).map { "a\($0)" }
        try fill(storage, before)
        try storage.setNode("n2", up: false)
        XCTAssertEqual(storage.nodes.first { $0.id == "n2" }?.shardsLed, 0, "its followers lead its shards")
        XCTAssertEqual(storage.nodes.map(\.shardsLed).reduce(0, +), 64)
        let during = (0..<100).map { "b\($0)" }
        try fill(storage, during)
        var removal = WriteBatch()
        removal.delete(Array("a7".utf8))
        try storage.write(removal, sync: false)
        let expected = Set(before + during).subtracting(["a7"])
        XCTAssertEqual(Set(keys(storage)), expected)

        XCTAssertThrowsError(try storage.setNode("n1", up: false)) { error in
            XCTAssertEqual((error as? C8Error)?.code, 409, "a second node down would leave shards with no replica")
        }
        try storage.setNode("n2", up: true)
        // n2 was rebuilt: with another node down now, reads still see everything.
        try storage.setNode("n3", up: false)
        XCTAssertEqual(Set(keys(storage)), expected)
        for key in expected { XCTAssertNotNil(try storage.get(Array(key.utf8)), key) }
        XCTAssertNil(try storage.get(Array("a7".utf8)))
        XCTAssertThrowsError(try storage.setNode("n9", up: false)) { error in
            XCTAssertEqual((error as? C8Error)?.code, 404)
        }
    }

    func testKeysFromBeforeNodesMoveIntoThem() throws {
        let base = MemoryEngine()
        var batch = WriteBatch()
        for i in 0..<50 { batch.put(Array("old\(i)".utf8), [1]) }
        try base.write(batch, sync: false)
        let storage = try NodeStorage(base: base)
        XCTAssertEqual(keys(storage).count, 50)
        XCTAssertEqual(base.count(KeyRange([], [0xC0])), 0, "nothing left outside the nodes")
    }

    func testAnEngineOnNodesBehavesLikeOneOnAPlainStore() throws {
        let storage = try NodeStorage(base: MemoryEngine())
        let engine = try Engine(storage: storage)
        let users = try engine.fabric().createCollection("users")
        try users.createIndex(["type": "persistent", "fields": ["age"]])
        for i in 0..<300 { try users.insert(["_key": .string("u\(i)"), "age": .int(Int64(i % 50))]) }
        try storage.setNode("n1", up: false)
        try users.remove(DocumentSelector(key: "u5"))
        XCTAssertEqual(users.count, 299)
        var scanned = 0
        let scanner = users.scan()
        while try scanner.next() != nil { scanned += 1 }
        XCTAssertEqual(scanned, 299)
        XCTAssertEqual(try users.document("u77")?["age"], 27)
    }

    func testTheFederationReportsAndDrivesNodes() throws {
        let sim = try SimulatedFederation()
        let status = sim.federation.status().region("eu-west")!
        XCTAssertEqual(status.nodes.map(\.id), ["n1", "n2", "n3"])
        XCTAssertEqual(status.nodes.map(\.shardsLed), [22, 21, 21])
        try sim.fabric("us-east").createCollection("c")
        sim.settle()
        try sim.federation.setNode("n3", of: "eu-west", up: false)
        try sim.collection("us-east", "c").insert(["_key": "x"])
        sim.settle()
        XCTAssertNotNil(try sim.collection("eu-west", "c").document("x"))
        XCTAssertEqual(sim.federation.status().region("eu-west")!.nodes.map(\.up), [true, true, false])
        XCTAssertThrowsError(try sim.federation.setNode("n1", of: "mars", up: false))

        let lone = try Federation.inMemory(configuration: FederationConfiguration(regionNames: ["solo"]), scheduler: DeterministicScheduler())
        XCTAssertTrue(lone.status().regions[0].nodes.isEmpty)
        XCTAssertThrowsError(try lone.setNode("n1", of: "solo", up: false)) { error in
            XCTAssertEqual((error as? C8Error)?.code, 400)
        }
    }
}

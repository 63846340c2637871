import C8Cluster
import C8Core
import C8Engine
import C8Net
@testable import C8Server
@testable import C8Storage
import Foundation
import Synchronization
import XCTest

/// `PUT /_admin/compact` and `PUT /_api/collection/{name}/compact` over a
/// federation whose three regions each keep a RocksDB store (under their
/// storage nodes): every region's store ends up with all its files in the
/// bottommost level, the answers have ArangoDB's shapes, bad options and
/// unknown collections are refused before anything is rewritten, and only
/// server admins may compact the server.
final class CompactionRoutesTests: XCTestCase {
    private var directories: [String] = []

    override func tearDown() {
        for directory in directories { try? FileManager.default.removeItem(atPath: directory) }
        directories = []
        super.tearDown()
    }

    /// A federation of the default regions, each on its own RocksDB store,
    /// and those stores by region name.
    private func durableFederation() throws -> (Federation, C8APIHandler, [String: RocksDBEngine]) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("c8-compact-api-\(UUID().uuidString)").path
        directories.append(root)
        let stores = Mutex<[String: RocksDBEngine]>([:])
        let federation = try Federation(configuration: FederationConfiguration(), scheduler: DeterministicScheduler()) {
            name, clock, accessControl throws(C8Error) in
            let store = try RocksDBEngine(directory: root + "/" + name)
            stores.withLock { $0[name] = store }
            return try Engine(storage: try NodeStorage(base: store), clock: clock, defaultTenant: "c8",
                              accessControl: accessControl, region: name)
        }
        let handler = try C8APIHandler(federation: federation,
                                       configuration: C8APIConfiguration(domain: FederationAPIHarness.domain, tenant: "c8"))
        return (federation, handler, stores.withLock { $0 })
    }

    private func send(_ handler: C8APIHandler, _ method: HTTPMethod, _ target: String, body: String? = nil,
                      region: String? = nil) -> APIReply {
        var fields = HTTPHeaders([("Host", "api-" + (region.map { $0 + "." } ?? "") + FederationAPIHarness.domain),
                                  ("content-type", "application/json")])
        let bytes = Array((body ?? "").utf8)
        fields.set("Content-Length", String(bytes.count))
        return APIReply(handler.handle(HTTPRequest(method: method, target: target, headers: fields, body: bytes),
                                       peer: FederationAPIHarness.peer))
    }

    /// Whether every table file of `store` is in the bottommost level.
    private func onlyBottomLevel(_ store: RocksDBEngine) -> Bool {
        let levels = store.filesPerLevel()
        return levels.dropLast().allSatisfy { $0 == 0 } && (levels.last ?? 0) > 0
    }

    /// Documents in every region's store (each region writes its own).
    private func load(_ handler: C8APIHandler, _ federation: Federation) throws {
        XCTAssertEqual(send(handler, .post, "/_fabric/_system/_api/collection", body: #"{"name": "things"}"#).status, 200)
        for region in federation.regions {
            let docs = (0..<200).map { #"{"_key": "\#(region.name)-\#($0)", "n": \#($0)}"# }.joined(separator: ",")
            let reply = send(handler, .post, "/_fabric/_system/_api/document/things", body: "[\(docs)]", region: region.name)
            XCTAssertEqual(reply.status, 202, reply.json.jsonString())
        }
    }

    func testAdminCompactRewritesEveryRegionsStoreIntoTheBottomLevel() throws {
        let (federation, handler, stores) = try durableFederation()
        defer { handler.closeStreams(); federation.close() }
        XCTAssertEqual(stores.count, 3)
        try load(handler, federation)
        for (name, store) in stores { XCTAssertFalse(onlyBottomLevel(store), "\(name) is not compacted yet: \(store.filesPerLevel())") }

        assertError(send(handler, .put, "/_admin/compact", body: #"{"changeLevel": "yes"}"#), status: 400, errorNum: 10)
        for (name, store) in stores { XCTAssertFalse(onlyBottomLevel(store), "\(name): a refused request rewrites nothing") }

        let reply = send(handler, .put, "/_admin/compact", body: #"{"changeLevel": true, "compactBottomMostLevel": true}"#)
        XCTAssertEqual(reply.status, 200, reply.json.jsonString())
        XCTAssertEqual(reply.json, ["error": false, "code": 200])
        for (name, store) in stores { XCTAssertTrue(onlyBottomLevel(store), "\(name): \(store.filesPerLevel())") }

        XCTAssertEqual(send(handler, .put, "/_admin/compact").status, 200, "the body is optional")
        let count = send(handler, .get, "/_fabric/_system/_api/collection/things/count", region: "ap-south")
        // Its own 200: replication waits for the scheduler, which the test does not advance.
        XCTAssertEqual(count.json["count"], 200, "the region's data is intact: \(count.json.jsonString())")
        XCTAssertEqual(send(handler, .get, "/_fabric/_system/_api/document/things/eu-west-7", region: "eu-west").json["n"], 7)
    }

    func testCollectionCompactAnswersTheDescriptionAndCompactsEveryRegion() throws {
        let (federation, handler, stores) = try durableFederation()
        defer { handler.closeStreams(); federation.close() }
        try load(handler, federation)

        assertError(send(handler, .put, "/_fabric/_system/_api/collection/nothing/compact"), status: 404, errorNum: 1203)
        for (name, store) in stores { XCTAssertFalse(onlyBottomLevel(store), "\(name): an unknown collection rewrites nothing") }

        let reply = send(handler, .put, "/_fabric/_system/_api/collection/things/compact")
        XCTAssertEqual(reply.status, 200, reply.json.jsonString())
        let described = send(handler, .get, "/_fabric/_system/_api/collection/things")
        XCTAssertEqual(reply.json, described.json, "ArangoDB answers with the collection's description")
        XCTAssertEqual(reply.json["name"], "things")
        XCTAssertEqual(reply.json["error"], false)
        for (name, store) in stores { XCTAssertTrue(onlyBottomLevel(store), "\(name): \(store.filesPerLevel())") }
    }

    func testOnlyServerAdminsMayCompactTheServer() throws {
        let api = try FederationAPIHarness(accounts: true)
        assertError(api.send(.put, "/_admin/compact"), status: 401, errorNum: 11)
        let created = api.admin(.post, "/_api/key", body: #"{"keyid": "member"}"#)
        XCTAssertEqual(created.status, 201, created.json.jsonString())
        let member = "apikey " + (created.json["key"].stringValue ?? "")
        assertError(api.send(.put, "/_admin/compact", authorization: member), status: 403, errorNum: 11)
        let admitted = api.admin(.put, "/_admin/compact")
        XCTAssertEqual(admitted.status, 200, admitted.json.jsonString())
        XCTAssertEqual(admitted.json, ["error": false, "code": 200])

        XCTAssertEqual(api.admin(.post, "/_api/collection", body: #"{"name": "c"}"#).status, 200)
        assertError(api.send(.put, "/_api/collection/c/compact"), status: 401, errorNum: 11)
        XCTAssertEqual(api.admin(.put, "/_api/collection/c/compact").json["name"], "c")
    }
}

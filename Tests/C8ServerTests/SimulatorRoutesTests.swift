import C8Cluster
import C8Core
import C8Engine
@testable import C8Server
import XCTest

/// The simulator API: the federation's status in the shape issue 8 gives,
/// partitions, heals, latency and regions down and up, for server admins only.
final class SimulatorRoutesTests: XCTestCase {
    func testStatusHasTheSimulatorShape() throws {
        let api = try FederationAPIHarness()
        let reply = api.send(.get, "/_api/simulator")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.json, api.federation.status().json)
        let regions = try XCTUnwrap(reply.json["regions"].arrayValue)
        XCTAssertEqual(regions.map { $0["name"] }, ["us-east", "eu-west", "ap-south"])
        let east = regions[0]
        XCTAssertEqual(east["up"], true)
        XCTAssertEqual(east["spotCapable"], true)
        XCTAssertNotNil(east["nodes"].arrayValue)
        XCTAssertEqual(east["conflictsResolved"], 0)
        XCTAssertEqual(east["links"].arrayValue?.map { $0["to"] }, ["eu-west", "ap-south"])
        let link = FederationAPIHarness.link(reply.json, from: "us-east", to: "ap-south")
        XCTAssertEqual(link["latencyMs"].doubleValue, 200)
        XCTAssertEqual(link["partitioned"], false)
        XCTAssertEqual(link["lagMs"].doubleValue, 0)
        XCTAssertEqual(link["pendingOps"], 0)
    }

    func testPartitionHoldsChangesBackAndHealingDeliversThem() throws {
        let api = try FederationAPIHarness()
        let cut = api.send(.post, "/_api/simulator/partition", body: #"{"a": "us-east", "b": "eu-west"}"#)
        XCTAssertEqual(cut.status, 200)
        XCTAssertEqual(FederationAPIHarness.link(cut.json, from: "us-east", to: "eu-west")["partitioned"], true)
        XCTAssertEqual(FederationAPIHarness.link(cut.json, from: "eu-west", to: "us-east")["partitioned"], true, "both ways")
        XCTAssertEqual(FederationAPIHarness.link(cut.json, from: "us-east", to: "ap-south")["partitioned"], false)

        XCTAssertEqual(api.send(.post, "/_api/collection", body: #"{"name": "c"}"#).status, 200)
        api.advance(1_000)
        XCTAssertEqual(api.send(.get, "/_api/collection/c", region: "eu-west").status, 404, "held back by the partition")
        let pending = api.send(.get, "/_api/simulator")
        XCTAssertEqual(FederationAPIHarness.link(pending.json, from: "us-east", to: "eu-west")["pendingOps"], 1)

        let healed = api.send(.post, "/_api/simulator/heal", body: #"{"a": "eu-west", "b": "us-east"}"#)
        XCTAssertEqual(FederationAPIHarness.link(healed.json, from: "us-east", to: "eu-west")["partitioned"], false)
        api.advance(80)
        XCTAssertEqual(api.send(.get, "/_api/collection/c", region: "eu-west").status, 200, "delivered once healed")

        api.send(.post, "/_api/simulator/partition", body: #"{"a": "ap-south", "b": "eu-west"}"#)
        api.send(.post, "/_api/simulator/partition", body: #"{"a": "ap-south", "b": "us-east"}"#)
        let all = api.send(.post, "/_api/simulator/heal", body: "{}")
        XCTAssertEqual(all.status, 200)
        let links = (all.json["regions"].arrayValue ?? []).flatMap { $0["links"].arrayValue ?? [] }
        XCTAssertEqual(links.count, 6)
        XCTAssertTrue(links.allSatisfy { $0["partitioned"] == false }, "{} heals every link")
        XCTAssertEqual(api.send(.post, "/_api/simulator/heal").status, 200, "no body heals every link too")
    }

    func testLatencyChangesBothDirections() throws {
        let api = try FederationAPIHarness()
        let reply = api.send(.put, "/_api/simulator/latency", body: #"{"a": "us-east", "b": "eu-west", "ms": 15}"#)
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(FederationAPIHarness.link(reply.json, from: "us-east", to: "eu-west")["latencyMs"].doubleValue, 15)
        XCTAssertEqual(FederationAPIHarness.link(reply.json, from: "eu-west", to: "us-east")["latencyMs"].doubleValue, 15)
        XCTAssertEqual(FederationAPIHarness.link(api.send(.get, "/_api/simulator").json, from: "eu-west", to: "us-east")["latencyMs"].doubleValue, 15)

        api.send(.post, "/_api/collection", body: #"{"name": "c"}"#)
        api.advance(15)
        XCTAssertEqual(api.send(.get, "/_api/collection/c", region: "eu-west").status, 200, "arrives after the new latency")
    }

    func testRegionDownAndUpShowInTheStatus() throws {
        let api = try FederationAPIHarness()
        let down = api.send(.post, "/_api/simulator/region/ap-south/down")
        XCTAssertEqual(down.status, 200)
        XCTAssertEqual(down.json["regions"][2]["up"], false)
        XCTAssertFalse(api.federation.isUp(try api.federation.region("ap-south")))
        XCTAssertEqual(api.send(.post, "/_api/simulator/region/ap-south/up").json["regions"][2]["up"], true)
    }

    func testBadBodiesAndUnknownRegionsAreRefusedClearly() throws {
        let api = try FederationAPIHarness()
        assertError(api.send(.post, "/_api/simulator/partition", body: "{}"), status: 400, errorNum: 10)
        let oneSided = api.send(.post, "/_api/simulator/partition", body: #"{"a": "us-east"}"#)
        assertError(oneSided, status: 400, errorNum: 10)
        XCTAssertEqual(oneSided.json["errorMessage"].stringValue?.contains("'b'"), true, oneSided.json.jsonString())
        assertError(api.send(.post, "/_api/simulator/partition", body: #"{"a": "us-east", "b": 7}"#), status: 400, errorNum: 10)
        assertError(api.send(.post, "/_api/simulator/partition", body: #"{"a": "us-east", "b": "us-east"}"#), status: 400, errorNum: 10)
        assertError(api.send(.post, "/_api/simulator/partition", body: "[1]"), status: 400, errorNum: 10)
        assertError(api.send(.post, "/_api/simulator/partition", body: "{"), status: 400, errorNum: 600)
        assertError(api.send(.post, "/_api/simulator/heal", body: #"{"b": "us-east"}"#), status: 400, errorNum: 10)
        assertError(api.send(.put, "/_api/simulator/latency", body: #"{"a": "us-east", "b": "eu-west"}"#), status: 400, errorNum: 10)
        assertError(api.send(.put, "/_api/simulator/latency", body: #"{"a": "us-east", "b": "eu-west", "ms": "fast"}"#), status: 400, errorNum: 10)
        assertError(api.send(.put, "/_api/simulator/latency", body: #"{"a": "us-east", "b": "eu-west", "ms": -1}"#), status: 400, errorNum: 10)

        assertError(api.send(.post, "/_api/simulator/partition", body: #"{"a": "us-east", "b": "mars"}"#), status: 404, errorNum: 102024)
        assertError(api.send(.post, "/_api/simulator/region/mars/down"), status: 404, errorNum: 102024)
        assertError(api.send(.post, "/_api/simulator/node/mars/n1/down"), status: 404, errorNum: 102024)
        assertError(api.send(.post, "/_api/simulator/region/us-east/sideways"), status: 404, errorNum: 404)
        assertError(api.send(.get, "/_api/simulator/partition"), status: 405, errorNum: 405)
    }

    func testANodeGoesDownAndComesBack() throws {
        let api = try FederationAPIHarness()
        let nodes = try XCTUnwrap(api.send(.get, "/_api/simulator").json["regions"][1]["nodes"].arrayValue)
        let id = try XCTUnwrap(nodes.first?["id"].stringValue, "regions have storage nodes")
        let down = api.send(.post, "/_api/simulator/node/eu-west/\(id)/down")
        XCTAssertEqual(down.status, 200, down.json.jsonString())
        XCTAssertEqual(down.json["regions"][1]["nodes"][0]["up"], false)
        XCTAssertEqual(api.send(.get, "/_api/version", region: "eu-west").status, 200, "the region serves on its followers")
        XCTAssertEqual(api.send(.post, "/_api/simulator/node/eu-west/\(id)/up").json["regions"][1]["nodes"][0]["up"], true)
    }

    /// The node routes answer what the federation answers (an unknown
    /// node is refused).
    func testNodeRoutesPassTheFederationsAnswerThrough() throws {
        let api = try FederationAPIHarness()
        let wire = api.send(.post, "/_api/simulator/node/us-east/no-such-node/down")
        do {
            try api.federation.setNode("no-such-node", of: "us-east", up: false)
            XCTFail("an unknown node is refused")
        } catch let error as C8Error {
            assertError(wire, status: error.code, errorNum: error.errorNum)
        }
    }

    func testOnlyServerAdminsMayUseTheSimulator() throws {
        let api = try FederationAPIHarness(accounts: true)
        assertError(api.send(.get, "/_api/simulator"), status: 401, errorNum: 11)
        assertError(api.send(.post, "/_api/simulator/partition", body: #"{"a": "us-east", "b": "eu-west"}"#), status: 401, errorNum: 11)

        let created = api.admin(.post, "/_api/key", body: #"{"keyid": "member"}"#)
        XCTAssertEqual(created.status, 201, created.json.jsonString())
        let member = "apikey " + (created.json["key"].stringValue ?? "")
        assertError(api.send(.get, "/_api/simulator", authorization: member), status: 403, errorNum: 11)
        assertError(api.send(.post, "/_api/simulator/region/eu-west/down", authorization: member), status: 403, errorNum: 11)
        XCTAssertTrue(api.federation.isUp(try api.federation.region("eu-west")))
        XCTAssertEqual(api.send(.get, "/_api/version", region: "eu-west", authorization: member).status, 200,
                       "the key works in every region: accounts are federation-wide")

        XCTAssertEqual(api.admin(.get, "/_api/simulator").status, 200)
        XCTAssertEqual(api.admin(.post, "/_api/simulator/partition", body: #"{"a": "us-east", "b": "eu-west"}"#).status, 200)
    }

    func testAServerOverOneEngineHasNoSimulator() throws {
        let api = try APIHarness()
        assertError(api.send(.get, "/_api/simulator"), status: 404, errorNum: 404)
    }
}

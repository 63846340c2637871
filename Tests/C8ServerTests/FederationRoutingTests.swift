import C8Cluster
import C8Core
import C8Engine
@testable import C8Server
import XCTest

/// A handler over a federation: the Host header picks the region whose
/// engine answers, writes reach the other regions after the link latency,
/// a region that is down answers 503, `/datacenter/*` reflects the
/// federation, and a cursor continues at any region.
final class FederationRoutingTests: XCTestCase {
    func testTheHostPicksTheRegionAndAWriteArrivesElsewhereAfterTheLinkLatency() throws {
        let api = try FederationAPIHarness()
        XCTAssertEqual(api.send(.post, "/_api/collection", body: #"{"name": "c"}"#, region: "us-east").status, 200)
        api.scheduler.runUntilIdle()
        XCTAssertNoThrow(try api.engine("eu-west").fabric().collection("c"), "the catalog change replicated")

        let written = api.send(.post, "/_api/document/c", body: #"{"_key": "k", "v": 1}"#, region: "us-east")
        XCTAssertEqual(written.status, 202, written.json.jsonString())
        XCTAssertEqual(written.header("x-gdn-region"), "us-east.c8.test")
        XCTAssertEqual(api.send(.get, "/_api/document/c/k", region: "us-east").status, 200)
        let early = api.send(.get, "/_api/document/c/k", region: "eu-west")
        assertError(early, status: 404, errorNum: 1202)
        XCTAssertEqual(early.header("x-gdn-region"), "eu-west.c8.test")

        api.advance(79)
        XCTAssertEqual(api.send(.get, "/_api/document/c/k", region: "eu-west").status, 404, "not before the 80 ms link latency")
        api.advance(1)
        let arrived = api.send(.get, "/_api/document/c/k", region: "eu-west")
        XCTAssertEqual(arrived.status, 200)
        XCTAssertEqual(arrived.json["v"], 1)
        XCTAssertEqual(api.send(.get, "/_api/document/c/k", region: "ap-south").status, 404, "200 ms away")
        api.advance(120)
        XCTAssertEqual(api.send(.get, "/_api/document/c/k", region: "ap-south").status, 200)
        XCTAssertEqual(api.send(.get, "/_api/document/c/k").header("x-gdn-region"), "us-east.c8.test", "the bare host is the local region")
    }

    func testARegionThatIsDownAnswers503ButTheSimulatorStillServesIt() throws {
        let api = try FederationAPIHarness()
        XCTAssertEqual(api.send(.post, "/_api/simulator/region/eu-west/down").status, 200)
        let refused = api.send(.get, "/_api/version", region: "eu-west")
        assertError(refused, status: 503, errorNum: 503)
        XCTAssertEqual(refused.json["errorMessage"], "region eu-west is down")
        XCTAssertEqual(refused.header("x-gdn-region"), "eu-west.c8.test")
        XCTAssertEqual(api.send(.get, "/_api/version", region: "us-east").status, 200, "other regions serve on")

        let status = api.send(.get, "/_api/simulator", region: "eu-west")
        XCTAssertEqual(status.status, 200)
        XCTAssertEqual(status.json["regions"][1]["up"], false)
        XCTAssertEqual(api.send(.post, "/_api/simulator/region/eu-west/up", region: "eu-west").status, 200)
        XCTAssertEqual(api.send(.get, "/_api/version", region: "eu-west").status, 200)
    }

    func testDatacentersAreTheFederationsRegionsAndItsSpotCapability() throws {
        let api = try FederationAPIHarness()
        let all = api.send(.get, "/datacenter/all", region: "ap-south")
        XCTAssertEqual(all.json.arrayValue?.map { $0["name"] }, ["us-east", "eu-west", "ap-south"])
        XCTAssertEqual(all.json.arrayValue?.map { $0["local"] }, [false, false, true], "local is the region asked")
        XCTAssertEqual(all.json[0]["spot_region"], true, "the local region starts spot-capable")
        XCTAssertEqual(api.send(.get, "/datacenter/local", region: "eu-west").json["name"], "eu-west")

        XCTAssertEqual(api.send(.put, "/datacenter/eu-west/true").json["spot_region"], true)
        XCTAssertTrue(api.federation.isSpotCapable(try api.federation.region("eu-west")), "one record: the federation's")
        try api.federation.setSpotCapable("us-east", false)
        XCTAssertEqual(api.send(.get, "/datacenter/us-east").json["spot_region"], false)
        XCTAssertEqual(api.send(.get, "/_api/simulator").json["regions"][1]["spotCapable"], true)
        assertError(api.send(.put, "/datacenter/mars/true"), status: 404, errorNum: 102024)
    }

    func testFabricsReportTheirRegionsAndSpotRegion() throws {
        let api = try FederationAPIHarness()
        let created = api.send(.post, "/_api/database", body: #"{"name": "geo", "options": {"dcList": "us-east,eu-west", "spotDc": "eu-west"}}"#)
        XCTAssertEqual(created.status, 201, created.json.jsonString())
        let options = api.send(.get, "/_fabric/geo/_api/database/current").json["result"]["options"]
        XCTAssertEqual(options["dcList"], "us-east,eu-west")
        XCTAssertEqual(options["spotDc"], "eu-west")
        api.scheduler.runUntilIdle()
        XCTAssertEqual(api.send(.get, "/_fabric/geo/_api/database/current", region: "eu-west").json["result"]["options"]["spotDc"], "eu-west")
    }

    /// pyC8's `spot_creation_type`: automatic sends no `spotDc` and gets a
    /// spot-capable region of the fabric; none sends `""` and gets none.
    func testAFabricNamingNoSpotRegionGetsASpotCapableOne() throws {
        let api = try FederationAPIHarness()
        func spot(_ fabric: String) -> JSON {
            api.send(.get, "/_fabric/\(fabric)/_api/database/current").json["result"]["options"]["spotDc"]
        }
        XCTAssertEqual(api.send(.post, "/_api/database", body: #"{"name": "auto", "options": {"dcList": ""}}"#).status, 201)
        XCTAssertEqual(spot("auto"), "us-east", "the local region starts spot-capable")
        XCTAssertEqual(api.send(.post, "/_api/database", body: #"{"name": "none", "options": {"dcList": "", "spotDc": ""}}"#).status, 201)
        XCTAssertEqual(spot("none"), "")
        api.send(.post, "/_api/database", body: #"{"name": "far", "options": {"dcList": "eu-west,ap-south"}}"#)
        XCTAssertEqual(spot("far"), "", "no region of the fabric is spot-capable")
        api.send(.put, "/datacenter/ap-south/true")
        api.send(.post, "/_api/database", body: #"{"name": "far2", "options": {"dcList": "eu-west,ap-south"}}"#)
        XCTAssertEqual(spot("far2"), "ap-south")
    }

    /// Writes to a spot collection, and reads asking for strong
    /// consistency, are served by the fabric's spot region whichever
    /// region they reach; plain reads stay local.
    func testSpotCollectionWritesAndStrongReadsAreServedByTheSpotRegion() throws {
        let api = try FederationAPIHarness()
        let fabric = api.send(.post, "/_api/database", body: #"{"name": "geo", "options": {"dcList": "", "spotDc": "us-east"}}"#)
        XCTAssertEqual(fabric.status, 201)
        let spot = api.send(.post, "/_fabric/geo/_api/collection", body: #"{"name": "accounts", "isSpot": true}"#)
        XCTAssertEqual(spot.status, 200, spot.json.jsonString())
        api.scheduler.runUntilIdle()

        let written = api.send(.post, "/_fabric/geo/_api/document/accounts", body: #"{"_key": "a", "v": 1}"#, region: "eu-west")
        XCTAssertEqual(written.status, 202, written.json.jsonString())
        XCTAssertEqual(written.header("x-c8-request-forwarded-to"), "us-east")
        XCTAssertEqual(written.header("x-gdn-region"), "eu-west.c8.test")
        XCTAssertNotNil(try api.engine("us-east").fabric("geo").collection("accounts").document("a"), "written in the spot region")
        assertError(api.send(.get, "/_fabric/geo/_api/document/accounts/a", region: "eu-west"), status: 404, errorNum: 1202)
        let strong = api.send(.get, "/_fabric/geo/_api/document/accounts/a?strongConsistency=true", region: "eu-west")
        XCTAssertEqual(strong.status, 200)
        XCTAssertEqual(strong.header("x-c8-request-forwarded-to"), "us-east")
        let onLoop = api.request(.get, "/_fabric/geo/_api/document/accounts/a?strongConsistency=true", region: "eu-west")
        XCTAssertNil(api.handler.respondOnEventLoop(to: onLoop, peer: FederationAPIHarness.peer),
                     "a strong read may wait for the spot region: a worker serves it")
        api.advance(80)
        let local = api.send(.get, "/_fabric/geo/_api/document/accounts/a", region: "eu-west")
        XCTAssertEqual(local.json["v"], 1, "the copy arrives for local reads")
        XCTAssertNil(local.header("x-c8-request-forwarded-to"))
        XCTAssertNil(api.send(.patch, "/_fabric/geo/_api/document/accounts/a", body: #"{"v": 2}"#, region: "us-east")
            .header("x-c8-request-forwarded-to"), "the spot region serves its own")

        api.send(.post, "/_api/simulator/partition", body: #"{"a": "us-east", "b": "eu-west"}"#)
        let cut = api.send(.post, "/_fabric/geo/_api/document/accounts", body: #"{"_key": "b"}"#, region: "eu-west")
        assertError(cut, status: 503, errorNum: 503)
        XCTAssertEqual(cut.json["errorMessage"].stringValue?.contains("unreachable"), true, cut.json.jsonString())
        XCTAssertEqual(api.send(.get, "/_fabric/geo/_api/document/accounts/a?strongConsistency=true", region: "eu-west").status, 503,
                       "never a stale answer")
        XCTAssertEqual(api.send(.get, "/_fabric/geo/_api/document/accounts/a", region: "eu-west").status, 200, "local reads go on")
    }

    func testACursorContinuedAtAnotherRegionIsServedByTheRegionHoldingIt() throws {
        let api = try FederationAPIHarness()
        let collection = try api.engine("us-east").fabric().createCollection("c")
        for n in 1...3 { try collection.insert(["n": .int(Int64(n))]) }
        // Nothing replicated: only us-east can answer this cursor.
        let opened = api.send(.post, "/_api/cursor", body: #"{"query": "FOR d IN c SORT d.n RETURN d.n", "batchSize": 1}"#, region: "us-east")
        XCTAssertEqual(opened.json["result"], [1])
        let id = try XCTUnwrap(opened.json["id"].stringValue)

        let next = api.send(.put, "/_api/cursor/\(id)", region: "eu-west")
        assertSuccess(next, status: 200)
        XCTAssertEqual(next.json["result"], [2])
        XCTAssertEqual(next.json["id"], .string(id))
        XCTAssertEqual(next.header("x-c8-request-forwarded-to"), "us-east")
        XCTAssertEqual(next.header("x-gdn-region"), "eu-west.c8.test")
        let home = api.send(.post, "/_api/cursor/\(id)", region: "us-east")
        XCTAssertEqual(home.json["result"], [3])
        XCTAssertNil(home.header("x-c8-request-forwarded-to"))
        assertError(api.send(.put, "/_api/cursor/\(id)", region: "eu-west"), status: 404, errorNum: 1600)
    }

    /// Each region numbers its own cursors from 1; the ids clients see
    /// never mix them up.
    func testCursorsOfDifferentRegionsKeepApartAndDeleteReachesTheHolder() throws {
        let api = try FederationAPIHarness()
        let east = api.send(.post, "/_api/cursor", body: #"{"query": "FOR i IN 1..3 RETURN i", "batchSize": 1}"#, region: "us-east")
        let west = api.send(.post, "/_api/cursor", body: #"{"query": "FOR i IN 11..13 RETURN i", "batchSize": 1}"#, region: "eu-west")
        let eastId = try XCTUnwrap(east.json["id"].stringValue)
        let westId = try XCTUnwrap(west.json["id"].stringValue)
        XCTAssertNotEqual(eastId, westId)

        let fromSouth = api.send(.put, "/_api/cursor/\(westId)", region: "ap-south")
        XCTAssertEqual(fromSouth.json["result"], [12])
        XCTAssertEqual(fromSouth.header("x-c8-request-forwarded-to"), "eu-west")
        XCTAssertEqual(api.send(.put, "/_api/cursor/\(eastId)", region: "eu-west").json["result"], [2])

        let deleted = api.send(.delete, "/_api/cursor/\(westId)", region: "us-east")
        assertSuccess(deleted, status: 202)
        XCTAssertEqual(deleted.header("x-c8-request-forwarded-to"), "eu-west")
        XCTAssertEqual(api.handler.services(of: "eu-west").queries.cursors.openCursorCount, 0, "freed where it lived")
        XCTAssertEqual(api.handler.services(of: "us-east").queries.cursors.openCursorCount, 1)
    }
}

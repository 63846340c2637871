import C8Core
import C8Net
@testable import C8Server
import XCTest

final class VersionAndDatacenterTests: XCTestCase {
    func testVersion() throws {
        let api = try APIHarness()
        let reply = api.send(.get, "/_fabric/_system/_api/version?details=0")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.json["server"], "C8DB")
        XCTAssertEqual(reply.json["version"], "0.1.0")
        XCTAssertEqual(reply.json["license"], "Macrometa")
        XCTAssertTrue(reply.json["details"].isNull)
        let detailed = api.send(.get, "/_api/version?details=True", host: "api-eu-west.c8.test")
        XCTAssertEqual(detailed.json["details"]["region"], "eu-west")
    }

    func testLocalDatacenterIsTheRegionTheHostNames() throws {
        let api = try APIHarness()
        let reply = api.send(.get, "/datacenter/local", host: "api-eu-west.c8.test")
        XCTAssertEqual(reply.status, 200)
        let dc = reply.json
        XCTAssertEqual(dc["name"], "eu-west")
        XCTAssertEqual(dc["_key"], "eu-west")
        XCTAssertEqual(dc["local"], true)
        XCTAssertEqual(dc["spot_region"], false)
        XCTAssertEqual(dc["status"], 0)
        XCTAssertEqual(dc["tags"]["url"], "eu-west.c8.test")
        XCTAssertEqual(dc["tags"]["api"], "api-eu-west.c8.test")
        XCTAssertEqual(api.send(.get, "/datacenter/local").json["name"], "us-east", "bare api-<domain> is the local region")
    }

    func testURLsCarryANonStandardPort() throws {
        let api = try APIHarness()
        let dc = api.send(.get, "/datacenter/local", host: "api-us-east.c8.test:8529", localPort: 8529).json
        XCTAssertEqual(dc["tags"]["url"], "us-east.c8.test:8529")
        XCTAssertEqual(dc["tags"]["api"], "api-us-east.c8.test:8529")
    }

    func testAllTenantAndOneDatacenter() throws {
        let api = try APIHarness()
        let all = api.send(.get, "/datacenter/all").json
        XCTAssertEqual(all.arrayValue?.map { $0["name"] }, ["us-east", "eu-west"])
        XCTAssertEqual(all[0]["local"], true)
        XCTAssertEqual(all[1]["local"], false)

        let tenant = api.send(.get, "/datacenter/_tenant/c8").json
        XCTAssertEqual(tenant[0]["tenant"], "c8")
        XCTAssertEqual(tenant[0]["dcInfo"].arrayValue?.map { $0["name"] }, ["us-east", "eu-west"])

        XCTAssertEqual(api.send(.get, "/datacenter/eu-west").json["tags"]["url"], "eu-west.c8.test")
        assertError(api.send(.get, "/datacenter/mars"), status: 404, errorNum: 102024)
        assertError(api.send(.get, "/datacenter/_tenant/nobody"), status: 404, errorNum: 404)
    }

    func testSpotCapability() throws {
        let api = try APIHarness()
        XCTAssertEqual(api.send(.put, "/datacenter/eu-west/True").json["spot_region"], true)
        XCTAssertEqual(api.send(.get, "/datacenter/eu-west").json["spot_region"], true)
        XCTAssertEqual(api.send(.put, "/datacenter/eu-west/false").json["spot_region"], false)
        assertError(api.send(.put, "/datacenter/eu-west/perhaps"), status: 400, errorNum: 10)
        assertError(api.send(.put, "/datacenter/mars/true"), status: 404, errorNum: 102024)
    }
}

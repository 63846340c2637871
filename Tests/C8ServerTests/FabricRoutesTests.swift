import C8Core
import C8Engine
@testable import C8Server
import XCTest

final class FabricRoutesTests: XCTestCase {
    func testCreateListDescribeAndDrop() throws {
        let api = try APIHarness()
        let created = api.send(.post, "/_fabric/_system/_api/database",
                               body: #"{"name": "f1", "options": {"dcList": "us-east,eu-west", "spotDc": "eu-west"}}"#)
        assertSuccess(created, status: 201)
        XCTAssertEqual(created.json["result"], true)

        let list = api.send(.get, "/_fabric/_system/_api/database")
        assertSuccess(list, status: 200)
        XCTAssertEqual(list.json["result"], ["_system", "f1"])

        let current = api.send(.get, "/_fabric/f1/_api/database/current")
        assertSuccess(current, status: 200)
        let result = current.json["result"]
        XCTAssertEqual(result["name"], "f1")
        XCTAssertEqual(result["isSystem"], false)
        XCTAssertEqual(result["options"]["dcList"], "us-east,eu-west")
        XCTAssertEqual(result["options"]["spotDc"], "eu-west")
        XCTAssertEqual(result["options"]["tenant"], "c8")
        XCTAssertEqual(result["options"]["name"], "c8.f1")
        XCTAssertEqual(result["options"]["status"], "available")

        let user = api.send(.get, "/_fabric/_system/_api/database/user").json["result"]
        XCTAssertEqual(user.arrayValue?.map { $0["name"] }, ["_system", "f1"])
        XCTAssertEqual(user[0]["isSystem"], true)
        XCTAssertEqual(user[0]["options"]["dcList"], "us-east,eu-west", "no dcList means every region")

        let dropped = api.send(.delete, "/_fabric/_system/_api/database/f1")
        assertSuccess(dropped, status: 200)
        XCTAssertEqual(dropped.json["result"], true)
        assertError(api.send(.delete, "/_fabric/_system/_api/database/f1"), status: 404, errorNum: 1228)
        assertError(api.send(.get, "/_fabric/f1/_api/database/current"), status: 404, errorNum: 1228)
    }

    func testCreateErrors() throws {
        let api = try APIHarness()
        assertSuccess(api.send(.post, "/_fabric/_system/_api/database", json: ["name": "f1", "options": ["dcList": ""]]), status: 201)
        assertError(api.send(.post, "/_fabric/_system/_api/database", json: ["name": "f1"]), status: 409, errorNum: 1207)
        assertError(api.send(.post, "/_fabric/_system/_api/database", json: ["name": "1bad"]), status: 400, errorNum: 1229)
        assertError(api.send(.post, "/_fabric/_system/_api/database", json: ["name": "f2", "options": ["dcList": "mars"]]),
                    status: 404, errorNum: 102024)
        assertError(api.send(.post, "/_fabric/_system/_api/database", json: ["name": "f3", "options": ["dcList": "us-east", "spotDc": "eu-west"]]),
                    status: 400, errorNum: 10)
        assertError(api.send(.post, "/_fabric/f1/_api/database", json: ["name": "f4"]), status: 403, errorNum: 1230)
        assertError(api.send(.get, "/_fabric/f1/_api/database"), status: 403, errorNum: 1230)
        assertError(api.send(.delete, "/_fabric/_system/_api/database/_system"), status: 403, errorNum: 11)
    }

    func testMetadataReplaceAndMerge() throws {
        let api = try APIHarness()
        try api.engine.defaultTenant.createFabric("f1")
        XCTAssertTrue(api.send(.get, "/_fabric/f1/_api/database/metadata").json["result"]["options"]["metadata"] == [:])
        let put = api.send(.put, "/_fabric/f1/_api/database/metadata", body: #"{"metadata": {"foo": "bar", "n": 1}}"#)
        assertSuccess(put, status: 201)
        XCTAssertEqual(put.json["result"], true)
        api.send(.patch, "/_fabric/f1/_api/database/metadata", body: #"{"metadata": {"foo": "baz"}}"#)
        let metadata = api.send(.get, "/_fabric/f1/_api/database/metadata").json["result"]["options"]["metadata"]
        XCTAssertEqual(metadata["foo"], "baz")
        XCTAssertEqual(metadata["n"], 1)
        api.send(.put, "/_fabric/f1/_api/database/metadata", body: #"{"metadata": {"only": true}}"#)
        XCTAssertEqual(api.send(.get, "/_fabric/f1/_api/database/metadata").json["result"]["options"]["metadata"].jsonString(), #"{"only":true}"#)
        assertError(api.send(.put, "/_fabric/f1/_api/database/metadata", body: #"{"foo": 1}"#), status: 400, errorNum: 10)
    }

    func testSpotRegionOfAFabric() throws {
        let api = try APIHarness()
        try api.engine.defaultTenant.createFabric("f1", options: FabricOptions(dcList: ["us-east", "eu-west"]))
        assertSuccess(api.send(.put, "/_fabric/f1/database/eu-west"), status: 200)
        XCTAssertEqual(try api.engine.defaultTenant.fabric("f1").options.spotDc, "eu-west")
        assertError(api.send(.put, "/_fabric/f1/database/mars"), status: 404, errorNum: 102024)
    }
}

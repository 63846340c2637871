import C8Core
import C8Net
import Foundation
import XCTest

/// `c8 serve --regions` serves a federation: one line per region, the Host
/// header picks the region, writes replicate between them, and the
/// simulator API drives the links.
final class ServeRegionsTests: XCTestCase {
    func testServeWithTwoRegionsRoutesByHostAndReplicates() throws {
        let session = try ServeSession(["--regions", "north,south"])
        _ = try session.server.waitForLine(containing: "c8 serve: region north at api-north.localhost (local), data dir ")
        _ = try session.server.waitForLine(containing: "c8 serve: region south at api-south.localhost")

        let south = [("Host", "api-south.localhost")]
        let datacenters = try JSON.parse(try session.send(.get, "/datacenter/all", headers: south).body)
        XCTAssertEqual(datacenters.arrayValue?.map { $0["name"] }, ["north", "south"])
        XCTAssertEqual(datacenters.arrayValue?.map { $0["local"] }, [false, true])

        let simulator = try session.send(.get, "/_api/simulator", headers: south)
        XCTAssertEqual(simulator.status, 200)
        XCTAssertEqual(try JSON.parse(simulator.body)["regions"].arrayValue?.map { $0["name"] }, ["north", "south"])

        let created = try session.send(.post, "/_api/collection", #"{"name": "people"}"#, headers: [("Host", "api-north.localhost")])
        XCTAssertEqual(created.status, 200)
        XCTAssertEqual(created.headers["x-gdn-region"], "north.localhost")
        var seen = 0
        let deadline = Date().addingTimeInterval(10)
        repeat {
            Thread.sleep(forTimeInterval: 0.05)
            seen = try session.send(.get, "/_api/collection/people", headers: south).status
        } while seen != 200 && Date() < deadline
        XCTAssertEqual(seen, 200, "the collection reaches south over the simulated link")

        let down = try session.send(.post, "/_api/simulator/region/south/down", headers: south)
        XCTAssertEqual(down.status, 200)
        XCTAssertEqual(try session.send(.get, "/_api/collection/people", headers: south).status, 503)
        XCTAssertEqual(try session.server.terminate(), 0, "the federation closes cleanly")
    }

    func testWithoutRegionsANewDataDirectoryServesTheThreeDefaults() throws {
        let session = try ServeSession()
        _ = try session.server.waitForLine(containing: "c8 serve: region us-east at api-us-east.localhost (local)")
        _ = try session.server.waitForLine(containing: "c8 serve: region eu-west at api-eu-west.localhost")
        _ = try session.server.waitForLine(containing: "c8 serve: region ap-south at api-ap-south.localhost")
        let status = try session.json(.get, "/_api/simulator")
        XCTAssertEqual(status.json["regions"].arrayValue?.map { $0["name"] }, ["us-east", "eu-west", "ap-south"])
        XCTAssertEqual(try session.server.terminate(), 0)
    }
}

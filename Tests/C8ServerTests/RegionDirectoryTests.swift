@testable import C8Server
import XCTest

final class RegionDirectoryTests: XCTestCase {
    let regions = RegionDirectory(domain: "c8.test", names: ["us-east", "eu-west"])

    func testHostSelectsItsRegion() {
        XCTAssertEqual(regions.region(forHost: "api-eu-west.c8.test"), "eu-west")
        XCTAssertEqual(regions.region(forHost: "eu-west.c8.test"), "eu-west")
        XCTAssertEqual(regions.region(forHost: "api-us-east.c8.test"), "us-east")
    }

    func testBareDomainAddressesAndStrangersGoToTheLocalRegion() {
        XCTAssertEqual(regions.region(forHost: "api-c8.test"), "us-east")
        XCTAssertEqual(regions.region(forHost: "c8.test"), "us-east")
        XCTAssertEqual(regions.region(forHost: "127.0.0.1"), "us-east")
        XCTAssertEqual(regions.region(forHost: "localhost"), "us-east")
        XCTAssertEqual(regions.region(forHost: "::1"), "us-east")
        XCTAssertEqual(regions.region(forHost: "api-mars.c8.test"), "us-east")
        XCTAssertEqual(regions.region(forHost: nil), "us-east")
    }

    func testURLsCarryThePortUnlessStandard() {
        XCTAssertEqual(regions.url(of: "eu-west", port: 443), "eu-west.c8.test")
        XCTAssertEqual(regions.url(of: "eu-west", port: 80), "eu-west.c8.test")
        XCTAssertEqual(regions.url(of: "eu-west", port: 8529), "eu-west.c8.test:8529")
    }

    func testLocalhostDomainKeepsItsShape() {
        let local = RegionDirectory(domain: "localhost", names: ["r1"])
        XCTAssertEqual(local.region(forHost: "api-localhost"), "r1")
        XCTAssertEqual(local.region(forHost: "api-r1.localhost"), "r1")
        XCTAssertEqual(local.datacenter("r1", serving: "r1", port: 8080)["tags"]["api"], "api-r1.localhost:8080")
    }
}

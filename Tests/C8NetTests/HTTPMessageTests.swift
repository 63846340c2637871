@testable import C8Net
import XCTest

final class HTTPMessageTests: XCTestCase {
    func testHeaderLookupIgnoresCaseAndKeepsOrder() {
        var headers = HTTPHeaders([("Content-Type", "a"), ("X-One", "1"), ("x-one", "2")])
        XCTAssertEqual(headers["content-type"], "a")
        XCTAssertEqual(headers.values("X-ONE"), ["1", "2"])
        headers.set("x-One", "3")
        XCTAssertEqual(headers.values("x-one"), ["3"])
        XCTAssertEqual(headers.fields.map(\.name), ["Content-Type", "x-One"])
    }

    func testKeepAliveDefaultsPerVersion() {
        func request(_ version: HTTPVersion, _ connection: String?) -> HTTPRequest {
            var headers = HTTPHeaders()
            if let connection { headers.add("Connection", connection) }
            return HTTPRequest(method: .get, target: "/", version: version, headers: headers)
        }
        XCTAssertTrue(request(.http1_1, nil).keepsAlive)
        XCTAssertFalse(request(.http1_1, "close").keepsAlive)
        XCTAssertFalse(request(.http1_1, "Upgrade, Close").keepsAlive)
        XCTAssertFalse(request(.http1_0, nil).keepsAlive)
        XCTAssertTrue(request(.http1_0, "Keep-Alive").keepsAlive)
    }

    func testTargetSplitsIntoPathQueryAndHostName() {
        var request = HTTPRequest(method: .get, target: "/_fabric/f/_api/document/c?silent=True&x=1")
        request.headers.add("Host", "API-us-east.localhost:8529")
        XCTAssertEqual(request.rawPath, "/_fabric/f/_api/document/c")
        XCTAssertEqual(request.rawQuery, "silent=True&x=1")
        XCTAssertEqual(request.hostName, "api-us-east.localhost")
        request.headers.set("Host", "[::1]:80")
        XCTAssertEqual(request.hostName, "::1")
    }
}

import C8Core
import C8Net
@testable import C8Server
import XCTest

final class ErrorResponseTests: XCTestCase {
    func testErrorBodyHasTheProtocolShapeAndStatus() throws {
        let response = HTTPResponse.error(C8Error(code: 404, errorNum: 1203, message: "collection or view not found: nope"))
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(response.headers["content-type"], "application/json; charset=utf-8")
        let body = try JSON.parse(response.body)
        XCTAssertEqual(body, .object(["error": .bool(true), "code": .number(404), "errorNum": .number(1203),
                                      "errorMessage": .string("collection or view not found: nope")]))
    }
}

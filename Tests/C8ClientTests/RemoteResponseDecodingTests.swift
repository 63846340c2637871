@testable import C8Client
import C8Core
import C8Net
import XCTest

/// What RemoteConnection makes of answers that are not the C8 API's own:
/// a proxy's HTML error page, a body that is not JSON, a bare status.
final class RemoteResponseDecodingTests: XCTestCase {
    private func decodingError(_ status: Int, _ body: String) -> C8Error? {
        do {
            _ = try RemoteTransport.decode(HTTPResponse(status: status, body: Array(body.utf8)), endpoint: "http://h:1")
            return nil
        } catch {
            return error
        }
    }

    func testTheErrorEnvelopeBecomesTheSameC8Error() {
        let error = decodingError(404, #"{"error":true,"code":404,"errorNum":1203,"errorMessage":"collection or view not found: x"}"#)
        XCTAssertEqual(error, C8Error(code: 404, errorNum: 1203, message: "collection or view not found: x"))
    }

    func testAnErrorStatusWithoutEnvelopeKeepsTheStatus() {
        let error = decodingError(502, "<html>Bad Gateway</html>")
        XCTAssertEqual(error?.code, 502)
        XCTAssertEqual(error?.errorNum, 502)
        XCTAssertEqual(error?.message, "http://h:1 answered HTTP 502")
    }

    func testASuccessThatIsNotJSONIsRefused() {
        let error = decodingError(200, "<html>")
        XCTAssertEqual(error?.errorNum, ErrorCode.corruptedJSON.rawValue)
        XCTAssertTrue(error?.message.hasPrefix("http://h:1 answered HTTP 200 with a body that is not JSON") == true)
    }

    func testEmptyBodiesAreNull() throws {
        XCTAssertEqual(try RemoteTransport.decode(HTTPResponse(status: 204), endpoint: "x"), .null)
        XCTAssertEqual(try RemoteTransport.decode(HTTPResponse(status: 200, body: Array("[1]".utf8)), endpoint: "x"), [1])
    }

    func testPathSegmentsAreEncoded() {
        XCTAssertEqual(RemotePath.api("my fabric", "document", "c", "a/b:c@d%"),
                       "/_fabric/my%20fabric/_api/document/c/a%2Fb%3Ac%40d%25")
        XCTAssertEqual(RemotePath.api("_system", "index", query: [("collection", "x&y=z")]),
                       "/_fabric/_system/_api/index?collection=x%26y%3Dz")
        XCTAssertEqual(RemotePath.encode("ü"), "%C3%BC")
    }
}

import C8Core
import C8Net
@testable import C8Server
import XCTest

/// What failing requests are told (issue 10): the error shape and number,
/// never a file path, an error dump or a stack trace.
final class ErrorDisclosureTests: XCTestCase {
    /// What a response must never contain.
    private func assertDiscloses(nothingOf response: HTTPResponse, file: StaticString = #filePath, line: UInt = #line) {
        let text = String(decoding: response.body, as: UTF8.self)
        for marker in ["/tmp/", "/srv/", "/home/", "/work/", ".swift", "UserInfo", "NSFilePath", "Stack", "Fatal error", "0x0000"] {
            XCTAssertFalse(text.contains(marker), "\(marker) in \(text)", file: file, line: line)
        }
    }

    func testServerErrorsLeaveOutPathsAndErrorDumps() throws {
        let missing = NSTemporaryDirectory() + "c8-missing-\(UUID().uuidString)/table.sst"
        let cocoa = try { () throws -> C8Error in
            do {
                _ = try Data(contentsOf: URL(fileURLWithPath: missing))
                throw XCTSkip("the file exists")
            } catch let error as XCTSkip {
                throw error
            } catch {
                return C8Error.wrap(error)
            }
        }()
        XCTAssertTrue(cocoa.message.contains("c8-missing"), "the raw message names the file: \(cocoa.message)")
        let wired = HTTPResponse.error(cocoa)
        XCTAssertEqual(wired.status, 500)
        assertDiscloses(nothingOf: wired)
        XCTAssertFalse(String(decoding: wired.body, as: UTF8.self).contains("c8-missing"))

        let rocks = HTTPResponse.error(C8Error(.internalError, "IO error: /srv/c8/data/000123.sst: No space left on device"))
        let body = try JSON.parse(rocks.body)
        XCTAssertEqual(body["errorNum"].intValue, 4)
        XCTAssertEqual(body["errorMessage"].stringValue, "IO error: <path>: No space left on device", "what, not where")
        assertDiscloses(nothingOf: rocks)
    }

    func testClientErrorsKeepTheirMessages() throws {
        let error = C8Error(code: 404, errorNum: 404, message: "unknown path /_api/nothing/here")
        XCTAssertEqual(try JSON.parse(HTTPResponse.error(error).body)["errorMessage"].stringValue, "unknown path /_api/nothing/here")
    }

    /// Failure paths of the real API: bad JSON, an unknown route, a
    /// missing document, a bad query, a body of the wrong type.
    func testFailingRequestsDiscloseNothingInternal() throws {
        let api = try AuthAPIHarness()
        api.admin(.post, "/_api/collection", body: #"{"name": "docs"}"#)
        let failures: [(HTTPMethod, String, String?, Int)] = [
            (.post, "/_api/collection", "{not json", 400),
            (.post, "/_api/document/docs", #"{"a": "\#u{7}"#, 400),
            (.post, "/_api/document/docs", "[1, 2", 400),
            (.get, "/_api/nothing/here", nil, 404),
            (.get, "/_api/document/docs/missing", nil, 404),
            (.get, "/_api/document/nope/missing", nil, 404),
            (.post, "/_api/cursor", #"{"query": "FOR d IN RETURN"}"#, 400),
            (.post, "/_api/cursor", #"{"query": 5}"#, 400),
            (.post, "/_open/auth", "\u{0}\u{1}", 400),
        ]
        for (method, path, body, status) in failures {
            let reply = api.admin(method, path, body: body)
            XCTAssertEqual(reply.status, status, "\(method.rawValue) \(path): \(reply.json.jsonString())")
            XCTAssertEqual(reply.json["error"], true, path)
            XCTAssertNotNil(reply.json["errorNum"].intValue, path)
            let text = reply.json.jsonString()
            for marker in ["/tmp/", "/work/", ".swift", "UserInfo", "Fatal error"] {
                XCTAssertFalse(text.contains(marker), "\(marker) in \(method.rawValue) \(path): \(text)")
            }
        }
    }
}

import C8Core
import Foundation
import XCTest

/// `c8 serve` expires TTL-indexed documents while it runs, as the console
/// does for its embedded data: nothing else would remove them.
final class ServeTTLTests: XCTestCase {
    func testServerRemovesExpiredDocuments() throws {
        let session = try ServeSession()
        let api = "/_fabric/_system/_api"
        XCTAssertLessThan(try session.json(.post, api + "/collection", #"{"name": "sessions"}"#).status, 300)
        let index = try session.json(.post, api + "/index?collection=sessions", #"{"type": "ttl", "fields": ["at"], "expireAfter": 0}"#)
        XCTAssertLessThan(index.status, 300, index.json.jsonString())
        // One long expired, one far in the future: only the first may go.
        let documents = #"[{"_key": "old", "at": 1000}, {"_key": "new", "at": 4000000000}]"#
        XCTAssertLessThan(try session.json(.post, api + "/document/sessions", documents).status, 300)

        // The reaper runs every second; allow it a few.
        var keys: [JSON] = []
        let deadline = Date().addingTimeInterval(15)
        repeat {
            Thread.sleep(forTimeInterval: 0.2)
            let reply = try session.json(.post, api + "/cursor", #"{"query": "FOR s IN sessions SORT s._key RETURN s._key"}"#)
            keys = reply.json["result"].arrayValue ?? []
        } while keys.count > 1 && Date() < deadline
        XCTAssertEqual(keys, ["new"], "the expired document is removed, the live one stays")
        XCTAssertEqual(try session.server.terminate(), 0, "the reaper stops with the server")
    }
}

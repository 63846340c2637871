import C8Core
import C8Engine
import C8Net
@testable import C8Server
import XCTest

/// Document reads answered on the event loop: only cached documents, with
/// exactly the worker path's status, headers and body; everything else is
/// handed back (nil).
final class DocumentReadOnEventLoopTests: XCTestCase {
    private let base = "/_fabric/_system/_api/document/c"
    private let peer = PeerInfo(address: "127.0.0.1", port: 50000, isTLS: false, localPort: 8529)

    private func harness(gate: (any AccessGate)? = nil) throws -> APIHarness {
        let api = try APIHarness(gate: gate)
        try api.fabric.createCollection("c").insert(["_key": "k1", "a": 1, "s": "é\"x"])
        return api
    }

    private func request(_ method: HTTPMethod, _ target: String, _ extra: [(String, String)] = []) -> HTTPRequest {
        HTTPRequest(method: method, target: target, headers: HTTPHeaders([("Host", "api-c8.test")] + extra))
    }

    private func onLoop(_ api: APIHarness, _ request: HTTPRequest) -> HTTPResponse? {
        api.handler.respondOnEventLoop(to: request, peer: peer)
    }

    /// The headers but the per-request id.
    private func stableHeaders(_ response: HTTPResponse) -> [String] {
        response.headers.filter { $0.name != "x-gdn-requestid" }.map { "\($0.name): \($0.value)" }
    }

    func testCachedDocumentIsAnsweredAsTheWorkerWould() throws {
        let api = try harness()
        let get = request(.get, base + "/k1")
        XCTAssertNil(onLoop(api, get), "not cached yet: handed to a worker")
        let worker = api.handler.handle(get, peer: peer)  // reads storage, fills the cache
        XCTAssertEqual(worker.status, 200)
        let loop = try XCTUnwrap(onLoop(api, get))
        XCTAssertEqual(loop.status, 200)
        XCTAssertEqual(loop.body, worker.body)
        XCTAssertEqual(stableHeaders(loop), stableHeaders(worker))
        XCTAssertNotNil(loop.headers["x-gdn-requestid"])
        XCTAssertEqual(try JSON.parse(loop.body)["s"], "é\"x")

        let head = try XCTUnwrap(onLoop(api, request(.head, base + "/k1")))
        XCTAssertEqual(head.status, 200)
        XCTAssertTrue(head.body.isEmpty)

        let etag = try XCTUnwrap(worker.headers["ETag"])
        let notModified = try XCTUnwrap(onLoop(api, request(.get, base + "/k1", [("If-None-Match", etag)])))
        XCTAssertEqual(notModified.status, 304)
    }

    func testEverythingElseIsHandedBack() throws {
        let api = try harness()
        _ = api.handler.handle(request(.get, base + "/k1"), peer: peer)
        XCTAssertNil(onLoop(api, request(.get, base + "/missing")))
        XCTAssertNil(onLoop(api, request(.get, base + "/k1", [("If-Match", "\"other\"")])))
        XCTAssertNil(onLoop(api, request(.get, "/_fabric/_system/_api/document/nope/k1")))
        XCTAssertNil(onLoop(api, request(.delete, base + "/k1")))
        XCTAssertNil(onLoop(api, request(.get, "/_api/version")))

        api.send(.patch, base + "/k1", json: ["a": 2])
        XCTAssertNil(onLoop(api, request(.get, base + "/k1")), "the write dropped the cached copy")
        XCTAssertEqual(api.send(.get, base + "/k1").json["a"], 2)
        XCTAssertEqual(try JSON.parse(try XCTUnwrap(onLoop(api, request(.get, base + "/k1"))).body)["a"], 2)
    }

    func testRefusedCallersAreHandedBack() throws {
        let api = try harness(gate: RefusingGate())  // HandlerPlumbingTests': 401 for everyone
        XCTAssertNotNil(try api.fabric.collection("c").documentText("k1"))  // now cached
        XCTAssertNil(onLoop(api, request(.get, base + "/k1")))
        XCTAssertEqual(api.handler.handle(request(.get, base + "/k1"), peer: peer).status, 401)
    }
}


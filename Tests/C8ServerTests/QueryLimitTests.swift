import C8Core
import C8Engine
import C8Net
import C8Query
@testable import C8Server
import Foundation
import Synchronization
import XCTest

/// Queries that would use unbounded memory, time or result size are
/// stopped by the server's limits (`c8 serve --query-…`) and the per-query
/// options ArangoDB names (`memoryLimit`, `maxRuntime`), with ArangoDB's
/// errors: 400/32 for a resource limit, 410/1500 for a killed query.
final class QueryLimitTests: XCTestCase {
    private func harness(_ limits: QueryLimits) throws -> C8APIHandler {
        let engine = try Engine.inMemory(defaultTenant: "c8")
        return try C8APIHandler(
            engine: engine,
            configuration: C8APIConfiguration(domain: "c8.test", regions: ["us-east"], tenant: "c8", queryLimits: limits))
    }

    private func cursor(_ handler: C8APIHandler, _ body: JSON) -> APIReply {
        let bytes = Array(body.jsonString().utf8)
        let request = HTTPRequest(method: .post, target: "/_api/cursor",
                                  headers: HTTPHeaders([("Host", "api-c8.test"), ("Content-Length", String(bytes.count))]),
                                  body: bytes)
        return APIReply(handler.handle(request, peer: PeerInfo(address: "127.0.0.1", port: 1, isTLS: false, localPort: 80)))
    }

    /// A subquery of 9 million rows would hold gigabytes.
    private let hugeSubquery = "RETURN LENGTH((FOR a IN 1..3000 FOR b IN 1..3000 RETURN [a, b]))"

    func testServerMemoryLimitStopsAHugeSubquery() throws {
        let handler = try harness(QueryLimits(memoryLimit: 8 << 20))
        let started = Date()
        let reply = cursor(handler, ["query": .string(hugeSubquery)])
        assertError(reply, status: 400, errorNum: 32)
        XCTAssertTrue(reply.json["errorMessage"].stringValue?.contains("memoryLimit") ?? false, "\(reply.json)")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        // Small subqueries still run.
        let small = cursor(handler, ["query": "RETURN LENGTH((FOR a IN 1..100 FOR b IN 1..100 RETURN [a, b]))"])
        assertSuccess(small, status: 201)
        XCTAssertEqual(small.json["result"][0].intValue, 10_000)
    }

    func testPerQueryMemoryLimitIsHonouredButCannotExceedTheServers() throws {
        let handler = try harness(QueryLimits(memoryLimit: 8 << 20))
        let query = "FOR i IN 1..20000 SORT i DESC LIMIT 1 RETURN i"
        assertSuccess(cursor(handler, ["query": .string(query)]), status: 201)
        let lowered = cursor(handler, ["query": .string(query), "options": ["memoryLimit": 100_000]])
        assertError(lowered, status: 400, errorNum: 32)
        // Asking for a gigabyte gets the server's 8 MiB.
        let raised = cursor(handler, ["query": .string(hugeSubquery), "options": ["memoryLimit": .int(1 << 30)]])
        assertError(raised, status: 400, errorNum: 32)
    }

    private static let endless = "FOR a IN 1..10000000 FOR b IN 1..1000 FILTER a == b + 0.5 RETURN a"

    func testMaxRuntimeKillsAQueryWith1500() throws {
        let handler = try harness(QueryLimits())
        let started = Date()
        let reply = cursor(handler, ["query": .string(Self.endless), "options": ["maxRuntime": 0.3]])
        let elapsed = Date().timeIntervalSince(started)
        assertError(reply, status: 410, errorNum: 1500)
        XCTAssertTrue(reply.json["errorMessage"].stringValue?.contains("maxRuntime") ?? false, "\(reply.json)")
        XCTAssertGreaterThanOrEqual(elapsed, 0.3)
        XCTAssertLessThan(elapsed, 2.5, "killed soon after its maxRuntime")
    }

    func testServerMaxRuntimeAppliesWithoutAnOptionAndCapsLongerOnes() throws {
        let handler = try harness(QueryLimits(maxRuntime: 0.3))
        for body: JSON in [["query": .string(Self.endless)], ["query": .string(Self.endless), "options": ["maxRuntime": 3600]]] {
            let started = Date()
            assertError(cursor(handler, body), status: 410, errorNum: 1500)
            XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        }
    }

    func testResultSizeBoundsBatchesAndWholeResults() throws {
        let handler = try harness(QueryLimits(maxResultBytes: 100_000))
        let rows = "FOR i IN 1..2000 RETURN {i, s: CONCAT('x', SUBSTRING('\(String(repeating: "y", count: 200))', 0, 200))}"
        // A streamed batch ends early once it holds the limit; the rest follows.
        let first = cursor(handler, ["query": .string(rows), "batchSize": 1000])
        assertSuccess(first, status: 201)
        let firstCount = try XCTUnwrap(first.json["result"].arrayValue).count
        XCTAssertGreaterThan(firstCount, 100)
        XCTAssertLessThan(firstCount, 1000, "the batch stopped at about 100 KB")
        XCTAssertEqual(first.json["hasMore"].boolValue, true)
        // The whole result at once (count) is over the limit: 32.
        assertError(cursor(handler, ["query": .string(rows), "count": true]), status: 400, errorNum: 32)
        // So is one result larger than the limit.
        assertError(cursor(handler, ["query": "RETURN (FOR i IN 1..50000 RETURN i)"]), status: 400, errorNum: 32)
    }

    /// One caller's heavy queries do not starve others: with two heavy
    /// queries running on the server's worker pool, a cheap query over
    /// another connection is answered promptly.
    func testHeavyQueriesDoNotStarveACheapOne() throws {
        let handler = try harness(QueryLimits(maxRuntime: 3))
        var configuration = HTTPServerConfiguration(listeners: [HTTPListenerConfiguration(host: "127.0.0.1", port: 0)])
        configuration.log = .disabled
        let server = HTTPServer(configuration: configuration, handler: handler)
        try server.start()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(try XCTUnwrap(server.port))"
        let heavyDone = DispatchGroup()
        let heavyStatuses = Mutex<[Int]>([])
        for _ in 0..<2 {
            heavyDone.enter()
            Thread {
                defer { heavyDone.leave() }
                let client = try? HTTPClient(baseURL: base)
                let status = (try? client?.send(Self.post(QueryLimitTests.endless)))??.status ?? 0
                heavyStatuses.withLock { $0.append(status) }
            }.start()
        }
        usleep(300_000) // the heavy queries are running
        let client = try HTTPClient(baseURL: base)
        var latencies: [Double] = []
        for _ in 0..<10 {
            let started = Date()
            let response = try client.send(Self.post("RETURN 1 + 1"))
            latencies.append(Date().timeIntervalSince(started))
            XCTAssertEqual(response.status, 201)
        }
        XCTAssertLessThan(latencies.max()!, 1.0, "cheap query latencies while heavy ones run: \(latencies)")
        XCTAssertEqual(heavyDone.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(heavyStatuses.withLock { $0 }, [410, 410], "the heavy queries were killed by maxRuntime")
    }

    private static func post(_ query: String) -> HTTPRequest {
        let body = Array(JSON.object(["query": .string(query)]).jsonString().utf8)
        return HTTPRequest(method: .post, target: "/_api/cursor",
                           headers: HTTPHeaders([("Host", "api-c8.test"), ("Content-Length", String(body.count))]), body: body)
    }
}

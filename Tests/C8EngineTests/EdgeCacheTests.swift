import C8Core
@testable import C8Engine
import C8Storage
import XCTest

/// The engine's edge cache behind ``EdgeLinkReader``: a cached edge list
/// equals what the edge index holds, every kind of write is seen by the
/// next walk, and a walk whose iterator is older than a write never caches
/// what that iterator saw — on both storage engines.
class EdgeCacheTests: EngineTestCase {
    func makeEngine(limits: EngineLimits) throws -> Engine { try Engine.inMemory(limits: limits) }

    func graph(cacheBytes: Int = 4 << 20) throws -> (Engine, DocumentCollection) {
        var limits = EngineLimits()
        limits.edgeCacheBytes = cacheBytes
        let engine = try makeEngine(limits: limits)
        let knows = try engine.fabric().createCollection("knows", options: CollectionOptions(type: .edge))
        let edges: [JSON] = [
            ["_key": "e1", "_from": "v/1", "_to": "v/2"],
            ["_key": "e2", "_from": "v/1", "_to": "v/3"],
            ["_key": "e3", "_from": "v/2", "_to": "v/1"],
            ["_key": "e4", "_from": "v/10", "_to": "v/1"],
        ]
        for case .failure(let error) in try knows.insert(many: edges) { throw error }
        return (engine, knows)
    }

    let vertices = ["v/1", "v/2", "v/3", "v/10", "v/99"]

    /// Each vertex's list in each direction through a fresh reader, as
    /// `from>to` of each link, checked against the edge index read directly.
    func walk(_ knows: DocumentCollection, file: StaticString = #filePath, line: UInt = #line) throws -> [String: [String]] {
        let reader = try knows.edgeLinkReader()
        var links: [EdgeLink] = []
        var lists: [String: [String]] = [:]
        for vertex in vertices {
            for direction in [EdgeIndex.Direction.outbound, .inbound, .any] {
                reader.links(of: vertex, direction: direction, into: &links)
                XCTAssertEqual(links, try knows.edgeLinks(of: vertex, direction: direction), "\(vertex) \(direction)", file: file, line: line)
                lists["\(vertex) \(direction)"] = links.map { "\($0.key):\($0.ends?.from ?? "?")>\($0.ends?.to ?? "?")" }
            }
        }
        return lists
    }

    func testASecondWalkIsServedFromTheCacheWithTheSameLists() throws {
        let (engine, knows) = try graph()
        let cold = try walk(knows)
        let afterCold = engine.edgeCacheStatistics
        XCTAssertEqual(afterCold.hits, UInt64(2 * vertices.count), "only the halves of any, read after each direction alone")
        XCTAssertEqual(afterCold.entries, 2 * vertices.count, "every list cached, the empty ones too")
        let warm = try walk(knows)
        XCTAssertEqual(warm, cold)
        XCTAssertEqual(engine.edgeCacheStatistics.hits - afterCold.hits, UInt64(4 * vertices.count),
                       "outbound, inbound and both halves of any")
        XCTAssertEqual(engine.edgeCacheStatistics.misses, afterCold.misses)
        XCTAssertEqual(warm["v/1 outbound"], ["e1:v/1>v/2", "e2:v/1>v/3"])
        XCTAssertEqual(warm["v/1 inbound"], ["e3:v/2>v/1", "e4:v/10>v/1"])
        XCTAssertEqual(warm["v/99 any"], [])
    }

    func testEveryKindOfEdgeWriteIsSeenByTheNextWalk() throws {
        let (_, knows) = try graph()
        _ = try walk(knows)
        _ = try knows.insert(["_key": "e5", "_from": "v/3", "_to": "v/1"])
        XCTAssertEqual(try walk(knows)["v/1 inbound"], ["e3:v/2>v/1", "e4:v/10>v/1", "e5:v/3>v/1"])
        _ = try knows.update(DocumentSelector(key: "e1"), with: ["_to": "v/99"])
        var lists = try walk(knows)
        XCTAssertEqual(lists["v/1 outbound"], ["e1:v/1>v/99", "e2:v/1>v/3"])
        XCTAssertEqual(lists["v/2 inbound"], [], "the old end loses the edge")
        XCTAssertEqual(lists["v/99 inbound"], ["e1:v/1>v/99"])
        _ = try knows.replace(DocumentSelector(key: "e2"), with: ["_from": "v/10", "_to": "v/3"])
        _ = try knows.remove(DocumentSelector(key: "e3"))
        lists = try walk(knows)
        XCTAssertEqual(lists["v/1 outbound"], ["e1:v/1>v/99"])
        XCTAssertEqual(lists["v/10 outbound"], ["e2:v/10>v/3", "e4:v/10>v/1"])
        XCTAssertEqual(lists["v/2 outbound"], [])
        _ = try knows.bulkInsert([["_key": "e6", "_from": "v/2", "_to": "v/3"]])
        XCTAssertEqual(try walk(knows)["v/2 outbound"], ["e6:v/2>v/3"])
        try knows.truncate()
        XCTAssertTrue(try walk(knows).values.allSatisfy(\.isEmpty))
    }

    func testAWalkWhoseIteratorPredatesAWriteCachesNothingItRead() throws {
        let (engine, knows) = try graph()
        let early = try knows.edgeLinkReader()
        var links: [EdgeLink] = []
        early.links(of: "v/2", direction: .outbound, into: &links)  // makes its iterator: the store as it is now
        _ = try knows.insert(["_key": "e7", "_from": "v/1", "_to": "v/10"])
        early.links(of: "v/1", direction: .outbound, into: &links)  // a miss read through the older iterator
        XCTAssertEqual(links.map(\.key), ["e1", "e2"], "the walk sees the store as its iterator does")
        let cached = engine.edgeCacheStatistics.entries
        let fresh = try knows.edgeLinkReader()
        fresh.links(of: "v/1", direction: .outbound, into: &links)
        XCTAssertEqual(links.map(\.key), ["e1", "e2", "e7"], "the next walk sees the write")
        XCTAssertEqual(engine.edgeCacheStatistics.entries, cached + 1, "cached by the fresh walk, not the early one")
    }

    func testWithoutACacheWalksReadStorage() throws {
        let (engine, knows) = try graph(cacheBytes: 0)
        let first = try walk(knows)
        _ = try knows.remove(DocumentSelector(key: "e1"))
        XCTAssertEqual(try walk(knows)["v/1 outbound"], ["e2:v/1>v/3"])
        XCTAssertEqual(first["v/1 outbound"], ["e1:v/1>v/2", "e2:v/1>v/3"])
        XCTAssertEqual(engine.edgeCacheStatistics, DocumentCacheStatistics())
    }
}

final class EdgeCacheRocksDBTests: EdgeCacheTests {
    private var directory: String?

    override func makeEngine(limits: EngineLimits) throws -> Engine {
        let directory = temporaryDirectory().path
        self.directory = directory
        return try Engine.open(directory: directory, limits: limits)
    }

    func testAReopenedStoreStartsColdAndAnswersTheSame() throws {
        let (engine, knows) = try graph()
        let before = try walk(knows)
        engine.close()
        let reopened = try Engine.open(directory: try XCTUnwrap(directory))
        defer { reopened.close() }
        XCTAssertEqual(try walk(try reopened.fabric().collection("knows")), before)
        XCTAssertEqual(reopened.edgeCacheStatistics.misses, UInt64(2 * vertices.count))
    }
}

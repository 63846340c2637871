import C8Core
import C8Engine
import C8Storage
import XCTest

/// One reader, one iterator per direction, seeked from vertex to vertex
/// (``EdgeLinkReader``): it must answer for every vertex, in any order,
/// what a fresh range read (``EdgeIndex/links(of:direction:in:)``) answers.
final class EdgeLinkReaderTests: IndexTestCase {
    private let index = EdgeIndex(definition: EdgeIndex.definition(objectId: 7))
    /// Vertex ids that are prefixes of each other (`v/1`, `v/10`, `v/100`):
    /// a vertex's entries must end where its own `_id` does.
    private let edges: [(key: String, document: JSON)] = [
        ("e1", ["_from": "v/1", "_to": "v/10"]),
        ("e2", ["_from": "v/10", "_to": "v/1"]),
        ("e3", ["_from": "v/100", "_to": "v/1"]),
        ("e4", ["_from": "v/1", "_to": "v/1"]),
        ("e5", ["_from": "v/10", "_to": "v/100"]),
        ("e6", ["_from": "v/2", "_to": "v/10"]),
    ]

    func testReaderAnswersAsFreshRangeReadsInAnyOrder() throws {
        for storage in [try makeStorage(), try makeRocksDB()] {
            try self.index(edges, with: index, in: storage)
            let reader = EdgeLinkReader(index: index, storage: storage)
            var links: [EdgeLink] = []
            // Forward and backward through the keys, repeats and unknown vertices included.
            let order = ["v/1", "v/10", "v/100", "v/2", "v/3", "v/100", "v/10", "v/1", "v/0", "v/1"]
            for vertex in order {
                for direction in [EdgeIndex.Direction.outbound, .inbound, .any] {
                    reader.links(of: vertex, direction: direction, into: &links)
                    XCTAssertEqual(links, index.links(of: vertex, direction: direction, in: storage), "\(vertex) \(direction)")
                }
            }
            reader.links(of: "v/1", direction: .any, into: &links)
            XCTAssertEqual(links.map(\.key), ["e1", "e2", "e3", "e4"], "the loop e4 once")
        }
    }
}

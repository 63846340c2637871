import C8Core
import C8Engine
import C8Storage
import XCTest

final class EdgeIndexTests: IndexTestCase {
    private let edges: [(key: String, document: JSON)] = [
        ("e3", ["_from": "v/1", "_to": "v/2"]),
        ("e1", ["_from": "v/1", "_to": "v/3"]),
        ("e2", ["_from": "v/2", "_to": "v/1"]),
        ("e4", ["_from": "v/1", "_to": "v/1"]),
        ("e5", ["_from": "v/10", "_to": "v/1"]),
    ]

    private func makeIndex() -> EdgeIndex {
        EdgeIndex(definition: EdgeIndex.definition(objectId: 7))
    }

    func testDefinition() {
        let definition = EdgeIndex.definition(objectId: 12)
        XCTAssertEqual(definition.type, .edge)
        XCTAssertEqual(definition.localId, 1)
        XCTAssertEqual(definition.name, "edge")
        XCTAssertEqual(definition.fields.map(\.description), ["_from", "_to"])
        XCTAssertEqual(definition.objectId, 12)
    }

    func testEntriesForBothDirections() {
        let entries = makeIndex().entries(for: ["_from": "a/1", "_to": "b/2"], key: "e")
        XCTAssertEqual(entries.map(\.key), [
            entryKey([], rawSuffix: [0x01] + IndexKeyEncoding.encode("a/1") + IndexKeyEncoding.encode("e")),
            entryKey([], rawSuffix: [0x02] + IndexKeyEncoding.encode("b/2") + IndexKeyEncoding.encode("e")),
        ])
        // The value: `_key`, 0x00, the other end (what walking needs without the edge).
        XCTAssertEqual(entries.map(\.value), [Array("e".utf8) + [0] + Array("b/2".utf8), Array("e".utf8) + [0] + Array("a/1".utf8)])
        XCTAssertEqual(makeIndex().entries(for: ["_from": "a/1"], key: "e").count, 1)
    }

    func testLookupsByDirectionInKeyOrder() throws {
        let storage = try makeStorage()
        let index = makeIndex()
        try self.index(edges, with: index, in: storage)
        XCTAssertEqual(index.edges(of: "v/1", direction: .outbound, in: storage), ["e1", "e3", "e4"])
        XCTAssertEqual(index.edges(of: "v/1", direction: .inbound, in: storage), ["e2", "e4", "e5"])
        XCTAssertEqual(index.edges(of: "v/1", direction: .any, in: storage), ["e1", "e2", "e3", "e4", "e5"], "the loop e4 once")
        XCTAssertEqual(index.edges(of: "v/10", direction: .outbound, in: storage), ["e5"], "v/1 is not a prefix match of v/10")
        XCTAssertEqual(index.edges(of: "v/3", direction: .outbound, in: storage), [])
        XCTAssertEqual(index.edges(of: "v/3", direction: .any, in: storage), ["e1"])
    }

    func testRemovedEdgesDisappear() throws {
        let storage = try makeStorage()
        let index = makeIndex()
        try self.index(edges, with: index, in: storage)
        try unindex("e4", edges[3].document, with: index, in: storage)
        XCTAssertEqual(index.edges(of: "v/1", direction: .any, in: storage), ["e1", "e2", "e3", "e5"])
    }
}

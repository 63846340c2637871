import C8Core
import C8Engine
import C8Storage
import XCTest

/// The edge index entries carry both ends of an edge (``EdgeLink``), so a
/// traversal can walk without reading edge documents: the links must say
/// what the documents say, through writes, and entries written before the
/// ends were stored must still be read (without ends).
final class EdgeLinkTests: IndexTestCase {
    private let index = EdgeIndex(definition: EdgeIndex.definition(objectId: 7))
    private let edges: [(key: String, document: JSON)] = [
        ("e3", ["_from": "v/1", "_to": "v/2"]),
        ("e1", ["_from": "v/1", "_to": "v/3"]),
        ("e2", ["_from": "v/2", "_to": "v/1"]),
        ("e4", ["_from": "v/1", "_to": "v/1"]),
    ]

    private func ends(_ links: [EdgeLink]) -> [String] {
        links.map { "\($0.key):\($0.ends?.from ?? "?")>\($0.ends?.to ?? "?")" }
    }

    func testLinksCarryBothEndsInEveryDirection() throws {
        for storage in [try makeStorage(), try makeRocksDB()] {
            try self.index(edges, with: index, in: storage)
            XCTAssertEqual(ends(index.links(of: "v/1", direction: .outbound, in: storage)), ["e1:v/1>v/3", "e3:v/1>v/2", "e4:v/1>v/1"])
            XCTAssertEqual(ends(index.links(of: "v/1", direction: .inbound, in: storage)), ["e2:v/2>v/1", "e4:v/1>v/1"])
            XCTAssertEqual(ends(index.links(of: "v/1", direction: .any, in: storage)),
                           ["e1:v/1>v/3", "e2:v/2>v/1", "e3:v/1>v/2", "e4:v/1>v/1"], "the loop e4 once")
            XCTAssertEqual(index.links(of: "v/9", direction: .any, in: storage), [])
        }
    }

    func testEntriesWrittenWithoutTheOtherEndAreReadWithoutEnds() throws {
        let storage = try makeStorage()
        var batch = WriteBatch()
        for (key, document) in edges {
            // The layout before the far end was stored: the value is the `_key` alone.
            for entry in index.entries(for: document, key: key) { batch.put(entry.key, Array(key.utf8)) }
        }
        try storage.write(batch, sync: false)
        let links = index.links(of: "v/1", direction: .any, in: storage)
        XCTAssertEqual(links.map(\.key), ["e1", "e2", "e3", "e4"])
        XCTAssertTrue(links.allSatisfy { $0.ends == nil })
        XCTAssertNil(links[0].document(collection: "c", projection: DocumentProjection(["_to"])))
    }

    func testLinksFollowUpdatesAndRemovals() throws {
        let knows = try Engine.inMemory().fabric().createCollection("knows", options: CollectionOptions(type: .edge))
        try knows.insert(["_key": "e1", "_from": "users/a", "_to": "users/b"])
        try knows.insert(["_key": "e2", "_from": "users/a", "_to": "users/c"])
        try knows.update(DocumentSelector(key: "e1"), with: ["_to": "users/d"])
        try knows.replace(DocumentSelector(key: "e2"), with: ["_from": "users/b", "_to": "users/c"])
        XCTAssertEqual(ends(try knows.edgeLinks(of: "users/a", direction: .outbound)), ["e1:users/a>users/d"])
        XCTAssertEqual(ends(try knows.edgeLinks(of: "users/d", direction: .inbound)), ["e1:users/a>users/d"])
        XCTAssertEqual(try knows.edgeLinks(of: "users/b", direction: .inbound), [])
        XCTAssertEqual(ends(try knows.edgeLinks(of: "users/c", direction: .any)), ["e2:users/b>users/c"])
        try knows.remove(DocumentSelector(key: "e1"))
        XCTAssertEqual(try knows.edgeLinks(of: "users/a", direction: .any), [])
        XCTAssertEqual(try knows.verifyConsistency(), [])
    }

    func testLinksAnswerOnlyTheAttributesTheyHold() {
        let link = EdgeLink(key: "e1", ends: EdgeLink.Ends(from: "v/1", to: "v/2"))
        XCTAssertEqual(link.document(collection: "edges", projection: DocumentProjection(["_id", "_from", "_to", "_key"])),
                       ["_id": "edges/e1", "_from": "v/1", "_to": "v/2", "_key": "e1"])
        XCTAssertNil(link.document(collection: "edges", projection: DocumentProjection(["_id", "weight"])))
        XCTAssertNil(link.document(collection: "edges", projection: nil), "the whole edge needs the document")
    }
}

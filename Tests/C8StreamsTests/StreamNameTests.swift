import C8Core
import C8Streams
import Foundation
import XCTest

final class StreamNameTests: XCTestCase {
    func testTopicsAndNamespaces() {
        let global = StreamName(tenant: "t", fabric: "f", kind: .global, name: "ticks")
        XCTAssertEqual(global.topic, "c8globals.ticks")
        XCTAssertEqual(global.namespace, "c8global.f")
        XCTAssertFalse(global.isLocal)
        XCTAssertEqual(global.description, "t/c8global.f/c8globals.ticks")
        let local = StreamName(tenant: "t", fabric: "f", kind: .local, name: "ticks")
        XCTAssertEqual(local.topic, "c8locals.ticks")
        XCTAssertEqual(local.namespace, "c8local.f")
        XCTAssertTrue(local.isLocal)
        let collection = StreamName(tenant: "t", fabric: "f", kind: .collection, name: "users")
        XCTAssertEqual(collection.topic, "users")
        XCTAssertEqual(collection.namespace, "c8local.f")
    }

    func testParseTakesThePrefixOrTheBareKind() throws {
        XCTAssertEqual(try StreamName.parse("c8globals.a", tenant: "t", fabric: "f", bareKind: .local).kind, .global)
        XCTAssertEqual(try StreamName.parse("c8locals.a", tenant: "t", fabric: "f", bareKind: .global).kind, .local)
        let bare = try StreamName.parse("a.b", tenant: "t", fabric: "f", bareKind: .local)
        XCTAssertEqual(bare.kind, .local)
        XCTAssertEqual(bare.name, "a.b")
        XCTAssertEqual(try StreamName.parse("users", tenant: "t", fabric: "f", bareKind: .collection).topic, "users")
    }

    func testParseRefusesBadNames() {
        for text in ["", "c8globals.", "a/b", "a b", String(repeating: "x", count: 231)] {
            XCTAssertThrowsError(try StreamName.parse(text, tenant: "t", fabric: "f", bareKind: .global), text) { error in
                XCTAssertEqual((error as? C8Error)?.errorNum, ErrorCode.illegalName.errorNum)
                XCTAssertEqual((error as? C8Error)?.code, 400)
            }
        }
        XCTAssertNoThrow(try StreamName.parse(String(repeating: "x", count: 230), tenant: "t", fabric: "f", bareKind: .global))
    }

    func testMessageIdsRoundTripAsPulsarProtobuf() {
        for entry: UInt64 in [1, 127, 128, 300, 1 << 40] {
            let id = MessageID(entry: entry)
            XCTAssertEqual(MessageID(text: id.text), id)
        }
        // ledgerId 0, entryId 5: 08 00 10 05
        XCTAssertEqual(MessageID(entry: 5).text, "CAAQBQ==")
        // Pulsar's own ids carry a real ledger and a partition (-1 as a 10-byte varint): the entry is what counts.
        let pulsar: [UInt8] = [0x08, 0xB3, 0x02, 0x10, 0x07, 0x18] + [UInt8](repeating: 0xFF, count: 9) + [0x01]
        XCTAssertEqual(MessageID(text: Data(pulsar).base64EncodedString())?.entry, 7)
        XCTAssertNil(MessageID(text: "not base64!"))
        XCTAssertNil(MessageID(text: Data([0x08]).base64EncodedString()))
        XCTAssertLessThan(MessageID(entry: 2), MessageID(entry: 10))
    }
}

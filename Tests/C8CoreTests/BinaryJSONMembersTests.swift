import C8Core
import XCTest

/// ``BinaryJSON/decodeMembers(_:ofObject:)`` against decoding the whole
/// object and picking the same members.
final class BinaryJSONMembersTests: XCTestCase {
    private let object: JSON = [
        "_key": "k", "a": 1, "nested": ["b": [1, 2, ["c": .null]]], "nul": .null, "s": "x",
        "long": .string(String(repeating: "é", count: 200)), "d": 2.5, "neg": -70, "t": true, "ü": [:],
    ]

    private func decodeMembers(_ names: [String], of value: JSON) throws -> JSONObject {
        let bytes = BinaryJSON.encode(value)
        return try bytes.withUnsafeBufferPointer { buffer in
            try BinaryJSON.decodeMembers(BinaryMemberNames(names), ofObject: buffer)
        }
    }

    func testPicksTheNamedMembersInStoredOrder() throws {
        let names = ["ü", "nested", "missing", "nul", "long", "d", "neg", "t", "nested"]
        let picked = try decodeMembers(names, of: object)
        let expected = object.objectValue!.members.filter { names.contains($0.key) }
        XCTAssertEqual(picked.members.map(\.key), expected.map(\.key))
        XCTAssertEqual(JSON.object(picked), JSON.object(JSONObject(uniqueMembers: expected)))
        XCTAssertNil(picked["missing"])
        XCTAssertEqual(picked["nul"], .null)
    }

    func testNoNamesAndEmptyObjects() throws {
        XCTAssertTrue(try decodeMembers([], of: object).isEmpty)
        XCTAssertTrue(try decodeMembers(["a"], of: [:]).isEmpty)
    }

    func testRejectsWhatIsNotAnObject() throws {
        XCTAssertThrowsError(try decodeMembers(["a"], of: [1, 2]))
        var bytes = BinaryJSON.encode(object)
        bytes.removeLast(3)
        XCTAssertThrowsError(try bytes.withUnsafeBufferPointer { try BinaryJSON.decodeMembers(BinaryMemberNames(["ü"]), ofObject: $0) })
    }
}

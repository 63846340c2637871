import C8Core
import XCTest

/// `BinaryJSON.appendObject`/`appendMember` write what `encode` writes
/// for the same members.
final class BinaryJSONObjectWriterTests: XCTestCase {
    func testMemberByMemberEqualsEncodingTheObject() {
        let objects: [JSONObject] = [
            [:],
            ["a": 1],
            ["_key": "k", "long": .string(String(repeating: "é", count: 200)), "n": [1, 2.5, .null, ["x": true]]],
            JSONObject(uniqueMembers: (0..<300).map { .init("m\($0)", .int(Int64($0) * 1_000_003)) }),
        ]
        for object in objects {
            var buffer = ByteBuffer()
            buffer.append(0xAA)  // appends after what is there
            BinaryJSON.appendObject(count: object.count, into: &buffer) { buffer in
                for member in object.members { BinaryJSON.appendMember(member.key, member.value, into: &buffer) }
            }
            XCTAssertEqual(buffer.takeBytes(), [0xAA] + BinaryJSON.encode(.object(object)))
        }
    }

    func testRemoveAllKeepsTheBufferUsable() {
        var buffer = ByteBuffer(capacity: 16)
        buffer.append(contentsOf: Array(repeating: UInt8(7), count: 100))
        buffer.removeAll()
        XCTAssertEqual(buffer.count, 0)
        buffer.append(1)
        XCTAssertEqual(buffer.takeBytes(), [1])
    }
}

@testable import C8Net
import XCTest

/// Text messages framed into one buffer (stream receipts and deliveries)
/// must be exactly what the frame encoder writes for each: unmasked, final,
/// with the minimal length field whatever size was guessed up front.
final class WebSocketTextBatchTests: XCTestCase {
    func testEachMessageIsFramedAsTheEncoderFramesIt() {
        let lengths = [0, 1, 125, 126, 127, 300, 0xFFFF, 0x10000]
        for guess in [0, 125, 126, 300, 0x10000] {
            var batch = WebSocketTextBatch()
            var expected: [UInt8] = []
            for length in lengths {
                let payload = [UInt8](repeating: UInt8(ascii: "a") + UInt8(length % 26), count: length)
                batch.appendText(expectedLength: guess) { $0.append(contentsOf: payload) }
                WebSocketFrameEncoder.encode(opcode: .text, fin: true, payload: payload, maskingKey: nil, into: &expected)
            }
            XCTAssertEqual(batch.count, lengths.count)
            XCTAssertEqual(batch.bytes, expected, "guessed length \(guess)")
        }
    }

    func testAClientReadsEveryMessageOfABatch() throws {
        var batch = WebSocketTextBatch()
        XCTAssertTrue(batch.isEmpty)
        batch.appendText(utf8: Array(#"{"result":"ok"}"#.utf8))
        batch.appendText(utf8: Array(String(repeating: "é", count: 200).utf8))
        var decoder = WebSocketFrameDecoder(role: .client, maxFrameSize: 1 << 20)
        decoder.append(batch.bytes)
        let first = try XCTUnwrap(decoder.nextFrame())
        let second = try XCTUnwrap(decoder.nextFrame())
        XCTAssertNil(try decoder.nextFrame())
        XCTAssertEqual(String(decoding: first.payload, as: UTF8.self), #"{"result":"ok"}"#)
        XCTAssertEqual(String(decoding: second.payload, as: UTF8.self), String(repeating: "é", count: 200))
        XCTAssertTrue(first.fin && second.fin)
        XCTAssertEqual(first.opcode, .text)
    }
}

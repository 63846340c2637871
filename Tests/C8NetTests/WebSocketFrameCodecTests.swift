@testable import C8Net
import XCTest

/// The frame format of RFC 6455 §5, checked against the RFC's own examples
/// (§5.7) and each rule a single frame must follow.
final class WebSocketFrameCodecTests: XCTestCase {
    private let helloKey = WebSocketMaskingKey([0x37, 0xFA, 0x21, 0x3D])
    private let hello: [UInt8] = Array("Hello".utf8)

    // MARK: RFC 6455 §5.7 examples

    func testUnmaskedHelloMatchesTheRFC() throws {
        let wire: [UInt8] = [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]
        XCTAssertEqual(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: hello), maskingKey: nil), wire)
        XCTAssertEqual(try decodeAll(wire, role: .client), [WebSocketFrame(opcode: .text, payload: hello)])
    }

    func testMaskedHelloMatchesTheRFC() throws {
        let wire: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        XCTAssertEqual(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: hello), maskingKey: helloKey), wire)
        XCTAssertEqual(try decodeAll(wire, role: .server), [WebSocketFrame(opcode: .text, payload: hello)])
    }

    func testFragmentedHelloDecodesAsTwoFrames() throws {
        let wire: [UInt8] = [0x01, 0x03, 0x48, 0x65, 0x6C, 0x80, 0x02, 0x6C, 0x6F]
        XCTAssertEqual(try decodeAll(wire, role: .client), [
            WebSocketFrame(fin: false, opcode: .text, payload: Array("Hel".utf8)),
            WebSocketFrame(fin: true, opcode: .continuation, payload: Array("lo".utf8)),
        ])
    }

    func testPingAndMaskedPongMatchTheRFC() throws {
        let ping: [UInt8] = [0x89, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]
        let pong: [UInt8] = [0x8A, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        XCTAssertEqual(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .ping, payload: hello), maskingKey: nil), ping)
        XCTAssertEqual(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .pong, payload: hello), maskingKey: helloKey), pong)
        XCTAssertEqual(try decodeAll(pong, role: .server), [WebSocketFrame(opcode: .pong, payload: hello)])
    }

    func testTwoHundredFiftySixBytesUseTheSixteenBitLength() throws {
        let payload = (0..<256).map { UInt8(truncatingIfNeeded: $0) }
        let wire = WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .binary, payload: payload), maskingKey: nil)
        XCTAssertEqual(Array(wire.prefix(4)), [0x82, 0x7E, 0x01, 0x00])
        XCTAssertEqual(wire.count, 4 + 256)
        XCTAssertEqual(try decodeAll(wire, role: .client), [WebSocketFrame(opcode: .binary, payload: payload)])
    }

    func testSixtyFourKibibytesUseTheSixtyFourBitLength() throws {
        let payload = (0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let wire = WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .binary, payload: payload), maskingKey: nil)
        XCTAssertEqual(Array(wire.prefix(10)), [0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00])
        XCTAssertEqual(wire.count, 10 + 65536)
        XCTAssertEqual(try decodeAll(wire, role: .client), [WebSocketFrame(opcode: .binary, payload: payload)])
    }

    func testLengthBoundariesPickTheShortestForm() {
        func header(_ count: Int) -> [UInt8] {
            Array(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .binary, payload: [UInt8](repeating: 1, count: count)),
                                               maskingKey: nil).prefix(2))
        }
        XCTAssertEqual(header(125), [0x82, 125])
        XCTAssertEqual(header(126), [0x82, 126])
        XCTAssertEqual(header(65535)[1], 126)
        XCTAssertEqual(header(65536)[1], 127)
    }

    // MARK: Incremental decoding

    func testDecoderAcceptsAnyChunking() throws {
        var wire: [UInt8] = []
        let frames = [
            WebSocketFrame(fin: false, opcode: .text, payload: Array("frag".utf8)),
            WebSocketFrame(opcode: .ping, payload: [1, 2, 3]),
            WebSocketFrame(opcode: .continuation, payload: Array(repeating: 0x61, count: 300)),
            WebSocketFrame(opcode: .binary, payload: Array(repeating: 0xFE, count: 70_000)),
            WebSocketFrame(opcode: .close, payload: [0x03, 0xE8]),
        ]
        for frame in frames {
            wire += WebSocketFrameEncoder.encode(frame, maskingKey: .random())
        }
        for chunkSize in [1, 2, 3, 7, 13, 1000, wire.count] {
            var decoder = WebSocketFrameDecoder(role: .server, maxFrameSize: 1 << 20)
            var decoded: [WebSocketFrame] = []
            var offset = 0
            while offset < wire.count {
                let end = min(offset + chunkSize, wire.count)
                decoder.append(wire[offset..<end])
                while let frame = try decoder.nextFrame() { decoded.append(frame) }
                offset = end
            }
            XCTAssertEqual(decoded, frames, "chunk size \(chunkSize)")
            XCTAssertEqual(decoder.bufferedByteCount, 0)
        }
    }

    func testDecoderWaitsForTheWholeFrame() throws {
        var decoder = WebSocketFrameDecoder(role: .client, maxFrameSize: 1000)
        decoder.append([0x81, 0x05, 0x48, 0x65])
        XCTAssertNil(try decoder.nextFrame())
        decoder.append([0x6C, 0x6C, 0x6F, 0x89])
        XCTAssertEqual(try decoder.nextFrame(), WebSocketFrame(opcode: .text, payload: hello))
        XCTAssertNil(try decoder.nextFrame())
        XCTAssertEqual(decoder.bufferedByteCount, 1)
    }

    // MARK: Rules of a single frame

    func testServerRefusesUnmaskedClientFrame() {
        assertFails([0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F], role: .server, with: .protocolError, containing: "not masked")
    }

    func testClientRefusesMaskedServerFrame() {
        assertFails([0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58], role: .client,
                    with: .protocolError, containing: "masked")
    }

    func testReservedBitsAreAProtocolError() {
        for bit: UInt8 in [0x40, 0x20, 0x10] {
            assertFails([0x81 | bit, 0x00], role: .client, with: .protocolError, containing: "reserved bits")
        }
    }

    func testReservedOpcodesAreAProtocolError() {
        for opcode: UInt8 in [0x3, 0x7, 0xB, 0xF] {
            assertFails([0x80 | opcode, 0x00], role: .client, with: .protocolError, containing: "reserved opcode")
        }
    }

    func testControlFramesMustBeShortAndFinal() {
        assertFails([0x89, 0x7E, 0x00, 0x7E], role: .client, with: .protocolError, containing: "125")
        assertFails([0x09, 0x00], role: .client, with: .protocolError, containing: "fragmented control")
        assertFails([0x08, 0x00], role: .client, with: .protocolError, containing: "fragmented control")
    }

    func testOversizedFrameFailsBeforeItsPayloadArrives() {
        // Only the header of a 2000-byte frame: refused without buffering it.
        assertFails([0x82, 0x7E, 0x07, 0xD0], role: .client, maxFrameSize: 1000, with: .messageTooBig, containing: "2000")
        assertFails([0x82, 0x7F, 0, 0, 0, 1, 0, 0, 0, 0], role: .client, maxFrameSize: 1000,
                    with: .messageTooBig, containing: "exceeds")
    }

    func testSixtyFourBitLengthWithTheHighBitIsAProtocolError() {
        assertFails([0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 1], role: .client, with: .protocolError, containing: "significant bit")
    }

    func testDecoderStaysFailed() throws {
        var decoder = WebSocketFrameDecoder(role: .server, maxFrameSize: 1000)
        decoder.append([0x81, 0x00])
        XCTAssertThrowsError(try decoder.nextFrame())
        decoder.append(WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: hello), maskingKey: helloKey))
        XCTAssertThrowsError(try decoder.nextFrame())
    }

    // MARK: Masking

    func testMaskingMatchesByteWiseXorAtEveryOffsetAndLength() {
        let key = WebSocketMaskingKey(networkOrder: 0xA1B2_C3D4)
        XCTAssertEqual(key.bytes, [0xA1, 0xB2, 0xC3, 0xD4])
        for length in [0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 100] {
            for offset in 0..<4 {
                let original = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 5) }
                var masked = original
                masked.withUnsafeMutableBytes { key.apply(to: $0, offset: offset) }
                let expected = original.enumerated().map { $0.element ^ key.bytes[($0.offset + offset) % 4] }
                XCTAssertEqual(masked, expected, "length \(length) offset \(offset)")
                masked.withUnsafeMutableBytes { key.apply(to: $0, offset: offset) }
                XCTAssertEqual(masked, original)
            }
        }
    }

    func testRandomMaskingKeysDiffer() {
        let keys = Set((0..<32).map { _ in WebSocketMaskingKey.random() })
        XCTAssertGreaterThan(keys.count, 30, "32 random 32-bit keys should almost never collide")
    }

    // MARK: Helpers

    private func decodeAll(_ wire: [UInt8], role: WebSocketRole) throws -> [WebSocketFrame] {
        var decoder = WebSocketFrameDecoder(role: role, maxFrameSize: 1 << 20)
        decoder.append(wire)
        var frames: [WebSocketFrame] = []
        while let frame = try decoder.nextFrame() { frames.append(frame) }
        XCTAssertEqual(decoder.bufferedByteCount, 0, "bytes left over")
        return frames
    }

    private func assertFails(_ wire: [UInt8], role: WebSocketRole, maxFrameSize: Int = 1 << 20,
                             with code: WebSocketCloseCode, containing text: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        var decoder = WebSocketFrameDecoder(role: role, maxFrameSize: maxFrameSize)
        decoder.append(wire)
        XCTAssertThrowsError(try decoder.nextFrame(), file: file, line: line) { error in
            guard let error = error as? WebSocketProtocolError else {
                return XCTFail("unexpected \(error)", file: file, line: line)
            }
            XCTAssertEqual(error.closeCode, code, file: file, line: line)
            XCTAssertTrue(error.reason.contains(text), "\(error.reason)", file: file, line: line)
        }
    }
}

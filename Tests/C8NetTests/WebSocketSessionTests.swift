@testable import C8Net
import XCTest

/// The rules that span frames — fragmentation, UTF-8, message size, ping
/// and the close handshake — through the transport-free session, seen
/// from the server (peer frames masked) unless a test says otherwise.
final class WebSocketSessionTests: XCTestCase {
    // MARK: Messages and fragments

    func testFragmentedTextIsDeliveredOnceComplete() {
        var session = serverSession()
        let first = session.receive(clientFrame(.text, "Hel", fin: false))
        XCTAssertEqual(first.events, [])
        let second = session.receive(clientFrame(.continuation, "lo"))
        XCTAssertEqual(second.events, [.text("Hello")])
        XCTAssertTrue(second.bytes.isEmpty)
        XCTAssertFalse(second.closeTransport)
    }

    func testPingInTheMiddleOfAFragmentedMessageIsAnsweredAtOnce() throws {
        var session = serverSession()
        let output = session.receive(clientFrame(.text, "Hel", fin: false) + clientFrame(.ping, "are you there")
                                     + clientFrame(.continuation, "lo"))
        XCTAssertEqual(output.events, [.ping(Array("are you there".utf8)), .text("Hello")])
        XCTAssertEqual(try framesSentByServer(output.bytes), [WebSocketFrame(opcode: .pong, payload: Array("are you there".utf8))])
    }

    func testBinaryMessagesAndPongsPassThrough() {
        var session = serverSession()
        let output = session.receive(clientFrame(.binary, [0, 255, 7], fin: false) + clientFrame(.continuation, [8])
                                     + clientFrame(.pong, [1]))
        XCTAssertEqual(output.events, [.binary([0, 255, 7, 8]), .pong([1])])
        XCTAssertTrue(output.bytes.isEmpty, "a pong is not answered")
    }

    func testContinuationWithoutAMessageIsAProtocolError() throws {
        var session = serverSession()
        try assertFailed(session.receive(clientFrame(.continuation, "x")), with: .protocolError)
    }

    func testNewMessageInsideAFragmentedOneIsAProtocolError() throws {
        var session = serverSession()
        try assertFailed(session.receive(clientFrame(.text, "a", fin: false) + clientFrame(.binary, "b")), with: .protocolError)
    }

    // MARK: UTF-8

    func testInvalidUTF8TextFails1007() throws {
        var session = serverSession()
        try assertFailed(session.receive(clientFrame(.text, [0x48, 0xC3, 0x28])), with: .invalidPayloadData)
    }

    func testInvalidUTF8FailsAtTheFirstBadFragment() throws {
        var session = serverSession()
        // The final fragment never comes: the first one is enough to know.
        try assertFailed(session.receive(clientFrame(.text, [0x61, 0xED, 0xA0, 0x80], fin: false)), with: .invalidPayloadData)
    }

    func testCharacterSplitAcrossFragmentsIsValid() {
        var session = serverSession()
        let euro: [UInt8] = [0xE2, 0x82, 0xAC]
        let output = session.receive(clientFrame(.text, [0x61, euro[0]], fin: false)
                                     + clientFrame(.continuation, [euro[1]], fin: false)
                                     + clientFrame(.continuation, [euro[2], 0x62]))
        XCTAssertEqual(output.events, [.text("a€b")])
    }

    /// Payloads are unmasked and read where they were received: several
    /// frames in one read, one split across reads, and non-ASCII text at
    /// every offset from the validator's eight-byte ASCII words keep their
    /// text exactly.
    func testFramesReadInPlaceKeepTheirTextWhereverTheyFallInTheReads() {
        var session = serverSession()
        let texts = (0..<12).map { String(repeating: "a", count: $0) + "é東京🎉\u{0}" + String(repeating: "b", count: 11 - $0) }
        let first = session.receive(clientFrame(.text, texts[0]) + clientFrame(.ping, "p") + clientFrame(.text, texts[1]))
        XCTAssertEqual(first.events, [.text(texts[0]), .ping(Array("p".utf8)), .text(texts[1])])
        var rest: [UInt8] = []
        for text in texts[2...] { rest += clientFrame(.text, text) }
        let cut = rest.count / 2 + 3
        let second = session.receive(rest[..<cut])
        let third = session.receive(rest[cut...])
        XCTAssertEqual(second.events + third.events, texts[2...].map { .text($0) })
    }

    func testInvalidUTF8AfterASCIIWordsFails1007() throws {
        for prefix in [7, 8, 9, 16] {
            var session = serverSession()
            try assertFailed(session.receive(clientFrame(.text, [UInt8](repeating: 0x61, count: prefix) + [0xC3, 0x28, 0x61])),
                             with: .invalidPayloadData)
        }
        var session = serverSession()
        try assertFailed(session.receive(clientFrame(.text, [UInt8](repeating: 0x61, count: 8) + [0xE2, 0x82])),
                         with: .invalidPayloadData)
    }

    func testTextEndingInsideACharacterFails1007() throws {
        var session = serverSession()
        try assertFailed(session.receive(clientFrame(.text, [0x61, 0xE2], fin: false) + clientFrame(.continuation, [0x82])),
                         with: .invalidPayloadData)
    }

    func testUTF8ValidatorFollowsTheWellFormedTable() {
        let valid: [[UInt8]] = [
            [], [0x00], [0x7F], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        ]
        let invalid: [[UInt8]] = [
            [0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xFF], [0xC2, 0x41],
        ]
        for bytes in valid {
            var validator = UTF8StreamValidator()
            XCTAssertTrue(validator.feed(bytes) && validator.isAtCharacterBoundary, "\(bytes)")
            XCTAssertNotNil(String(validating: bytes, as: UTF8.self), "the table agrees with the standard library")
        }
        for bytes in invalid {
            var validator = UTF8StreamValidator()
            XCTAssertFalse(validator.feed(bytes) && validator.isAtCharacterBoundary, "\(bytes)")
            XCTAssertNil(String(validating: bytes, as: UTF8.self))
        }
    }

    // MARK: Limits

    func testMessageAboveTheLimitFails1009EvenInSmallFragments() throws {
        var session = WebSocketSession(role: .server, configuration: WebSocketConfiguration(
            maxFrameSize: 125, maxMessageSize: 200))
        let output = session.receive(clientFrame(.binary, [UInt8](repeating: 1, count: 100), fin: false)
                                     + clientFrame(.continuation, [UInt8](repeating: 2, count: 100), fin: false)
                                     + clientFrame(.continuation, [3]))
        try assertFailed(output, with: .messageTooBig)
    }

    func testFrameAboveTheLimitFails1009() throws {
        var session = WebSocketSession(role: .server, configuration: WebSocketConfiguration(maxFrameSize: 125))
        try assertFailed(session.receive(clientFrame(.binary, [UInt8](repeating: 0, count: 126))), with: .messageTooBig)
    }

    // MARK: Closing

    func testPeerCloseIsEchoedAndEndsTheSession() throws {
        var session = serverSession()
        let output = session.receive(clientFrame(.close, [0x03, 0xE8] + Array("bye".utf8)))
        XCTAssertEqual(output.events, [.close(.normalClosure, reason: "bye")])
        XCTAssertEqual(try framesSentByServer(output.bytes), [WebSocketFrame(opcode: .close, payload: [0x03, 0xE8])])
        XCTAssertTrue(output.closeTransport)
        XCTAssertEqual(session.state, .closed)
        XCTAssertNil(session.encodeMessage(.text, "late".utf8), "nothing is sent after the close")
        XCTAssertEqual(session.receive(clientFrame(.text, "ignored")).events, [])
    }

    func testEmptyCloseIsReportedAs1005AndAnsweredEmpty() throws {
        var session = serverSession()
        let output = session.receive(clientFrame(.close, []))
        XCTAssertEqual(output.events, [.close(.noStatusReceived, reason: "")])
        XCTAssertEqual(try framesSentByServer(output.bytes), [WebSocketFrame(opcode: .close, payload: [])])
    }

    func testMalformedCloseFramesFail() throws {
        var oneByte = serverSession()
        try assertFailed(oneByte.receive(clientFrame(.close, [0x03])), with: .protocolError)
        for code: UInt16 in [0, 999, 1004, 1005, 1006, 1015, 2000, 5000] {
            var session = serverSession()
            try assertFailed(session.receive(clientFrame(.close, [UInt8(code >> 8), UInt8(code & 0xFF)])),
                             with: .protocolError)
        }
        var badReason = serverSession()
        try assertFailed(badReason.receive(clientFrame(.close, [0x03, 0xE8, 0xFF])), with: .invalidPayloadData)
    }

    func testApplicationCloseCodesAreAccepted() {
        for code: UInt16 in [1000, 1001, 1003, 1007, 1011, 1012, 3000, 4999] {
            var session = serverSession()
            let output = session.receive(clientFrame(.close, [UInt8(code >> 8), UInt8(code & 0xFF)]))
            XCTAssertEqual(output.events, [.close(WebSocketCloseCode(code), reason: "")], "code \(code)")
        }
    }

    func testLocalCloseWaitsForThePeersClose() throws {
        var session = serverSession()
        let close = try XCTUnwrap(session.encodeClose(.goingAway, reason: "restart"))
        XCTAssertEqual(try framesSentByServer(close),
                       [WebSocketFrame(opcode: .close, payload: [0x03, 0xE9] + Array("restart".utf8))])
        XCTAssertEqual(session.state, .closeSent)
        XCTAssertNil(session.encodeClose(.normalClosure, reason: ""), "one close frame only")
        XCTAssertNil(session.encodeMessage(.binary, [1]))

        // Data still in flight from the peer is delivered; its ping is not
        // answered any more.
        let late = session.receive(clientFrame(.text, "in flight") + clientFrame(.ping, []))
        XCTAssertEqual(late.events, [.text("in flight"), .ping([])])
        XCTAssertTrue(late.bytes.isEmpty)

        let reply = session.receive(clientFrame(.close, [0x03, 0xE9]))
        XCTAssertEqual(reply.events, [.close(.goingAway, reason: "")])
        XCTAssertTrue(reply.bytes.isEmpty, "the peer's close is not answered a second time")
        XCTAssertTrue(reply.closeTransport)
    }

    func testEndReportsAbnormalClosureOnlyWhenNotClosed() {
        var open = serverSession()
        XCTAssertEqual(open.end(reason: "gone"), .close(.abnormalClosure, reason: "gone"))
        XCTAssertNil(open.end(reason: "again"))
        var closed = serverSession()
        _ = closed.receive(clientFrame(.close, [0x03, 0xE8]))
        XCTAssertNil(closed.end(reason: "gone"))
    }

    func testCloseReasonIsCutAtACharacterBoundary() {
        let payload = WebSocketSession.closePayload(.normalClosure, String(repeating: "é", count: 100))
        XCTAssertEqual(payload.count, 2 + 122, "61 two-byte characters fit in 123 bytes")
        XCTAssertNotNil(String(validating: payload[2...], as: UTF8.self))
    }

    // MARK: Sending

    func testClientMasksEveryFrameAndServerDoesNot() throws {
        var client = WebSocketSession(role: .client, configuration: WebSocketConfiguration())
        let bytes = try XCTUnwrap(client.encodeMessage(.text, "Hello".utf8))
        XCTAssertEqual(bytes[1] & 0x80, 0x80)
        XCTAssertNotEqual(Array(bytes.suffix(5)), Array("Hello".utf8), "the payload travels masked")
        var server = serverSession()
        XCTAssertEqual(server.receive(bytes).events, [.text("Hello")])

        let reply = try XCTUnwrap(server.encodeMessage(.text, "Hi".utf8))
        XCTAssertEqual(reply, [0x81, 0x02, 0x48, 0x69])
        XCTAssertEqual(client.receive(reply).events, [.text("Hi")])
    }

    func testLongMessagesGoOutInFragments() throws {
        var server = WebSocketSession(role: .server, configuration: WebSocketConfiguration(outgoingFragmentSize: 4))
        let bytes = try XCTUnwrap(server.encodeMessage(.text, "Hello world".utf8))
        XCTAssertEqual(try framesSentByServer(bytes), [
            WebSocketFrame(fin: false, opcode: .text, payload: Array("Hell".utf8)),
            WebSocketFrame(fin: false, opcode: .continuation, payload: Array("o wo".utf8)),
            WebSocketFrame(fin: true, opcode: .continuation, payload: Array("rld".utf8)),
        ])
        var client = WebSocketSession(role: .client, configuration: WebSocketConfiguration())
        XCTAssertEqual(client.receive(bytes).events, [.text("Hello world")])
    }

    // MARK: Helpers

    private func serverSession() -> WebSocketSession {
        WebSocketSession(role: .server, configuration: WebSocketConfiguration())
    }

    private func clientFrame(_ opcode: WebSocketOpcode, _ text: String, fin: Bool = true) -> [UInt8] {
        clientFrame(opcode, Array(text.utf8), fin: fin)
    }

    private func clientFrame(_ opcode: WebSocketOpcode, _ payload: [UInt8], fin: Bool = true) -> [UInt8] {
        WebSocketFrameEncoder.encode(WebSocketFrame(fin: fin, opcode: opcode, payload: payload), maskingKey: .random())
    }

    private func framesSentByServer(_ bytes: [UInt8]) throws -> [WebSocketFrame] {
        var decoder = WebSocketFrameDecoder(role: .client, maxFrameSize: 1 << 20)
        decoder.append(bytes)
        var frames: [WebSocketFrame] = []
        while let frame = try decoder.nextFrame() { frames.append(frame) }
        return frames
    }

    /// The session failed the connection with `code`: a close frame with
    /// that code went out, the last event reports it, and the transport goes.
    private func assertFailed(_ output: WebSocketSession.Output, with code: WebSocketCloseCode,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        guard case .close(let reported, _)? = output.events.last else {
            return XCTFail("no close event in \(output.events)", file: file, line: line)
        }
        XCTAssertEqual(reported, code, file: file, line: line)
        let frames = try framesSentByServer(output.bytes)
        XCTAssertEqual(frames.last?.opcode, .close, file: file, line: line)
        XCTAssertEqual(frames.last.map { Array($0.payload.prefix(2)) }, [UInt8(code.rawValue >> 8), UInt8(code.rawValue & 0xFF)],
                       file: file, line: line)
        XCTAssertTrue(output.closeTransport, file: file, line: line)
    }
}

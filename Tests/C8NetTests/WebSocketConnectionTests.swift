@testable import C8Net
import Dispatch
import Synchronization
import XCTest

/// The server-side connection as the transport drives it, with an
/// in-memory output instead of a socket.
final class WebSocketConnectionTests: XCTestCase {
    func testMessagesReachTheHandlerAndRepliesGoOutUnmasked() throws {
        let (connection, output, handler) = open(EchoingHandler())
        XCTAssertEqual(handler.log, ["open"])
        feed(connection, .text, Array("hi".utf8))
        feed(connection, .binary, [1, 2])
        XCTAssertEqual(handler.log, ["open", "text hi", "binary 2"])
        XCTAssertEqual(try output.frames(), [
            WebSocketFrame(opcode: .text, payload: Array("hi".utf8)),
            WebSocketFrame(opcode: .binary, payload: [1, 2]),
        ])
    }

    func testPingIsAnsweredWithoutTheHandler() throws {
        let (connection, output, handler) = open(EchoingHandler())
        feed(connection, .ping, [9, 9])
        XCTAssertEqual(try output.frames(), [WebSocketFrame(opcode: .pong, payload: [9, 9])])
        XCTAssertEqual(handler.log, ["open"])
        XCTAssertTrue(connection.ping([7]))
        feed(connection, .pong, [7])
        XCTAssertEqual(handler.log, ["open", "pong 1"])
    }

    func testClientCloseIsEchoedThenTheTransportCloses() throws {
        let (connection, output, handler) = open(EchoingHandler())
        feed(connection, .close, [0x03, 0xE8] + Array("done".utf8))
        XCTAssertEqual(try output.frames(), [WebSocketFrame(opcode: .close, payload: [0x03, 0xE8])])
        XCTAssertTrue(output.isClosed)
        connection.closed() // the transport reports the end it was asked for
        XCTAssertEqual(handler.log, ["open", "close 1000 done"], "didClose exactly once")
        XCTAssertFalse(connection.send(text: "late"))
    }

    func testUnmaskedFrameFailsTheConnectionWith1002() throws {
        let (connection, output, handler) = open(EchoingHandler())
        let unmasked = WebSocketFrameEncoder.encode(WebSocketFrame(opcode: .text, payload: [0x61]), maskingKey: nil)
        unmasked.withUnsafeBytes { connection.received($0) }
        XCTAssertEqual(try output.frames().map(\.opcode), [.close])
        XCTAssertEqual(try output.frames().first.map { Array($0.payload.prefix(2)) }, [0x03, 0xEA])
        XCTAssertTrue(output.isClosed)
        XCTAssertEqual(handler.log.last, "close 1002 client frame is not masked")
    }

    func testBinaryIsRefusedWith1003ByDefault() throws {
        let (connection, output, handler) = open(TextOnlyHandler())
        feed(connection, .binary, [1])
        XCTAssertEqual(try output.frames().first?.payload.prefix(2).map { $0 }, [0x03, 0xEB])
        feed(connection, .close, [0x03, 0xEB])
        XCTAssertTrue(output.isClosed)
        XCTAssertEqual(handler.log, ["close 1003"])
    }

    func testServerCloseWithoutAReplyTimesOut() throws {
        let configuration = WebSocketConfiguration(closeTimeout: .milliseconds(50))
        let (connection, output, handler) = open(EchoingHandler(), configuration: configuration)
        XCTAssertTrue(connection.close(code: .goingAway, reason: "bye"))
        XCTAssertFalse(connection.close(), "one close frame only")
        XCTAssertFalse(output.isClosed, "waits for the client's close frame")
        let deadline = ContinuousClock.now + .seconds(5)
        while !output.isClosed && ContinuousClock.now < deadline { usleep(5_000) }
        XCTAssertTrue(output.isClosed)
        XCTAssertEqual(handler.log.last, "close 1006 no close frame from the peer in time")
    }

    func testTransportEndWithoutCloseIsAbnormal() {
        let (connection, _, handler) = open(EchoingHandler())
        connection.closed()
        connection.closed()
        XCTAssertEqual(handler.log, ["open", "close 1006 connection closed without a close frame"])
    }

    func testConcurrentSendersNeverInterleaveFrames() throws {
        let configuration = WebSocketConfiguration(outgoingFragmentSize: 3)
        let (connection, output, _) = open(EchoingHandler(), configuration: configuration)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for i in 0..<50 { connection.send(text: "thread \(thread) message \(i)") }
        }
        var client = WebSocketSession(role: .client, configuration: WebSocketConfiguration())
        let events = client.receive(output.written)
        XCTAssertEqual(events.events.count, 400)
        for thread in 0..<8 {
            let mine = events.events.compactMap { event -> String? in
                guard case .text(let text) = event, text.hasPrefix("thread \(thread) ") else { return nil }
                return text
            }
            XCTAssertEqual(mine, (0..<50).map { "thread \(thread) message \($0)" }, "in order per sender")
        }
    }

    // MARK: Helpers

    private func open<Handler: RecordingHandler & WebSocketHandler>(
        _ handler: Handler, configuration: WebSocketConfiguration = WebSocketConfiguration()
    ) -> (WebSocketConnection, RecordingOutput, Handler) {
        let connection = WebSocketConnection(request: HTTPRequest(method: .get, target: "/ws"), handler: handler,
                                             configuration: configuration)
        let output = RecordingOutput()
        connection.start(output: output)
        return (connection, output, handler)
    }

    private func feed(_ connection: WebSocketConnection, _ opcode: WebSocketOpcode, _ payload: [UInt8]) {
        let bytes = WebSocketFrameEncoder.encode(WebSocketFrame(opcode: opcode, payload: payload), maskingKey: .random())
        bytes.withUnsafeBytes { connection.received($0) }
    }
}

/// A transport output that keeps what was written.
final class RecordingOutput: ConnectionOutput {
    private let state = Mutex<(bytes: [UInt8], closed: Bool)>(([], false))

    func write(_ bytes: [UInt8]) {
        state.withLock {
            precondition(!$0.closed, "write after close")
            $0.bytes += bytes
        }
    }

    func close() { state.withLock { $0.closed = true } }

    var written: [UInt8] { state.withLock { $0.bytes } }
    var isClosed: Bool { state.withLock { $0.closed } }

    /// The frames written, as a client decodes them.
    func frames() throws -> [WebSocketFrame] {
        var decoder = WebSocketFrameDecoder(role: .client, maxFrameSize: 1 << 20)
        decoder.append(written)
        var frames: [WebSocketFrame] = []
        while let frame = try decoder.nextFrame() { frames.append(frame) }
        return frames
    }
}

/// A handler that writes down what happens to it, one line per call.
class RecordingHandler: @unchecked Sendable {
    private let lines = Mutex<[String]>([])
    var log: [String] { lines.withLock { $0 } }
    func record(_ line: String) { lines.withLock { $0.append(line) } }
}

/// Echoes every message back and records everything.
final class EchoingHandler: RecordingHandler, WebSocketHandler, @unchecked Sendable {
    func didOpen(_ connection: WebSocketConnection) { record("open") }
    func didReceive(_ connection: WebSocketConnection, text: String) {
        record("text \(text)")
        connection.send(text: text)
    }
    func didReceive(_ connection: WebSocketConnection, binary: [UInt8]) {
        record("binary \(binary.count)")
        connection.send(binary: binary)
    }
    func didReceivePong(_ connection: WebSocketConnection, payload: [UInt8]) { record("pong \(payload.count)") }
    func didClose(_ connection: WebSocketConnection, code: WebSocketCloseCode, reason: String) {
        record(reason.isEmpty ? "close \(code)" : "close \(code) \(reason)")
    }
}

/// Relies on the protocol's defaults for everything but text and close.
final class TextOnlyHandler: RecordingHandler, WebSocketHandler, @unchecked Sendable {
    func didReceive(_ connection: WebSocketConnection, text: String) { record("text \(text)") }
    func didClose(_ connection: WebSocketConnection, code: WebSocketCloseCode, reason: String) {
        record(reason.isEmpty ? "close \(code)" : "close \(code) \(reason)")
    }
}

import C8Core
import C8Net
import Foundation
import Synchronization

/// A tail over a stream WebSocket: a thread of its own blocks on the socket
/// and hands each message frame to ``messages``; closing the socket ends it.
final class RemoteStreamTail: StreamTail {
    let messages: AsyncStream<StreamMessageView>
    private let socket: WebSocketClient
    /// Readers keep no cursor, so only consumers send acks.
    private let acknowledges: Bool

    init(socket: WebSocketClient, acknowledges: Bool, bufferLimit: Int = 10_000) {
        self.socket = socket
        self.acknowledges = acknowledges
        let (messages, continuation) = AsyncStream.makeStream(of: StreamMessageView.self,
                                                              bufferingPolicy: .bufferingNewest(bufferLimit))
        self.messages = messages
        Thread.detachNewThread {
            while case .text(let text)? = (try? socket.receive()) ?? nil {
                guard let frame = try? JSON.parse(text), let message = StreamMessageView(frame: frame) else { continue }
                continuation.yield(message)
            }
            continuation.finish()
        }
    }

    func acknowledge(_ id: String) {
        guard acknowledges else { return }
        try? socket.send(text: JSON.object(["messageId": .string(id)]).jsonString())
    }

    func close() {
        _ = try? socket.close()
    }
}

/// A producer over a stream WebSocket: one message in flight at a time, so
/// each receipt answers the message just sent.
final class RemoteStreamPublisher: StreamPublisher {
    private let socket: WebSocketClient
    private let sending = Mutex<Void>(())
    private let queue = DispatchQueue(label: "c8.remote-publisher")
    static let receiptTimeout: Duration = .seconds(30)

    init(socket: WebSocketClient) {
        self.socket = socket
    }

    func send(_ message: OutgoingStreamMessage) async throws(C8Error) -> String {
        let result: Result<String, C8Error> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(C8Error) -> String in try self.sendWaiting(message) })
            }
        }
        return try result.get()
    }

    private func sendWaiting(_ message: OutgoingStreamMessage) throws(C8Error) -> String {
        var frame: JSONObject = ["payload": .string(Data(message.payload).base64EncodedString())]
        if let key = message.key { frame["key"] = .string(key) }
        if !message.properties.isEmpty {
            var properties = JSONObject()
            for (name, value) in message.properties.sorted(by: { $0.key < $1.key }) { properties[name] = .string(value) }
            frame["properties"] = .object(properties)
        }
        let receipt: JSON
        do {
            receipt = try sending.withLock { _ throws -> JSON in
                try socket.send(text: JSON.object(frame).jsonString())
                guard case .text(let text)? = try socket.receive(timeout: Self.receiptTimeout) else {
                    throw C8Error(.httpServiceUnavailable, "the stream socket closed before the receipt")
                }
                return try JSON.parse(text)
            }
        } catch let error as C8Error {
            throw error
        } catch {
            throw C8Error(.httpServiceUnavailable, "publishing failed: \(error)")
        }
        guard receipt["result"] == "ok", let id = receipt["messageId"].stringValue else {
            throw C8Error(.badParameter, receipt["errorMsg"].stringValue ?? "the server refused the message")
        }
        return id
    }

    func close() {
        _ = try? socket.close()
    }
}

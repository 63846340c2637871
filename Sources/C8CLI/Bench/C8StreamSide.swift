import C8Core
import C8Net
import Foundation

/// c8 as `c8 bench streams` drives it: a global stream per run created
/// over REST, producers and consumers on Pulsar's WebSocket API v2 through
/// C8Net's `WebSocketClient` (C8-PROTOCOL.md §11): a producer sends
/// `{"payload": base64}` and reads `{"result":"ok","messageId":…}`; a
/// consumer reads `{"messageId","payload",…}` and acks with `{"messageId"}`.
struct C8StreamSide: StreamBenchSide {
    let name = "c8"
    /// `http://host:port`.
    let baseURL: String
    let apiKey: String
    let tenant: String
    let fabric = "_system"

    private var webSocketBase: String {
        (baseURL.hasPrefix("https") ? "wss" : "ws") + baseURL.drop(while: { $0 != ":" })
    }

    private var headers: HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add("Authorization", "apikey " + apiKey)
        return headers
    }

    private func rest(_ method: HTTPMethod, _ path: String, accepting statuses: Set<Int> = [200, 201]) throws {
        let client = try HTTPClient(baseURL: baseURL)
        defer { client.closeIdleConnections() }
        let response = try client.send(HTTPRequest(method: method, target: "/_fabric/\(fabric)/_api" + path, headers: headers))
        guard statuses.contains(response.status) else {
            throw StreamBenchFailure("c8 answered \(response.status) to \(method.rawValue) \(path): "
                + String(decoding: response.body.prefix(300), as: UTF8.self))
        }
    }

    func makeStream(run: String, group: String?) throws -> String {
        // The subscription is made by the first consumer, at the end of the
        // stream (initial position latest), before anything is published.
        try rest(.post, "/streams/\(run)?global=true")
        return "c8globals." + run
    }

    func dropStream(_ stream: String) throws {
        try rest(.delete, "/streams/\(stream)?force=true")
    }

    private func path(_ role: String, _ stream: String) -> String {
        webSocketBase + "/_ws/ws/v2/\(role)/persistent/\(tenant)/c8global.\(fabric)/\(stream)"
    }

    func producer(on stream: String, index: Int) throws -> any StreamBenchProducer {
        C8Producer(socket: try WebSocketClient.connect(to: path("producer", stream), headers: headers))
    }

    func consumer(on stream: String, group: String, index: Int, consumers: Int, window: Int) throws -> any StreamBenchConsumer {
        let type = consumers == 1 ? "Exclusive" : "Shared"
        let url = path("consumer", stream) + "/\(group)?subscriptionType=\(type)&receiverQueueSize=\(window)"
        return C8Consumer(socket: try WebSocketClient.connect(to: url, headers: headers))
    }
}

final class C8Producer: StreamBenchProducer, @unchecked Sendable {
    private let socket: WebSocketClient
    /// The last payload and its frame: throughput runs send one payload
    /// over and over, and need not base64 it each time. Sender thread only.
    private var last: (payload: [UInt8], frame: String) = ([], "")

    init(socket: WebSocketClient) { self.socket = socket }

    func send(_ payload: [UInt8]) throws {
        if payload != last.payload {
            last = (payload, #"{"payload":""# + Data(payload).base64EncodedString() + #""}"#)
        }
        try socket.send(text: last.frame)
    }

    func awaitReceipt() throws {
        guard let message = try socket.receive(timeout: .seconds(60)) else {
            throw StreamBenchFailure("the producer socket closed: \(String(describing: socket.closeStatus))")
        }
        guard case .text(let text) = message, text.utf8.starts(with: #"{"result":"ok""#.utf8) else {
            throw StreamBenchFailure("publish refused: \(message)")
        }
    }

    func close() { _ = try? socket.close() }
}

final class C8Consumer: StreamBenchConsumer {
    private let socket: WebSocketClient
    private var lastId = ""

    init(socket: WebSocketClient) { self.socket = socket }

    func receive(timeout: Duration, wantPayload: Bool) throws -> [UInt8]? {
        let message: WebSocketMessage?
        do {
            message = try socket.receive(timeout: timeout)
        } catch let error as NetworkClientError where error.kind == .timedOut {
            return nil
        }
        guard case .text(let text)? = message else {
            throw StreamBenchFailure("the consumer socket closed: \(String(describing: socket.closeStatus))")
        }
        let frame = try JSON.parse(text)
        guard let id = frame["messageId"].stringValue, let encoded = frame["payload"].stringValue else {
            throw StreamBenchFailure("not a delivery: \(text.prefix(200))")
        }
        lastId = id
        guard wantPayload else { return [] }
        guard let payload = Data(base64Encoded: encoded) else { throw StreamBenchFailure("payload is not base64") }
        return Array(payload)
    }

    func acknowledgeLast() throws {
        try socket.send(text: #"{"messageId":""# + lastId + #""}"#)
    }

    func close() { _ = try? socket.close() }
}

struct StreamBenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

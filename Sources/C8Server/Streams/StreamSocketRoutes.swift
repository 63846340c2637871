import C8Core
import C8Net
import C8Streams

/// The stream WebSockets of Pulsar's API v2 under `/_ws/ws/v2/`: producer,
/// consumer and reader (C8-PROTOCOL.md §11).
///
/// Everything that can fail — the URL, the caller's access to the stream,
/// an exclusive subscription already taken — fails before the 101, as an
/// HTTP error the client sees as a refused handshake (Pulsar answers the
/// same way).
struct StreamSocketRoutes: RouteGroup {
    let services: APIServices

    static let prefix = "/_ws/ws/v2"

    var routes: [Route] {
        let target = "{persistence}/{tenant}/{namespace}/{topic}"
        return [
            Route(.get, "\(Self.prefix)/producer/\(target)", in: .server, access: .authenticated, producer),
            Route(.get, "\(Self.prefix)/consumer/\(target)/{subscription}", in: .server, access: .authenticated, consumer),
            Route(.get, "\(Self.prefix)/reader/\(target)", in: .server, access: .authenticated, reader),
        ]
    }

    private var streams: StreamService { services.streams }

    /// The stream the URL names, once the caller may `level` it and it
    /// exists with the persistence the URL says.
    private func target(_ context: RouteContext, _ level: AccessLevel) throws(C8Error) -> StreamName {
        let target = try StreamSocketTarget(
            persistence: try context.parameter("persistence"), tenant: try context.parameter("tenant"),
            namespace: try context.parameter("namespace"), topic: try context.parameter("topic"))
        let name = target.stream
        try context.caller.authorize(AccessRequest(resource: .stream(name.topic), level: level,
                                                   tenant: name.tenant, fabric: name.fabric))
        let info = try streams.stream(name)
        guard info.persistent == target.persistent else {
            throw C8Error(.httpNotFound, "stream \(name.topic) is \(info.persistent ? "persistent" : "non-persistent")")
        }
        return name
    }

    /// The 101 for `socket`, or the refusal of a malformed handshake.
    private func accept(_ context: RouteContext, _ socket: StreamSocket) -> (HTTPResponse, WebSocketConnection?) {
        let response = WebSocketServerHandshake.response(to: context.request, handler: socket)
        return (response, response.upgrade as? WebSocketConnection)
    }

    func producer(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let name = try target(context, .write)
        let socket = StreamSocket()
        let (response, connection) = accept(context, socket)
        guard let connection else { return response }
        let initialSequenceId = try context.query.int("initialSequenceId").map { UInt64(max(0, $0)) }
        socket.attach(.producer(try streams.producer(on: name, name: context.query["producerName"],
                                                     initialSequenceId: initialSequenceId)), closing: connection)
        return response
    }

    func consumer(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let name = try target(context, .read)
        let typeText = context.query["subscriptionType"] ?? SubscriptionType.exclusive.rawValue
        guard let type = SubscriptionType.allCases.first(where: { $0.rawValue.lowercased() == typeText.lowercased() }) else {
            throw C8Error(.badParameter, "unknown subscriptionType '\(typeText)': use Exclusive, Shared, Failover or Key_Shared")
        }
        let initial: InitialPosition = context.query["subscriptionInitialPosition"]?.lowercased() == "earliest" ? .earliest : .latest
        let ackTimeout = try context.query.int("ackTimeoutMillis").flatMap { $0 > 0 ? Duration.milliseconds($0) : nil }
        let queueSize = try receiverQueueSize(context)
        let pullMode = try context.query.bool("pullMode", default: false)
        let socket = StreamSocket(pullMode: pullMode, receiverQueueSize: queueSize)
        let (response, connection) = accept(context, socket)
        guard let connection else { return response }
        // In pull mode nothing flows before the client's first permit frame.
        let consumer = try streams.subscribe(
            name, subscription: try context.parameter("subscription"), type: type,
            consumerName: context.query["consumerName"], initialPosition: initial,
            receiverQueueSize: pullMode ? 0 : queueSize, ackTimeout: ackTimeout,
            deliverBatch: socket.deliverer(to: connection))
        socket.attach(.consumer(consumer), closing: connection)
        return response
    }

    func reader(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let name = try target(context, .read)
        let start: ReaderStart
        switch context.query["messageId"] ?? "latest" {
        case "latest": start = .latest
        case "earliest": start = .earliest
        case let text:
            guard let id = MessageID(text: text) else { throw C8Error(.badParameter, "'\(text)' is not a message id") }
            start = .message(id)
        }
        let queueSize = try receiverQueueSize(context)
        let pullMode = try context.query.bool("pullMode", default: false)
        let socket = StreamSocket(pullMode: pullMode, receiverQueueSize: queueSize)
        let (response, connection) = accept(context, socket)
        guard let connection else { return response }
        let reader = try streams.reader(on: name, start: start, receiverQueueSize: pullMode ? 0 : queueSize,
                                        deliverBatch: socket.deliverer(to: connection))
        socket.attach(.reader(reader), closing: connection)
        return response
    }

    /// `receiverQueueSize` (default 1000); Pulsar's 0 means one at a time.
    private func receiverQueueSize(_ context: RouteContext) throws(C8Error) -> Int {
        max(1, try context.query.int("receiverQueueSize") ?? 1000)
    }
}

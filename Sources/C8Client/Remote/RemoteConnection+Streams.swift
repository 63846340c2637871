import C8Core
import C8Net

/// Streams over the REST API (C8-PROTOCOL.md §10) and the stream
/// WebSockets (§11), as pyC8 uses them.
extension RemoteConnection {
    public func streams(in fabric: String) async throws(C8Error) -> [StreamSummary] {
        let listed = try await transport.call(.get, RemotePath.api(fabric, "streams"))
        return (listed["result"].arrayValue ?? []).map(StreamSummary.init(json:))
    }

    public func createStream(_ name: String, local: Bool, in fabric: String) async throws(C8Error) -> StreamSummary {
        let created = try await transport.call(
            .post, RemotePath.api(fabric, "streams", name, query: [("global", local ? "false" : "true")]))
        let topic = created["result"]["stream-id"].stringValue ?? StreamSummary.topic(of: name, local: local)
        return StreamSummary(topic: topic, isLocal: local)
    }

    public func deleteStream(_ topic: String, force: Bool, in fabric: String) async throws(C8Error) {
        _ = try await transport.call(.delete, RemotePath.api(fabric, "streams", topic, query: force ? [("force", "true")] : []))
    }

    public func streamStats(_ topic: String, in fabric: String) async throws(C8Error) -> JSON {
        try await transport.call(.get, RemotePath.api(fabric, "streams", topic, "stats"))["result"]
    }

    public func streamSubscriptions(_ topic: String, in fabric: String) async throws(C8Error) -> [String] {
        let listed = try await transport.call(.get, RemotePath.api(fabric, "streams", topic, "subscriptions"))
        return (listed["result"].arrayValue ?? []).compactMap(\.stringValue)
    }

    public func openPublisher(on topic: String, in fabric: String) async throws(C8Error) -> any StreamPublisher {
        let target = try await socketTarget("producer", topic, fabric)
        return RemoteStreamPublisher(socket: try await transport.openWebSocket(target))
    }

    public func tail(_ topic: String, in fabric: String, options: StreamTailOptions) async throws(C8Error) -> any StreamTail {
        let start = options.start == .earliest ? "earliest" : "latest"
        let target: String
        if let subscription = options.subscription {
            target = try await socketTarget("consumer", topic, fabric, subscription: subscription, query: [
                ("subscriptionType", options.subscriptionType),
                ("subscriptionInitialPosition", options.start == .earliest ? "Earliest" : "Latest"),
            ])
        } else {
            target = try await socketTarget("reader", topic, fabric, query: [("messageId", start)])
        }
        // A reader acks too: the server gives its permits back on acks.
        return RemoteStreamTail(socket: try await transport.openWebSocket(target), acknowledges: true)
    }

    /// `/_ws/ws/v2/{role}/persistent/{tenant}/{namespace}/{topic}[/{subscription}]?…`.
    private func socketTarget(_ role: String, _ topic: String, _ fabric: String, subscription: String? = nil,
                              query: [(String, String)] = []) async throws(C8Error) -> String {
        let stream = StreamSummary(topic: topic, isLocal: !topic.hasPrefix(StreamSummary.globalPrefix))
        var target = "/_ws/ws/v2/\(role)/persistent/" + [try await tenant(), stream.namespace(in: fabric), topic]
            .map(RemotePath.encode).joined(separator: "/")
        if let subscription { target += "/" + RemotePath.encode(subscription) }
        if !query.isEmpty { target += "?" + query.map { RemotePath.encode($0.0) + "=" + RemotePath.encode($0.1) }.joined(separator: "&") }
        return target
    }

    /// The caller's tenant, which stream socket URLs name: `result[0].tenant`
    /// of `GET /_api/user`, as pyC8 reads it; asked once.
    func tenant() async throws(C8Error) -> String {
        if let known = tenantName.withLock({ $0 }) { return known }
        let users = try await transport.call(.get, "/_api/user")
        guard let tenant = users["result"][0]["tenant"].stringValue else {
            throw C8Error(.httpNotFound, "\(endpoint) did not say which tenant these credentials belong to")
        }
        tenantName.withLock { $0 = tenant }
        return tenant
    }
}

import C8Core
import C8Engine
import C8Net
import C8Streams

/// Streams over REST (C8-PROTOCOL.md §10): list, create, delete, publish,
/// backlog, stats, subscriptions, unsubscribe, clear backlog, TTL, expiry.
///
/// URLs name a stream by its topic (`c8globals.X`, `c8locals.X`, or a
/// collection's name for its change stream); only creation takes the bare
/// name with `?global=`. Access is checked on the topic, as stream grants
/// name it.
struct StreamRoutes: RouteGroup {
    let services: APIServices

    var routes: [Route] {
        let named = RouteValue.path("stream")
        return [
            Route(.get, "/streams", access: .fabric(.read), list),
            Route(.get, "/streams/ttl", access: .fabric(.read), ttl),
            Route(.post, "/streams/ttl/{seconds}", access: .fabric(.administer), setTTL),
            Route(.post, "/streams/clearbacklog", access: .fabric(.write), clearBacklog),
            Route(.post, "/streams/clearbacklog/{subscription}", access: .fabric(.write), clearBacklog),
            Route(.delete, "/streams/subscription/{subscription}", access: .fabric(.write), unsubscribe),
            Route(.post, "/streams/{stream}", access: .fabric(.administer), create),
            Route(.delete, "/streams/{stream}", access: .stream(named, .administer), delete),
            Route(.post, "/streams/{stream}/publish", access: .stream(named, .write), publish),
            Route(.get, "/streams/{stream}/backlog", access: .stream(named, .read), backlog),
            Route(.get, "/streams/{stream}/stats", access: .stream(named, .read), stats),
            Route(.get, "/streams/{stream}/subscriptions", access: .stream(named, .read), subscriptions),
            Route(.delete, "/streams/{stream}/subscriptions/{subscription}", access: .stream(named, .write), deleteSubscription),
            Route(.post, "/streams/{stream}/expiry/{seconds}", access: .stream(named, .write), expire),
        ]
    }

    private var streams: StreamService { services.streams }

    /// The stream the URL names; the fabric must exist.
    private func stream(_ context: RouteContext) throws(C8Error) -> StreamName {
        let fabric = try context.fabric()
        return try StreamName.parse(try context.parameter("stream"), tenant: context.tenantName,
                                    fabric: fabric.name, bareKind: .collection)
    }

    /// `?global=`: true, false, or absent (both scopes).
    private func scope(_ context: RouteContext) throws(C8Error) -> Bool? {
        try context.query.bool("global")
    }

    func list(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let fabric = try context.fabric()
        let global = try scope(context)
        let entries = streams.streams(tenant: context.tenantName, fabric: fabric.name).filter { info in
            (global == nil || (info.name.kind == .global) == global)
                && context.caller.lists(.stream(info.name.topic), in: fabric.name)
        }
        return APIResponse.result(200, .array(entries.map { Self.describe($0, fabric: fabric.name) }))
    }

    /// A list entry: `{_key: "<topic>_TYPE4", name, topic, type: 4, local, db, tenant, persistent}`;
    /// pyC8 maps `type` through `{4: "persistent"}`, so every entry says 4.
    static func describe(_ info: StreamInfo, fabric: String) -> JSON {
        let topic = info.name.topic
        return [
            "_key": .string(topic + "_TYPE4"), "name": .string(topic), "topic": .string(topic), "type": 4,
            "local": .bool(info.name.isLocal), "db": .string(fabric), "tenant": .string(info.name.tenant),
            "persistent": .bool(info.persistent),
        ]
    }

    /// `POST /streams/{name}?global=bool[&persistent=bool]` → 200
    /// `{"result": {"stream-id": "c8globals.name"}}`; 409 when it exists.
    func create(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let fabric = try context.fabric()
        let text = try context.parameter("stream")
        let global = try context.query.bool("global", default: true)
        let name = try StreamName.parse(text, tenant: context.tenantName, fabric: fabric.name,
                                        bareKind: global ? .global : .local)
        guard name.kind != .collection else {
            throw C8Error(.badParameter, "a collection's change stream is made by creating the collection with \"stream\": true")
        }
        let info = try streams.createStream(name, persistent: try context.query.bool("persistent", default: true))
        return APIResponse.result(200, ["stream-id": .string(info.name.topic)])
    }

    func delete(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try streams.deleteStream(try stream(context), force: try context.query.bool("force", default: false))
        return APIResponse.result(200, "OK")
    }

    /// The body, raw, is the payload (pyC8 sends a string as it is).
    func publish(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let id = try streams.publish(OutgoingMessage(payload: context.request.body), to: try stream(context))
        return APIResponse.result(200, ["messageId": .string(id.text)])
    }

    /// Pulsar's offline backlog shape: `{messageBacklog, totalMessages,
    /// storageSize, cursorDetails: {sub: {cursorBacklog}}}`.
    func backlog(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let name = try stream(context)
        let perSubscription = try streams.backlog(of: name)
        let stats = try streams.stats(of: name)
        var cursors = JSONObject()
        for (subscription, count) in perSubscription.sorted(by: { $0.key < $1.key }) {
            cursors[subscription] = ["cursorBacklog": .int(Int64(count))]
        }
        return APIResponse.result(200, [
            "messageBacklog": .int(Int64(perSubscription.values.max() ?? 0)),
            "storageSize": stats.json["storageSize"],
            "cursorDetails": .object(cursors),
        ])
    }

    func stats(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        APIResponse.result(200, try streams.stats(of: try stream(context)).json)
    }

    func subscriptions(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        APIResponse.result(200, .array(try streams.subscriptions(of: try stream(context)).map { .string($0) }))
    }

    func deleteSubscription(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try streams.deleteSubscription(try context.parameter("subscription"), of: try stream(context))
        return APIResponse.result(200, "OK")
    }

    /// `DELETE /streams/subscription/{sub}?global=bool`: from every stream
    /// of the fabric in that scope.
    func unsubscribe(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let fabric = try context.fabric()
        try streams.unsubscribe(try context.parameter("subscription"), tenant: context.tenantName, fabric: fabric.name,
                                local: !(try context.query.bool("global", default: true)))
        return APIResponse.result(200, "OK")
    }

    func clearBacklog(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let fabric = try context.fabric()
        let subscription = context.path.segments.count > 2 ? try context.parameter("subscription") : nil
        try streams.clearBacklog(tenant: context.tenantName, fabric: fabric.name, subscription: subscription)
        return APIResponse.result(200, "OK")
    }

    func ttl(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let fabric = try context.fabric()
        return APIResponse.result(200, .int(Int64(streams.messageTTL(tenant: context.tenantName, fabric: fabric.name))))
    }

    func setTTL(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        let fabric = try context.fabric()
        let seconds = try Self.seconds(context)
        try streams.setMessageTTL(seconds, tenant: context.tenantName, fabric: fabric.name)
        return APIResponse.result(200, .int(Int64(seconds)))
    }

    func expire(_ context: RouteContext) throws(C8Error) -> HTTPResponse {
        try streams.expireMessages(of: try stream(context), olderThanSeconds: try Self.seconds(context))
        return APIResponse.result(200, "OK")
    }

    private static func seconds(_ context: RouteContext) throws(C8Error) -> Int {
        let text = try context.parameter("seconds")
        guard let seconds = Int(text), seconds >= 0 else {
            throw C8Error(.badParameter, "'\(text)' is not a number of seconds")
        }
        return seconds
    }
}

import C8Client
import C8Core

/// `c8 stream list|create|delete|publish|tail`: streams from the shell,
/// on the embedded engine or, with `--url`, on a remote endpoint.
public struct StreamCommand: Command {
    public static let name = "stream"

    public static let json = OptionSpec.flag(
        "json", summary: "list: print a JSON array instead of a table")
    public static let local = OptionSpec.flag(
        "local", summary: "create: a local stream (this region only) instead of a global one")
    public static let force = OptionSpec.flag(
        "force", summary: "delete: also when producers or consumers are connected (they are disconnected)")
    public static let key = OptionSpec.value(
        "key", "K", summary: "publish: the messages' key (Key_Shared subscriptions route by it)")
    public static let property = OptionSpec.value(
        "property", "K=V", summary: "publish: a message property; repeat for more", repeatable: true)
    public static let from = OptionSpec.value(
        "from", "earliest|latest",
        summary: "tail: start at the oldest retained message or at new ones (default latest); "
            + "with --subscription, where a new subscription starts",
        kind: .choice(["earliest", "latest"]))
    public static let subscription = OptionSpec.value(
        "subscription", "NAME",
        summary: "tail: consume as a member of this subscription, acknowledging each message once printed")
    public static let type = OptionSpec.value(
        "type", "T", summary: "tail: the subscription's type (default exclusive)",
        kind: .choice(StreamTailing.subscriptionTypes.map(\.word)))
    public static let count = OptionSpec.value(
        "count", "N", summary: "tail: stop after N messages", kind: .integer(1...Int.max))

    public static let action = PositionalSpec(
        "ACTION", summary: "list, create, delete, publish or tail")
    public static let topic = PositionalSpec(
        "TOPIC", summary: "create: the new stream's name; otherwise the stream's topic (c8globals.X, "
            + "c8locals.X, or a collection's name) or just its name X",
        optional: true)
    public static let message = PositionalSpec(
        "MESSAGE", summary: "publish: the message; without it, each non-empty line of standard input is one message",
        optional: true)

    public let spec = CommandSpec(
        name: StreamCommand.name,
        summary: "List, create, delete, publish to and tail streams",
        usage: [
            "list [--json]",
            "create [--local] TOPIC",
            "delete [--force] TOPIC",
            "publish [--key K] [--property K=V]... TOPIC [MESSAGE]",
            "tail [--from earliest|latest] [--count N]",
            "     [--subscription NAME [--type T]] TOPIC",
            "ACTION ... [--data-dir DIR",
            "            | --url URL (--api-key KEY | --email EMAIL)]",
            "           [--insecure] [--regions r1,r2,...] [--fabric F]",
        ],
        description: """
            Works with the streams of a fabric on the embedded engine or, with \
            --url, on a remote endpoint. 'list' shows each stream's topic, \
            whether it is global or local and whether it is persistent. \
            'create NAME' makes the global stream c8globals.NAME (with \
            --local, c8locals.NAME) and prints its topic. 'publish' sends \
            MESSAGE, or each non-empty line of standard input, and prints each message \
            id.

            'tail' prints one JSON object per line and message: messageId, \
            publishTime (ISO 8601), key, properties and payload (the JSON \
            value when the payload is JSON, else its text). It runs until \
            --count messages or Ctrl-C (exit 0). Without --subscription it \
            reads and acknowledges nothing. With --subscription it is a queue \
            worker: each message is acknowledged once printed, and several \
            workers with --type shared split the messages between them. \
            Types: exclusive (one consumer), shared (round robin), failover \
            (one active, the next takes over), key_shared (one consumer per key).

            The embedded data dir is locked by one process at a time, so to \
            tail while another process publishes, use c8 serve and --url.
            """,
        options: [.dataDir, .regions, .url, .apiKey, .email, .insecure, .fabric, StreamCommand.json, StreamCommand.local, StreamCommand.force,
                  StreamCommand.key, StreamCommand.property, StreamCommand.from, StreamCommand.subscription,
                  StreamCommand.type, StreamCommand.count],
        positionals: [StreamCommand.action, StreamCommand.topic, StreamCommand.message],
        constraints: [.embeddedOrRemote],
        examples: [
            "c8 stream list",
            "c8 stream create orders",
            "c8 stream publish --key eu --property source=shell orders '{\"total\": 42}'",
            "tail -f events.log | c8 stream publish orders",
            "c8 stream tail --from earliest --count 10 c8globals.orders",
            "c8 stream tail --url URL --subscription billing --type shared orders",
        ])

    public init() {}

    public func run(_ arguments: ParsedArguments, context: CommandContext) throws -> Int32 {
        let action = try StreamAction.parse(arguments)
        let target = try CommandConnection.open(arguments, context: context)
        defer { target.close() }
        let output = context.standardOutput
        switch action {
        case .list:
            let streams = try target.wait { connection, fabric async throws(C8Error) in try await connection.streams(in: fabric) }
            StreamListing(streams: streams).write(json: arguments.isSet(Self.json), to: output)
        case .create(let name):
            let local = arguments.isSet(Self.local)
            let created = try target.wait { connection, fabric async throws(C8Error) in
                try await connection.createStream(name, local: local, in: fabric)
            }
            output.writeLine(created.topic)
        case .delete(let stream):
            let topic = try StreamTopic.resolve(stream, on: target)
            let force = arguments.isSet(Self.force)
            do {
                try target.wait { connection, fabric async throws(C8Error) in
                    try await connection.deleteStream(topic, force: force, in: fabric)
                }
            } catch {
                // Say how to go on, as the refusal's reason is what --force overrides.
                guard let refusal = error as? C8Error, refusal.errorNum == ErrorCode.httpPreconditionFailed.rawValue, !force else {
                    throw error
                }
                throw CommandFailure("\(refusal) (--force deletes it anyway and disconnects them)")
            }
        case .publish(let stream, let message):
            let publishing = StreamPublishing(key: arguments.value(Self.key),
                                              properties: try StreamPublishing.properties(arguments.values(Self.property)))
            let topic = try StreamTopic.resolve(stream, on: target)
            if let message {
                try publishing.publish([Array(message.utf8)], to: topic, on: target, printingIDsTo: output)
            } else {
                try publishing.publishLines(of: context.standardInput, to: topic, on: target, printingIDsTo: output)
            }
        case .tail(let stream):
            let tailing = try StreamTailing(arguments)
            try tailing.run(StreamTopic.resolve(stream, on: target), on: target, printingTo: output)
        }
        return ExitStatus.success
    }
}

import C8Client
import C8Core
import Synchronization

/// `c8 stream tail`: prints each message as a JSON line until `--count`
/// messages, Ctrl-C or SIGTERM (all exit 0). With a subscription it is a
/// queue worker: a message is acknowledged only once its line is written,
/// so a worker that dies mid-way leaves the rest for the others.
struct StreamTailing {
    /// The `--type` words and the subscription types they name on the wire.
    static let subscriptionTypes: [(word: String, wire: String)] = [
        ("exclusive", "Exclusive"), ("shared", "Shared"), ("failover", "Failover"), ("key_shared", "Key_Shared"),
    ]

    let options: StreamTailOptions
    let limit: Int?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        let word = arguments.value(StreamCommand.type) ?? "exclusive"
        guard let type = Self.subscriptionTypes.first(where: { $0.word == word }) else {
            throw .invalid("unknown subscription type '\(word)'")
        }
        options = StreamTailOptions(start: arguments.value(StreamCommand.from) == "earliest" ? .earliest : .latest,
                                    subscription: arguments.value(StreamCommand.subscription), subscriptionType: type.wire)
        limit = arguments.integer(StreamCommand.count)
    }

    func run(_ topic: String, on target: CommandConnection, printingTo sink: any TextSink) throws {
        let options = self.options
        let tail = try target.wait { connection, fabric async throws(C8Error) in
            try await connection.tail(topic, in: fabric, options: options)
        }
        // A signal closes the tail, which ends its messages and so the loop.
        let stopRequested = Atomic<Bool>(false)
        let signals = StopSignals { _ in
            stopRequested.store(true, ordering: .sequentiallyConsistent)
            tail.close()
        }
        defer { signals.cancel() }
        let printed = try AsyncBridge.wait { [limit] () async throws(C8Error) -> Int in
            try await Self.print(tail, acknowledging: options.subscription != nil, limit: limit, to: sink)
        }
        tail.close()
        if printed != limit && !stopRequested.load(ordering: .sequentiallyConsistent) {
            throw CommandFailure("the tail of \(topic) ended: the stream was deleted or the connection was lost")
        }
    }

    /// Prints (and acknowledges) messages until `limit` or the tail's end.
    /// - Returns: how many were printed.
    private static func print(_ tail: any StreamTail, acknowledging: Bool, limit: Int?,
                              to sink: any TextSink) async throws(C8Error) -> Int {
        var printed = 0
        for await message in tail.messages {
            sink.writeLine(StreamTailLine(message).text)
            if acknowledging { tail.acknowledge(message.id) }
            printed += 1
            if printed == limit { break }
        }
        return printed
    }
}

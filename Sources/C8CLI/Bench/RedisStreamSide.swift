/// Redis Streams as `c8 bench streams` drives them: XADD to publish (the
/// reply, the entry id, is the receipt), a consumer group read with
/// XREADGROUP … COUNT window BLOCK, one XACK per message.
struct RedisStreamSide: StreamBenchSide {
    let name = "Redis"
    let host: String
    let port: Int

    func makeStream(run: String, group: String?) throws -> String {
        let key = "c8bench:" + run
        let control = try RESPConnection(host: host, port: port)
        defer { control.close() }
        try control.call(["DEL", key])
        if let group { try control.call(["XGROUP", "CREATE", key, group, "$", "MKSTREAM"]) }
        return key
    }

    func dropStream(_ stream: String) throws {
        let control = try RESPConnection(host: host, port: port)
        defer { control.close() }
        try control.call(["DEL", stream])
    }

    func producer(on stream: String, index: Int) throws -> any StreamBenchProducer {
        try RedisProducer(connection: RESPConnection(host: host, port: port), stream: stream)
    }

    func consumer(on stream: String, group: String, index: Int, consumers: Int, window: Int) throws -> any StreamBenchConsumer {
        try RedisConsumer(connection: RESPConnection(host: host, port: port), stream: stream, group: group,
                          name: "consumer-\(index)", window: window)
    }
}

/// `XADD stream * p <payload>`, one command per write.
final class RedisProducer: StreamBenchProducer, @unchecked Sendable {
    private let connection: RESPConnection
    /// Everything of the command before the payload's bulk string.
    private let prefix: [UInt8]

    init(connection: RESPConnection, stream: String) {
        self.connection = connection
        let head = RESPConnection.encode([Array("XADD".utf8), Array(stream.utf8), Array("*".utf8), Array("p".utf8)])
        // "*4" → "*5": the payload follows as the fifth argument.
        var prefix = head
        prefix.replaceSubrange(0..<2, with: Array("*5".utf8))
        self.prefix = prefix
    }

    func send(_ payload: [UInt8]) throws {
        var command = prefix
        command.reserveCapacity(prefix.count + payload.count + 16)
        command.append(UInt8(ascii: "$"))
        command.append(contentsOf: String(payload.count).utf8)
        command.append(contentsOf: [13, 10])
        command.append(contentsOf: payload)
        command.append(contentsOf: [13, 10])
        try connection.write(command)
    }

    func awaitReceipt() throws {
        let reply = try connection.readReply()
        guard case .bulk(.some) = reply else { throw RESPError("XADD answered \(reply)") }
    }

    func close() { connection.close() }
}

/// One consumer of a consumer group: XREADGROUP fetches up to `window`
/// new messages (blocking up to the caller's timeout), each acknowledged
/// with its own XACK, written at once; their replies are read before the
/// next XREADGROUP's.
final class RedisConsumer: StreamBenchConsumer {
    private let connection: RESPConnection
    private let stream: String
    private let group: String
    private let name: String
    private let window: Int
    private var batch: [(id: [UInt8], payload: [UInt8])] = []
    private var next = 0
    private var unreadAckReplies = 0
    private let ackPrefix: [UInt8]

    init(connection: RESPConnection, stream: String, group: String, name: String, window: Int) {
        self.connection = connection
        self.stream = stream
        self.group = group
        self.name = name
        self.window = window
        var prefix = RESPConnection.encode(["XACK", stream, group])
        prefix.replaceSubrange(0..<2, with: Array("*4".utf8))
        ackPrefix = prefix
    }

    func receive(timeout: Duration, wantPayload: Bool) throws -> [UInt8]? {
        if next < batch.count {
            next += 1
            return batch[next - 1].payload
        }
        let block = max(1, Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000))
        try connection.write(RESPConnection.encode(
            ["XREADGROUP", "GROUP", group, name, "COUNT", String(window), "BLOCK", String(block), "STREAMS", stream, ">"]))
        while unreadAckReplies > 0 {
            let reply = try connection.readReply()
            guard case .integer = reply else { throw RESPError("XACK answered \(reply)") }
            unreadAckReplies -= 1
        }
        let reply = try connection.readReply()
        batch = []
        next = 0
        switch reply {
        case .array(nil): return nil
        case .array(let streams?):
            // [[stream, [[id, [field, value, …]], …]]]
            guard case .array(let pair?)? = streams.first, pair.count == 2, case .array(let entries?) = pair[1] else {
                throw RESPError("XREADGROUP answered \(reply)")
            }
            batch.reserveCapacity(entries.count)
            for entry in entries {
                guard case .array(let parts?) = entry, parts.count == 2, case .bulk(let id?) = parts[0],
                      case .array(let fields?) = parts[1], fields.count >= 2, case .bulk(let payload?) = fields[1] else {
                    throw RESPError("XREADGROUP entry \(entry)")
                }
                batch.append((id, payload))
            }
            if batch.isEmpty { return nil }
            next = 1
            return batch[0].payload
        case .error(let message): throw RESPError("XREADGROUP: \(message)")
        default: throw RESPError("XREADGROUP answered \(reply)")
        }
    }

    func acknowledgeLast() throws {
        let id = batch[next - 1].id
        var command = ackPrefix
        command.append(UInt8(ascii: "$"))
        command.append(contentsOf: String(id.count).utf8)
        command.append(contentsOf: [13, 10])
        command.append(contentsOf: id)
        command.append(contentsOf: [13, 10])
        try connection.write(command)
        unreadAckReplies += 1
    }

    func close() { connection.close() }
}

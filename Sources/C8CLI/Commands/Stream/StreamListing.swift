import C8Client
import C8Core

/// `c8 stream list`: a table for people, or a JSON array for scripts.
struct StreamListing {
    let streams: [StreamSummary]

    func write(json: Bool, to sink: any TextSink) {
        if json {
            sink.writeLine(JSON.array(streams.map(Self.json)).jsonString())
            return
        }
        var table = TextTable(header: ["TOPIC", "SCOPE", "PERSISTENT"])
        for stream in streams {
            table.append([stream.topic, stream.isLocal ? "local" : "global", stream.isPersistent ? "yes" : "no"])
        }
        for line in table.lines { sink.writeLine(line) }
    }

    /// `{topic, name, local, persistent, collection}`: `collection` says
    /// whether it is a collection's change stream.
    static func json(_ stream: StreamSummary) -> JSON {
        ["topic": .string(stream.topic), "name": .string(stream.name), "local": .bool(stream.isLocal),
         "persistent": .bool(stream.isPersistent), "collection": .bool(stream.isCollectionStream)]
    }
}

import C8Client
import C8Core
import Foundation

/// One message as `c8 stream tail` prints it: a JSON object on one line,
/// `{"messageId", "publishTime", "key", "properties", "payload"}`, ready for
/// `jq`. The payload is its JSON value when it is JSON (most streams carry
/// JSON documents), else its text; `key` is null for a keyless message.
struct StreamTailLine {
    let message: StreamMessageView

    init(_ message: StreamMessageView) {
        self.message = message
    }

    var json: JSON {
        var properties = JSONObject()
        for (name, value) in message.properties.sorted(by: { $0.key < $1.key }) { properties[name] = .string(value) }
        let text = message.text
        return [
            "messageId": .string(message.id),
            "publishTime": .string(Self.iso8601(milliseconds: message.publishTime)),
            "key": message.key.map { .string($0) } ?? .null,
            "properties": .object(properties),
            "payload": (try? JSON.parse(text)) ?? .string(text),
        ]
    }

    var text: String { json.jsonString() }

    /// `2026-11-22T04:05:06.789Z`: UTC with milliseconds, as publish times are kept.
    static func iso8601(milliseconds: UInt64) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true)
            .format(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}

import C8Core
import C8Crypto
import C8Streams

/// The JSON frames of Pulsar's WebSocket API v2, as C8 clients send and
/// read them (C8-PROTOCOL.md §11, C8-API.md §1.15).
enum StreamFrames {
    /// What a producer sends: `{"payload": base64, "properties", "context", "key", "eventTime"}`.
    struct Publish: Sendable {
        var message: OutgoingMessage
        var context: JSON
    }

    /// What a consumer or reader sends back.
    enum Reply: Sendable, Equatable {
        case acknowledge(MessageID)
        case negativeAcknowledge(MessageID)
        case permit(Int)
    }

    /// Reads a producer's frame.
    /// - Throws: 400 for text that is not a JSON object, a payload that is
    ///   not base64, or properties that are not strings.
    static func publish(_ text: String) throws(C8Error) -> Publish {
        if let payload = payloadOnly(text) {
            return Publish(message: OutgoingMessage(payload: payload, key: nil, properties: [:], eventTime: 0), context: .null)
        }
        let frame = try object(text)
        let context = frame["context"]
        guard let encoded = frame["payload"].stringValue else {
            throw C8Error(.badParameter, "a message needs a base64 'payload'")
        }
        guard let payload = Base64.decode(encoded.utf8) else {
            throw C8Error(.badParameter, "'payload' is not base64")
        }
        var properties: [String: String] = [:]
        if case .object(let members) = frame["properties"] {
            for member in members.members {
                guard let value = member.value.stringValue else {
                    throw C8Error(.badParameter, "property '\(member.key)' must be a string")
                }
                properties[member.key] = value
            }
        }
        let eventTime = frame["eventTime"].doubleValue.map { UInt64(max(0, $0)) } ?? 0
        let message = OutgoingMessage(payload: payload, key: frame["key"].stringValue,
                                      properties: properties, eventTime: eventTime)
        return Publish(message: message, context: context)
    }

    private static let payloadOnlyPrefix = Array(#"{"payload":""#.utf8)

    /// The payload of the commonest frame, exactly `{"payload":"<base64>"}`,
    /// read without building a JSON tree; nil for any other frame (it takes
    /// the general path, which also reports its errors).
    static func payloadOnly(_ text: String) -> [UInt8]? {
        quotedValue(of: text, after: payloadOnlyPrefix) { Base64.decode(contiguous: $0) }
    }

    private static let ackOnlyPrefix = Array(#"{"messageId":""#.utf8)

    /// The id of the commonest consumer frame, exactly `{"messageId":"<id>"}`
    /// (a plain ack, one per delivered message), read without a JSON tree;
    /// nil for any other frame.
    static func ackOnly(_ text: String) -> MessageID? {
        quotedValue(of: text, after: ackOnlyPrefix) { MessageID(utf8: $0) }
    }

    /// `read` applied to the bytes between `prefix` and the closing `"}` when
    /// `text` is exactly `prefix`, a string, `"}` — the shape of one-member
    /// frames whose value is base64; nil for anything else.
    ///
    /// `read` must refuse quotes and backslashes, as base64 does: then a
    /// frame with more members, or with an escape in its value, is refused
    /// here and takes the general path. (A scan for them first cost as much
    /// as the decoding.)
    private static func quotedValue<T>(of text: String, after prefix: [UInt8],
                                       _ read: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        var text = text
        return text.withUTF8 { bytes -> T? in
            guard bytes.count >= prefix.count + 2, bytes[bytes.count - 1] == UInt8(ascii: "}"),
                  bytes[bytes.count - 2] == UInt8(ascii: "\""),
                  prefix.withUnsafeBufferPointer({ $0.elementsEqual(bytes[..<prefix.count]) }) else { return nil }
            return read(UnsafeBufferPointer(rebasing: bytes[prefix.count..<(bytes.count - 2)]))
        }
    }

    /// `{"result":"ok","messageId":…,"context":…}`.
    /// As UTF-8 bytes, sent as they are (``WebSocketConnection/send(textUTF8:)``).
    static func receipt(_ id: MessageID, context: JSON) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(receiptPrefix.count + 24)
        receipt(id, context: context, into: &out)
        return out
    }

    /// ``receipt(_:context:)`` appended to `out`.
    static func receipt(_ id: MessageID, context: JSON, into out: inout [UInt8]) {
        // Message ids are base64: nothing to escape.
        if context == .null {
            out.append(contentsOf: receiptPrefix)
            id.appendText(to: &out)
            out.append(contentsOf: #""}"#.utf8)
            return
        }
        let object: JSONObject = ["result": "ok", "messageId": .string(id.text), "context": context]
        out.append(contentsOf: JSON.object(object).jsonString().utf8)
    }

    private static let receiptPrefix = Array(#"{"result":"ok","messageId":""#.utf8)

    /// `{"result":"send-error:<errorNum>","errorMsg":…,"context":…}`.
    static func sendError(_ error: C8Error, context: JSON) -> String {
        var object: JSONObject = ["result": .string("send-error:\(error.errorNum)"), "errorMsg": .string(error.message)]
        if context != .null { object["context"] = context }
        return JSON.object(object).jsonString()
    }

    /// A delivered message: `{"messageId","payload","properties","publishTime","redeliveryCount","key"?,"eventTime"?}`,
    /// written as bytes (no JSON tree per message) and sent as they are;
    /// strings that may need escaping (properties, key) go through the JSON
    /// encoder.
    static func delivery(_ message: StreamMessage) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(message.payload.count * 4 / 3 + 160)
        delivery(message, into: &out)
        return out
    }

    /// ``delivery(_:)`` appended to `out`.
    static func delivery(_ message: StreamMessage, into out: inout [UInt8]) {
        out.append(contentsOf: ackOnlyPrefix)
        message.id.appendText(to: &out)
        out.append(contentsOf: DeliveryText.payload)
        Base64.encode(message.payload, into: &out)
        out.append(contentsOf: DeliveryText.properties)
        if !message.properties.isEmpty {
            var first = true
            for (name, value) in message.properties.sorted(by: { $0.key < $1.key }) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(contentsOf: JSON.string(name).jsonString().utf8)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: JSON.string(value).jsonString().utf8)
            }
        }
        out.append(contentsOf: DeliveryText.publishTime)
        CivilDate.iso8601(milliseconds: message.publishTime, into: &out)
        out.append(contentsOf: DeliveryText.redeliveryCount)
        if message.redeliveryCount == 0 {
            out.append(UInt8(ascii: "0"))
        } else {
            out.append(contentsOf: String(message.redeliveryCount).utf8)
        }
        if let key = message.key {
            out.append(contentsOf: DeliveryText.key)
            out.append(contentsOf: JSON.string(key).jsonString().utf8)
        }
        if message.eventTime != 0 {
            out.append(contentsOf: DeliveryText.eventTime)
            CivilDate.iso8601(milliseconds: message.eventTime, into: &out)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
    }

    /// The fixed parts of a delivery frame as arrays: appending a string
    /// literal's UTF-8 view went through a generic loop (~170 instructions
    /// each, five per delivered message), an array is one copy.
    private enum DeliveryText {
        static let payload = Array(#"","payload":""#.utf8)
        static let properties = Array(#"","properties":{"#.utf8)
        static let publishTime = Array(#"},"publishTime":""#.utf8)
        static let redeliveryCount = Array(#"","redeliveryCount":"#.utf8)
        static let key = Array(#","key":"#.utf8)
        static let eventTime = Array(#","eventTime":""#.utf8)
    }

    /// Reads a consumer's or reader's frame: an ack `{"messageId"}`,
    /// `{"type":"negativeAcknowledge","messageId"}` or
    /// `{"type":"permit","permitMessages":n}`.
    /// - Throws: 400 for anything else.
    static func reply(_ text: String) throws(C8Error) -> Reply {
        if let id = ackOnly(text) { return .acknowledge(id) }
        let frame = try object(text)
        switch frame["type"].stringValue {
        case nil, "ack", "acknowledge":
            return .acknowledge(try messageID(frame))
        case "negativeAcknowledge":
            return .negativeAcknowledge(try messageID(frame))
        case "permit":
            guard let count = frame["permitMessages"].intValue, count > 0 else {
                throw C8Error(.badParameter, "'permitMessages' must be a positive number")
            }
            return .permit(Int(count))
        case let other?:
            throw C8Error(.badParameter, "unknown frame type '\(other)'")
        }
    }

    private static func messageID(_ frame: JSON) throws(C8Error) -> MessageID {
        guard let text = frame["messageId"].stringValue, let id = MessageID(text: text) else {
            throw C8Error(.badParameter, "the frame names no valid 'messageId'")
        }
        return id
    }

    private static func object(_ text: String) throws(C8Error) -> JSON {
        let json: JSON
        do { json = try JSON.parse(text) } catch {
            throw C8Error(.badParameter, "a stream frame must be a JSON object")
        }
        guard case .object = json else { throw C8Error(.badParameter, "a stream frame must be a JSON object") }
        return json
    }
}

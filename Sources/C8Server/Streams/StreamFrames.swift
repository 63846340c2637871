import C8Core
import C8Streams
import Foundation

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
        let frame = try object(text)
        let context = frame["context"]
        guard let encoded = frame["payload"].stringValue else {
            throw C8Error(.badParameter, "a message needs a base64 'payload'")
        }
        guard let payload = Data(base64Encoded: encoded) else {
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
        let message = OutgoingMessage(payload: Array(payload), key: frame["key"].stringValue,
                                      properties: properties, eventTime: eventTime)
        return Publish(message: message, context: context)
    }

    /// `{"result":"ok","messageId":…,"context":…}`.
    static func receipt(_ id: MessageID, context: JSON) -> String {
        var object: JSONObject = ["result": "ok", "messageId": .string(id.text)]
        if context != .null { object["context"] = context }
        return JSON.object(object).jsonString()
    }

    /// `{"result":"send-error:<errorNum>","errorMsg":…,"context":…}`.
    static func sendError(_ error: C8Error, context: JSON) -> String {
        var object: JSONObject = ["result": .string("send-error:\(error.errorNum)"), "errorMsg": .string(error.message)]
        if context != .null { object["context"] = context }
        return JSON.object(object).jsonString()
    }

    /// A delivered message: `{"messageId","payload","properties","publishTime","redeliveryCount","key"?,"eventTime"?}`.
    static func delivery(_ message: StreamMessage) -> String {
        var properties = JSONObject(minimumCapacity: message.properties.count)
        for (name, value) in message.properties.sorted(by: { $0.key < $1.key }) {
            properties.appendUnique(name, .string(value))
        }
        var object = JSONObject(minimumCapacity: 7)
        object.appendUnique("messageId", .string(message.id.text))
        object.appendUnique("payload", .string(Data(message.payload).base64EncodedString()))
        object.appendUnique("properties", .object(properties))
        object.appendUnique("publishTime", .string(CivilDate.iso8601(milliseconds: message.publishTime)))
        object.appendUnique("redeliveryCount", .int(Int64(message.redeliveryCount)))
        if let key = message.key { object.appendUnique("key", .string(key)) }
        if message.eventTime != 0 {
            object.appendUnique("eventTime", .string(CivilDate.iso8601(milliseconds: message.eventTime)))
        }
        return JSON.object(object).jsonString()
    }

    /// Reads a consumer's or reader's frame: an ack `{"messageId"}`,
    /// `{"type":"negativeAcknowledge","messageId"}` or
    /// `{"type":"permit","permitMessages":n}`.
    /// - Throws: 400 for anything else.
    static func reply(_ text: String) throws(C8Error) -> Reply {
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

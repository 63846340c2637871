import C8Core
import Foundation

/// A ``StreamChange`` in the replication log: `{tenant, fabric, stream,
/// kind: created|deleted|message, persistent?, payload (base64)?, key?,
/// properties?, producer?, eventTime?}`.
enum StreamChangeCoding {
    static func encode(_ change: StreamChange) -> JSONObject {
        var object: JSONObject = ["tenant": .string(change.tenant), "fabric": .string(change.fabric), "stream": .string(change.stream)]
        switch change.kind {
        case .created(let persistent):
            object["kind"] = "created"
            object["persistent"] = .bool(persistent)
        case .deleted:
            object["kind"] = "deleted"
        case .message(let message):
            object["kind"] = "message"
            object["payload"] = .string(Data(message.payload).base64EncodedString())
            if let key = message.key { object["key"] = .string(key) }
            object["properties"] = .object(JSONObject(uniqueMembers: message.properties.sorted { $0.key < $1.key }
                .map { JSONObject.Member($0.key, .string($0.value)) }))
            object["producer"] = .string(message.producerName)
            object["eventTime"] = .int(Int64(bitPattern: message.eventTime))
        }
        return object
    }

    static func decode(_ json: JSON) throws(C8Error) -> StreamChange {
        guard let tenant = json["tenant"].stringValue, let fabric = json["fabric"].stringValue,
              let stream = json["stream"].stringValue, let kind = json["kind"].stringValue else {
            throw C8Error(.internalError, "a replicated stream change is damaged")
        }
        switch kind {
        case "created":
            return StreamChange(tenant: tenant, fabric: fabric, stream: stream, kind: .created(persistent: json["persistent"].boolValue ?? true))
        case "deleted":
            return StreamChange(tenant: tenant, fabric: fabric, stream: stream, kind: .deleted)
        case "message":
            guard let payload = json["payload"].stringValue.flatMap({ Data(base64Encoded: $0) }) else {
                throw C8Error(.internalError, "a replicated stream message has no payload")
            }
            var properties: [String: String] = [:]
            for member in json["properties"].objectValue?.members ?? [] { properties[member.key] = member.value.stringValue ?? "" }
            return StreamChange(tenant: tenant, fabric: fabric, stream: stream, kind: .message(StreamChangeMessage(
                payload: [UInt8](payload), key: json["key"].stringValue, properties: properties,
                producerName: json["producer"].stringValue ?? "", eventTime: UInt64(bitPattern: json["eventTime"].intValue ?? 0))))
        default:
            throw C8Error(.internalError, "unknown replicated stream change '\(kind)'")
        }
    }
}

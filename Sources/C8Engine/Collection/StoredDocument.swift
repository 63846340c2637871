import C8Core

/// Converting between documents as users see them and as storage keeps them.
///
/// Storage keeps `_key` first, then `_rev`, `_from`/`_to` for edges, then
/// the user's attributes in their order; `_id` is not stored (it is derived
/// from the collection name, so a rename rewrites nothing) and is put back
/// after `_key` on every read.
enum StoredDocument {
    static let systemAttributes: Set<String> = ["_key", "_id", "_rev", "_from", "_to"]

    /// The stored form of a new document body.
    static func make(key: String, rev: String, edge: (from: String, to: String)?, body: JSONObject) -> JSONObject {
        var object = JSONObject(minimumCapacity: body.count + 4)
        object.appendUnique("_key", .string(key))
        object.appendUnique("_rev", .string(rev))
        if let edge {
            object.appendUnique("_from", .string(edge.from))
            object.appendUnique("_to", .string(edge.to))
        }
        for member in body.members where !systemAttributes.contains(member.key) {
            object.appendUnique(member.key, member.value)
        }
        return object
    }

    /// The user's view of a stored document: `_id` inserted after `_key`.
    static func present(_ stored: JSONObject, collection: String) -> JSON {
        var members = stored.members
        let key = members.first?.value.stringValue ?? ""
        members.insert(JSONObject.Member("_id", .string(collection + "/" + key)), at: min(1, members.count))
        return .object(JSONObject(uniqueMembers: members))
    }

    /// The user attributes of a stored document (no system attributes).
    static func body(of stored: JSONObject) -> JSONObject {
        JSONObject(uniqueMembers: stored.members.filter { !systemAttributes.contains($0.key) })
    }

    static func rev(of stored: JSONObject) -> String { stored["_rev"]?.stringValue ?? "" }
}

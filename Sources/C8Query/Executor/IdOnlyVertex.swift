import C8Core
import C8Engine

/// A vertex as a projection of `_id`/`_key` only reads it, made from its
/// `_id` without reading the document (once it is known to exist).
///
/// Which of the two members to make is decided once per traversal, not
/// asked of the projection for every vertex.
struct IdOnlyVertex {
    private let key: Bool
    private let id: Bool

    /// nil when `projection` asks for more than `_id` and `_key`.
    init?(_ projection: DocumentProjection) {
        let names = projection.attributes.names
        guard names.allSatisfy({ $0 == "_id" || $0 == "_key" }) else { return nil }
        key = names.contains("_key")
        id = names.contains("_id")
    }

    /// The vertex `id` (whose `_key` is `key`), members in stored order
    /// (`_key` before `_id`), as a read of the projection would give it.
    func vertex(id handle: String, key value: String?) -> JSON {
        // An array literal of the members: one exact allocation, no
        // reserve-then-append (a vertex per row of a traversal).
        switch (key ? value : nil, id) {
        case (let value?, true): .object(JSONObject(uniqueMembers: [.init("_key", .string(value)), .init("_id", .string(handle))]))
        case (let value?, false): .object(JSONObject(uniqueMembers: [.init("_key", .string(value))]))
        case (nil, true): .object(JSONObject(uniqueMembers: [.init("_id", .string(handle))]))
        case (nil, false): .object(JSONObject())
        }
    }
}

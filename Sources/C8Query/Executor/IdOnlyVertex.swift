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
        var object = JSONObject(minimumCapacity: 2)
        if key, let value { object.appendUnique("_key", .string(value)) }
        if id { object.appendUnique("_id", .string(handle)) }
        return .object(object)
    }
}

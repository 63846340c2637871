import C8Core

/// One edge as its edge index entry tells it: the edge's `_key` and, for
/// entries that carry it, both ends. A traversal that reads of its edges
/// only `_key`, `_id`, `_from` and `_to` walks on these alone — no read of
/// the edge document (which, for graphs larger than the block cache, is a
/// block read and decompression per edge).
///
/// Entries written before the index carried the far end have `ends` nil;
/// readers then read the edge document (see Docs/DECISIONS.md).
public struct EdgeLink: Sendable, Hashable {
    public let key: String
    /// `_from` and `_to` of the edge, when the entry carries the far end.
    public let ends: Ends?

    public struct Ends: Sendable, Hashable {
        public let from: String
        public let to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    public init(key: String, ends: Ends?) {
        self.key = key
        self.ends = ends
    }

    /// The attributes an edge link can answer without the edge document.
    public static let attributes: Set<String> = ["_key", "_id", "_from", "_to"]

    /// The projection `projection` of the edge, built from the link alone:
    /// nil when the link lacks the ends or the projection asks for more than
    /// ``attributes`` (the caller then reads the document).
    public func document(collection: String, projection: DocumentProjection?) -> JSON? {
        guard let ends, let projection, projection.attributes.names.allSatisfy(Self.attributes.contains) else { return nil }
        var object = JSONObject(minimumCapacity: projection.attributes.names.count)
        for name in projection.attributes.names {
            switch name {
            case "_key": object.appendUnique(name, .string(key))
            case "_id": object.appendUnique(name, .string(collection + "/" + key))
            case "_from": object.appendUnique(name, .string(ends.from))
            default: object.appendUnique(name, .string(ends.to))
            }
        }
        return .object(object)
    }
}

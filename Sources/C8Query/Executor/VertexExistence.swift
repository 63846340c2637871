import C8Core
import C8Storage

/// Answers, for a traversal that reads nothing of its vertices but what an
/// `_id` tells (`_id`, `_key`), whether each reached vertex exists, and
/// hands back the `_key` it split off the `_id` on the way.
///
/// The general path (``QueryContext/documentsExist(_:)``) groups handles
/// through a dictionary keyed by `Substring` and splits each handle through
/// `String` indices, and the vertex's `_key` was then split off a second
/// time to build `v`: ~1,300 instructions per vertex before any read
/// (callgrind of the 1..3-hop benchmark walk, 1,100 vertices a query).
/// Here each `_id` is split once over its UTF-8 bytes, and the handles of a
/// walk, nearly always of one vertex collection, are grouped by comparing
/// with the previous handle's collection.
struct VertexExistence {
    /// One collection's share of a batch: positions in the batch and keys.
    private struct Group {
        var collection: String
        /// `collection`'s UTF-8, to compare the next handle's prefix with.
        var name: [UInt8]
        var positions: [Int] = []
        var keys: [String] = []
    }

    /// `exists[i]`: whether `ids[i]` names a document the query may read;
    /// `keys[i]`: its `_key` (nil for a string that is no handle).
    static func check(_ ids: [String], context: QueryContext) throws(C8Error) -> (exists: [Bool], keys: [String?]) {
        var keys = [String?](repeating: nil, count: ids.count)
        var exists = [Bool](repeating: false, count: ids.count)
        var groups: [Group] = []
        var current = -1
        for (position, id) in ids.enumerated() {
            var id = id
            id.withUTF8 { bytes in
                guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return }
                let collection = UnsafeBufferPointer(rebasing: bytes[..<slash])
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[(slash + 1)...]), as: UTF8.self)
                keys[position] = key
                // The previous handle's collection is compared in place: no
                // string is made for it (nearly every handle of a walk is in
                // one vertex collection).
                if current < 0 || Bytes.compare(collection, groups[current].name) != 0 {
                    if let known = groups.firstIndex(where: { Bytes.compare(collection, $0.name) == 0 }) {
                        current = known
                    } else {
                        groups.append(Group(collection: String(decoding: collection, as: UTF8.self), name: Array(collection)))
                        current = groups.count - 1
                    }
                }
                groups[current].positions.append(position)
                groups[current].keys.append(key)
            }
        }
        for group in groups {
            let found = try context.documentsExist(in: group.collection, keys: group.keys)
            for (position, present) in zip(group.positions, found) { exists[position] = present }
        }
        return (exists, keys)
    }
}

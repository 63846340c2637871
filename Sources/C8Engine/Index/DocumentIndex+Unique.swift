import C8Core
import C8Storage

extension DocumentIndex {
    /// Throws 1210 (unique constraint violated) when `entries` — those of
    /// the document stored under `key`, about to be written — collide.
    ///
    /// Call it before writing, after removing nothing: an entry that
    /// already exists is a conflict only when it belongs to another document
    /// (its value is another `_key`), so updating a document in place never
    /// conflicts with itself. The same entry twice in `entries` is a
    /// conflict too: a unique array index with `deduplicate: false` rejects
    /// a document whose array repeats a value, as ArangoDB does. Non-unique
    /// indexes never throw.
    public func checkUniqueness(of entries: [IndexEntry], key: String, in storage: any StorageEngine) throws(C8Error) {
        guard isUnique else { return }
        var seen: Set<[UInt8]> = []
        for entry in entries {
            guard seen.insert(entry.key).inserted else { throw uniqueViolation(conflictingKey: key) }
            if let existing = try storage.get(entry.key), existing != entry.value {
                throw uniqueViolation(conflictingKey: String(decoding: existing, as: UTF8.self))
            }
        }
    }

    /// ArangoDB's wording: which index, over what, and which document holds
    /// the value already.
    public func uniqueViolation(conflictingKey: String) -> C8Error {
        let fields = definition.fields.map(\.description).joined(separator: ", ")
        return C8Error(
            .uniqueConstraintViolated,
            "unique constraint violated - in index \(definition.name) of type \(definition.type.rawValue) "
                + "over '\(fields)'; conflicting key: \(conflictingKey)")
    }
}

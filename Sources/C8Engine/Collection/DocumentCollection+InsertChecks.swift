import C8Core

/// The checks every insert makes, shared by ``DocumentCollection/insert(_:options:)``
/// (through `CollectionWrite`) and ``DocumentCollection/bulkInsert(_:options:)``,
/// so that both refuse the same documents with the same errors.
extension DocumentCollection {
    /// The object an insert stores; 1227 for any other JSON value.
    static func insertObject(_ body: JSON) throws(C8Error) -> JSONObject {
        guard case .object(let input) = body else { throw notAnObject() }
        return input
    }

    /// 1227: what an insert of anything but an object throws.
    static func notAnObject() -> C8Error {
        C8Error(.documentTypeInvalid, "a document must be a JSON object")
    }

    /// The `_key` a new document gets: the one it brings, checked, or a
    /// fresh one from `generator` — and whether the generator's state must
    /// then be persisted (autoincrement and traditional keys must keep
    /// increasing after a restart).
    /// - Throws: see ``checkedUserKey(in:hasDefaultShardKeys:generator:isRestore:)``;
    ///   1225 when the generator is out of keys.
    static func insertKey(
        for input: JSONObject, properties: CollectionProperties, generator: any KeyGenerator, isRestore: Bool
    ) throws(C8Error) -> (key: String, persistsGenerator: Bool) {
        if let key = try checkedUserKey(in: input, hasDefaultShardKeys: properties.hasDefaultShardKeys,
                                        generator: generator, isRestore: isRestore) {
            generator.track(userKey: key)
            return (key.rawValue, persistsGenerator(userKey: true, properties.keyOptions.type))
        }
        return (try generator.generate().rawValue, persistsGenerator(userKey: false, properties.keyOptions.type))
    }

    /// The checks of the `_key` a new document brings, without touching the
    /// generator's state (a bulk load runs them on every core, then keeps
    /// the keys in input order); nil when the document brings none.
    /// - Throws: 1466 when the collection has custom shard keys (unless
    ///   restoring), 1221 for a `_key` that is not a valid key or does not
    ///   fit the generator, 1222 when the collection forbids user keys.
    static func checkedUserKey(
        in input: JSONObject, hasDefaultShardKeys: Bool, generator: any KeyGenerator, isRestore: Bool
    ) throws(C8Error) -> DocumentKey? {
        try checkedUserKey(input["_key"], hasDefaultShardKeys: hasDefaultShardKeys, generator: generator,
                           isRestore: isRestore)
    }

    /// The same checks of a document's `_key` value (nil: it has none),
    /// for a bulk load that reads it out of the document's binary form.
    static func checkedUserKey(
        _ userKey: JSON?, hasDefaultShardKeys: Bool, generator: any KeyGenerator, isRestore: Bool
    ) throws(C8Error) -> DocumentKey? {
        guard let userKey else { return nil }
        guard hasDefaultShardKeys || isRestore else { throw C8Error(.mustNotSpecifyKey) }
        guard case .string(let text) = userKey else { throw C8Error(.documentKeyBad, detail: "_key must be a string") }
        return try generator.check(userKey: text, isRestore: isRestore)
    }

    /// Whether an insert changes the generator state that must survive a
    /// restart: user keys move autoincrement and traditional generators,
    /// generated keys every kind but uuid.
    static func persistsGenerator(userKey: Bool, _ type: KeyGeneratorType) -> Bool {
        userKey ? type == .autoincrement || type == .traditional : type != .uuid
    }

    /// 1210 for a new document whose `_key` is taken, in ArangoDB's words.
    static func primaryKeyConflict(_ key: String) -> C8Error {
        C8Error(.uniqueConstraintViolated,
                "unique constraint violated - in index primary of type primary over '_key'; conflicting key: \(key)")
    }

    /// 1216 when a stored form of `byteCount` bytes exceeds the limit.
    func checkDocumentSize(_ byteCount: Int) throws(C8Error) {
        try Self.checkDocumentSize(byteCount, limit: limits.maximumDocumentSize)
    }

    static func checkDocumentSize(_ byteCount: Int, limit: Int) throws(C8Error) {
        if byteCount > limit {
            throw C8Error(.documentTooLarge, detail: "\(byteCount) bytes, the limit is \(limit)")
        }
    }
}

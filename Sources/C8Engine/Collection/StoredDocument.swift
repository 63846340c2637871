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

    /// The user's view of a stored document: `_id` inserted after `_key`
    /// (members copied once into an array of the final size).
    static func present(_ stored: JSONObject, collection: String) -> JSON {
        let members = stored.members
        let key = members.first?.value.stringValue ?? ""
        var presented = JSONObject(minimumCapacity: members.count + 1)
        for (i, member) in members.enumerated() {
            if i == 1 { presented.appendUnique("_id", .string(collection + "/" + key)) }
            presented.appendUnique(member.key, member.value)
        }
        if members.count < 2 { presented.appendUnique("_id", .string(collection + "/" + key)) }
        return .object(presented)
    }

    /// The user's view of a stored document in binary form: the stored
    /// bytes with `_id` spliced in after `_key` — what the document cache
    /// keeps and ``decodePresented(_:key:)`` turns into `JSON`. With
    /// `prefix` (a cache entry's header, ``CachedDocument/withPrefix(collection:key:_:)``)
    /// first in the same array: the presented form is then the slice from
    /// `prefix.count` on, and the array the cache entry itself.
    static func presentedBytes(
        _ stored: [UInt8], key: String, collection: String, after prefix: UnsafeBufferPointer<UInt8>? = nil
    ) throws(C8Error) -> [UInt8] {
        let result = stored.withUnsafeBufferPointer { bytes in
            Result { () throws(C8Error) -> [UInt8] in try presentedBytes(bytes, key: key, collection: collection, after: prefix) }
        }
        return try result.get()
    }

    static func presentedBytes(
        _ stored: UnsafeBufferPointer<UInt8>, key: String, collection: String, after prefix: UnsafeBufferPointer<UInt8>? = nil
    ) throws(C8Error) -> [UInt8] {
        do {
            return try BinaryJSON.insertingMember("_id", string: collection + "/" + key, at: 1, intoObject: stored, after: prefix)
        } catch {
            throw C8Error(error)
        }
    }

    /// A stored document as users see it, straight from its stored bytes
    /// (a full scan's): `_id` spliced in after `_key`, kept in binary form
    /// (``decodePresented(_:key:)``).
    static func presentedDocument(_ stored: UnsafeBufferPointer<UInt8>, collection: String) throws(C8Error) -> JSON {
        let key: String
        do { key = try BinaryJSON.stringMember("_key", ofObject: stored) ?? "" } catch { throw C8Error(error) }
        return try decodePresented(try presentedBytes(stored, key: key, collection: collection)[...], key: key)
    }

    /// The document of ``presentedBytes(_:key:collection:after:)``, kept in
    /// its binary form until its members are needed — trusted bytes, written
    /// by c8 and read back through checksums (``JSONObject/init(trustedBinaryObject:)``),
    /// sharing `presented`'s array.
    static func decodePresented(_ presented: ArraySlice<UInt8>, key: String) throws(C8Error) -> JSON {
        do { return .object(try JSONObject(trustedBinaryObject: presented)) } catch {
            throw C8Error(.internalError, "stored document \(key) is not an object")
        }
    }

    /// The user attributes of a stored document (no system attributes).
    static func body(of stored: JSONObject) -> JSONObject {
        JSONObject(uniqueMembers: stored.members.filter { !systemAttributes.contains($0.key) })
    }

    static func rev(of stored: JSONObject) -> String { stored["_rev"]?.stringValue ?? "" }
}

extension ArraySlice<UInt8> {
    /// `withUnsafeBufferPointer` for a body that throws `C8Error`.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws(C8Error) -> R) throws(C8Error) -> R {
        try withUnsafeBufferPointer { bytes in Result { () throws(C8Error) -> R in try body(bytes) } }.get()
    }
}

import C8Core

/// The top-level attributes a reader needs of a document, when it needs no
/// more: reads that carry one decode only those members of the stored
/// binary form (``BinaryJSON/decodeMembers(_:ofObject:)``) instead of the
/// whole document.
///
/// The result is an object holding just those members (the ones the
/// document has), so reading any of them — at any depth below — gives what
/// it gives on the whole document, and a missing one is null either way.
/// It must only be used where nothing looks at the document as a whole.
public struct DocumentProjection: Sendable, Hashable {
    /// What the reader asked for.
    public let attributes: BinaryMemberNames
    /// What to decode from the stored form, which has no `_id`: the asked
    /// attributes, with `_key` instead of `_id` (it is derived from `_key`).
    let stored: BinaryMemberNames
    let wantsId: Bool
    let wantsKey: Bool

    public init(_ attributes: some Sequence<String>) {
        self.attributes = BinaryMemberNames(attributes)
        wantsId = self.attributes.contains("_id")
        wantsKey = self.attributes.contains("_key")
        stored = BinaryMemberNames(self.attributes.names.filter { $0 != "_id" } + (wantsId ? ["_key"] : []))
    }

    /// The projection of a document in its presented form (`_id` included).
    func decode(presented bytes: UnsafeBufferPointer<UInt8>) throws(C8Error) -> JSON {
        do { return .object(try BinaryJSON.decodeMembers(attributes, ofObject: bytes)) } catch { throw C8Error(error) }
    }

    /// The projection of a document in its stored form, `_id` made from
    /// `collection` and the stored `_key` when asked for.
    func decode(stored bytes: UnsafeBufferPointer<UInt8>, collection: String) throws(C8Error) -> JSON {
        var object: JSONObject
        do { object = try BinaryJSON.decodeMembers(stored, ofObject: bytes) } catch { throw C8Error(error) }
        if wantsId, let key = object["_key"]?.stringValue {
            if !wantsKey { _ = object.removeValue(forKey: "_key") }
            object.appendUnique("_id", .string(collection + "/" + key))
        }
        return .object(object)
    }
}

import C8Core

/// What a bulk load reads of an input document in its binary form (the
/// ``BinaryJSON`` encoding of the value an insert would get): single
/// members, found by walking the object without decoding the rest.
enum BulkInput {
    /// Whether a member's key (UTF-8) is one of
    /// `StoredDocument.systemAttributes`, which the stored form sets itself
    /// or leaves out — compared in place, without making a `String`.
    @inline(__always)
    static func isSystem(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count >= 3, key.count <= 5, key[0] == UInt8(ascii: "_") else { return false }
        return equals(key, "_key") || equals(key, "_id") || equals(key, "_rev") || equals(key, "_from")
            || equals(key, "_to")
    }

    /// The value of the member `name` of the encoded object `bytes`,
    /// decoded; nil when it has none (an encoded object's keys are unique).
    /// - Throws: an internal error when `bytes` is not well-formed.
    static func member(_ name: StaticString, ofObject bytes: UnsafeBufferPointer<UInt8>) throws(C8Error) -> JSON? {
        do throws(BinaryJSONError) {
            guard let found = try BinaryJSON.firstMember(ofObject: bytes, where: { equals($0, name) }) else { return nil }
            return try BinaryJSON.decode(buffer: found.value)
        } catch {
            throw C8Error(error)
        }
    }

    /// An edge document's `_from` and `_to` members (those present), for
    /// ``DocumentCollection/edgeEndpoints(_:properties:existing:)`` to check.
    static func endpoints(of bytes: UnsafeBufferPointer<UInt8>) throws(C8Error) -> JSONObject {
        var from: UnsafeBufferPointer<UInt8>?, to: UnsafeBufferPointer<UInt8>?
        var object = JSONObject(minimumCapacity: 2)
        do throws(BinaryJSONError) {
            try BinaryJSON.forEachMember(ofObject: bytes) { member in
                if equals(member.key, "_from") {
                    from = member.value
                } else if equals(member.key, "_to") {
                    to = member.value
                }
            }
            if let from { object.appendUnique("_from", try BinaryJSON.decode(buffer: from)) }
            if let to { object.appendUnique("_to", try BinaryJSON.decode(buffer: to)) }
        } catch {
            throw C8Error(error)
        }
        return object
    }

    @inline(__always)
    private static func equals(_ key: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        let text = name.utf8Start
        for i in 0..<key.count where key[i] != text[i] { return false }
        return true
    }
}

/// Scratch space one chunk of a bulk load reuses from document to document.
struct BulkScratch: ~Copyable {
    /// The stored form being assembled.
    var stored = ByteBuffer(capacity: 4096)
    /// Runs of body members to copy into it.
    var runs: [Range<Int>] = []

    init() {
        runs.reserveCapacity(8)
    }
}

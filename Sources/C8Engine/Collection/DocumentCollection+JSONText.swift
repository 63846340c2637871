import C8Core

/// A document as JSON text, for callers that would serialize it anyway (a
/// REST `GET`), with its revision for the `ETag`.
public struct DocumentText: Sendable, Equatable {
    /// Compact JSON text, byte for byte `document(key)?.serialized()`.
    public let json: [UInt8]
    /// `_rev`, empty if the stored document has none.
    public let rev: String
}

extension DocumentCollection {
    /// The document stored under `key` as JSON text, or nil — what
    /// ``document(_:)`` answers, serialized, but written straight from the
    /// binary form (the cached bytes on a hit) without a `JSON` tree.
    /// Served and cached exactly as ``document(_:)`` is.
    public func documentText(_ key: String) throws(C8Error) -> DocumentText? {
        guard DocumentKey.isValid(key) else { return nil }
        guard let cache = context.documentCache, cacheEnabled.load(ordering: .relaxed) else {
            return try presentedForText(key).map { presented throws(C8Error) in try Self.text(of: presented) }
        }
        switch try cache.lookup(collection: objectId, key: key, decode: Self.text(of:)) {
        case .hit(let text):
            return text
        case .miss(let ticket):
            // The ticket was taken before the name and storage are read.
            guard let presented = try presentedForText(key) else { return nil }
            cache.insert(ticket, presented)
            return try Self.text(of: presented)
        case .bypass:
            return try presentedForText(key).map { presented throws(C8Error) in try Self.text(of: presented) }
        }
    }

    /// The document under `key` as JSON text if the document cache holds
    /// it, else nil (absent, not cached, or a write of it in flight) —
    /// never a storage read, so a server may call it on a thread that must
    /// not wait for storage and send everything else the slow way.
    public func cachedDocumentText(_ key: String) throws(C8Error) -> DocumentText? {
        guard let cache = context.documentCache, cacheEnabled.load(ordering: .relaxed), DocumentKey.isValid(key) else {
            return nil
        }
        guard case .hit(let text) = try cache.lookup(collection: objectId, key: key, decode: Self.text(of:)) else {
            return nil
        }
        return text
    }

    /// The stored binary form with `_id` spliced in: the same as the
    /// private `presentedBytes(_:)` of DocumentCollection.swift, which an
    /// extension in another file cannot call — make that one internal and
    /// drop this when that file next changes.
    private func presentedForText(_ key: String) throws(C8Error) -> [UInt8]? {
        let name = self.name
        guard let stored = try storage.get(KeySpace.documentKey(collection: objectId, key: key)) else { return nil }
        return try StoredDocument.presentedBytes(stored, key: key, collection: name)
    }

    private static func text(of presented: [UInt8]) throws(C8Error) -> DocumentText {
        let result = presented.withUnsafeBufferPointer { bytes in
            Result { () throws(C8Error) -> DocumentText in try text(of: bytes) }
        }
        return try result.get()
    }

    private static func text(of presented: UnsafeBufferPointer<UInt8>) throws(C8Error) -> DocumentText {
        do throws(BinaryJSONError) {
            // Throws for anything but an object, as `document(_:)` does.
            let rev = try BinaryJSON.stringMember("_rev", ofObject: presented) ?? ""
            return DocumentText(json: try BinaryJSON.jsonText(presented), rev: rev)
        } catch {
            throw C8Error(error)
        }
    }
}

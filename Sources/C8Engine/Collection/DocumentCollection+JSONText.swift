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
        try readPresented(key, decode: Self.text(of:))
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

    private static func text(of presented: ArraySlice<UInt8>) throws(C8Error) -> DocumentText {
        try presented.withBytes(text(of:))
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

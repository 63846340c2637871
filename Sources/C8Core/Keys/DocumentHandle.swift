/// A document handle (`_id`): `collection/key`.
///
/// Handles name documents across collections — in `_from`/`_to` of edges, in
/// C8QL's `DOCUMENT()`, in batch removes — so they are parsed in one place.
/// The collection part is only checked for shape here (ArangoDB's name
/// characters `[A-Za-z0-9_-]`, starting with a letter, `_` or a digit, at most
/// 256 bytes); whether it exists is for the engine to say.
public struct DocumentHandle: Hashable, Sendable, CustomStringConvertible {
    /// The longest collection name accepted in a handle, in bytes.
    public static let maximumCollectionLength = 256

    public let collection: String
    public let key: DocumentKey

    /// A handle from parts already known to be valid (the key type proves it).
    public init(collection: String, key: DocumentKey) {
        self.collection = collection
        self.key = key
    }

    /// Parses `coll/key`; throws 1205 (illegal document handle) on anything
    /// else: no slash, an empty or malformed collection, an illegal key.
    public init(parsing text: String) throws(C8Error) {
        guard let handle = Self(validating: text) else { throw C8Error(.documentHandleBad) }
        self = handle
    }

    /// Nil instead of an error, for callers that report their own number
    /// (an edge's bad `_from` is 1233, not 1205).
    public init?(validating text: String) {
        guard let parts = Self.split(text), Self.isValidCollection(parts.collection.utf8),
              DocumentKey.isValid(utf8: parts.key.utf8)
        else { return nil }
        self.collection = String(parts.collection)
        self.key = DocumentKey(unchecked: String(parts.key))
    }

    /// `text` cut at its first `/` into collection and key, unchecked: for
    /// the hot paths that look a handle up and find nothing under a
    /// malformed one. Bytewise — `String.firstIndex(of: "/")` walks
    /// grapheme clusters, and would take "/" plus a combining mark for one.
    public static func split(_ text: String) -> (collection: Substring, key: Substring)? {
        let bytes = text.utf8
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        return (text[..<slash], text[bytes.index(after: slash)...])
    }

    /// Whether `text` parses as a handle.
    public static func isValid(_ text: String) -> Bool { DocumentHandle(validating: text) != nil }

    /// `collection/key`.
    public var description: String { collection + "/" + key.rawValue }

    private static func isValidCollection(_ bytes: Substring.UTF8View) -> Bool {
        guard let first = bytes.first, bytes.count <= maximumCollectionLength else { return false }
        func isLetterOrDigit(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
        }
        guard isLetterOrDigit(first) || first == UInt8(ascii: "_") else { return false }
        return bytes.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }
}

extension DocumentKey {
    /// For text the caller has already validated.
    init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }
}

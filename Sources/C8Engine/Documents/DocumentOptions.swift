import C8Core

/// What to do when an insert meets an existing `_key` (ArangoDB's
/// `overwriteMode`).
public enum OverwriteMode: String, Sendable {
    /// Fail with 1210 (the default without `overwrite`).
    case conflict
    /// Keep the existing document, report it, write nothing.
    case ignore
    /// Replace the existing document (`overwrite: true`).
    case replace
    /// Merge into the existing document.
    case update
}

/// Options every write shares, with ArangoDB's defaults.
public struct WriteOptions: Sendable {
    /// Force the write-ahead log to disk before acknowledging (in addition
    /// to the collection's own `waitForSync`).
    public var waitForSync = false
    public var returnNew = false
    public var returnOld = false
    /// Report nothing on success.
    public var silent = false
    /// Ignore `_rev` in the body; the default. When false, a `_rev` that
    /// differs from the stored one fails with 1200.
    public var ignoreRevs = true
    /// A revision the stored document must have (If-Match); 1200 otherwise.
    public var ifMatch: String?
    /// update: remove attributes whose new value is null when false.
    public var keepNull = true
    /// update: merge nested objects (true) or replace them (false).
    public var mergeObjects = true
    /// insert: what to do with an existing `_key`.
    public var overwriteMode: OverwriteMode = .conflict
    /// Accept user keys even where the generator forbids them (restores).
    public var isRestore = false

    public init() {}
}

/// The outcome of one document write.
public struct DocumentResult: Sendable {
    public var id: String
    public var key: String
    public var rev: String
    /// The replaced revision (update, replace, overwriting insert).
    public var oldRev: String?
    public var new: JSON?
    public var old: JSON?
    /// True when an insert with `overwriteMode: ignore` found the key taken.
    public var ignored = false

    /// The API body: `{_id, _key, _rev[, _oldRev][, new][, old]}`.
    public var json: JSON {
        var object = JSONObject(minimumCapacity: 6)
        object.appendUnique("_id", .string(id))
        object.appendUnique("_key", .string(key))
        object.appendUnique("_rev", .string(rev))
        if let oldRev { object.appendUnique("_oldRev", .string(oldRev)) }
        if let new { object.appendUnique("new", new) }
        if let old { object.appendUnique("old", old) }
        return .object(object)
    }
}

/// Which document a replace, update or remove addresses: a key, or an
/// object with `_key` (and maybe `_rev`), as batch bodies give them.
public struct DocumentSelector: Sendable {
    public var key: String
    /// A revision from the body, checked unless `ignoreRevs`.
    public var rev: String?

    public init(key: String, rev: String? = nil) {
        self.key = key
        self.rev = rev
    }

    /// From a batch item: `"key"`, `"coll/key"`, or `{_key, _rev}`.
    public init(_ item: JSON, collection: String) throws(C8Error) {
        switch item {
        case .string(let s):
            key = Self.stripCollection(s, collection)
            rev = nil
        case .object:
            guard let k = item["_key"].stringValue ?? item["_id"].stringValue.map({ Self.stripCollection($0, collection) }) else {
                throw C8Error(.documentKeyMissing)
            }
            key = k
            rev = item["_rev"].stringValue
        default:
            throw C8Error(.documentHandleBad, "a document selector must be a key, an _id or an object with _key")
        }
    }

    private static func stripCollection(_ text: String, _ collection: String) -> String {
        guard let parts = DocumentHandle.split(text) else { return text }
        return String(parts.key)
    }
}
